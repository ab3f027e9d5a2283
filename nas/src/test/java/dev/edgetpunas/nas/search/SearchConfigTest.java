package dev.edgetpunas.nas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SearchConfigTest {
    private static final Path OUT = Path.of("out");

    private static void rejects(String fragment, Supplier<?> s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void defaultsFollowTheSpace() {
        SearchConfig nb = SearchConfig.builder(SpaceKind.NASBENCH201).out(OUT).build();
        assertEquals(10, nb.population());
        assertEquals(3, nb.sample());
        assertEquals("nb201:cifar10", nb.accuracy().toString());
        SearchConfig et = SearchConfig.builder(SpaceKind.EDGETPU).out(OUT).build();
        assertEquals(50, et.population());
        assertEquals(10, et.sample());
        assertEquals(AccuracySpec.Kind.PROXY, et.accuracy().kind());
        assertEquals(new NasBench201Space(NasBench201Dataset.CIFAR10).defaults(), SpaceKind.NASBENCH201.defaults());
        assertEquals(new EdgeTpuSpace(false).defaults(), SpaceKind.EDGETPU.defaults());
        assertTrue(nb.targetMs().isEmpty());
    }

    @Test
    void nb201DatasetComesFromTheAccuracySpec() {
        SearchConfig c = SearchConfig.builder(SpaceKind.NASBENCH201).accuracy(AccuracySpec.parse("nb201:imagenet16")).out(OUT).build();
        assertEquals(NasBench201Dataset.IMAGENET16, c.dataset());
        assertEquals(NasBench201Dataset.CIFAR100, AccuracySpec.parse("NB201:cifar100").dataset().orElseThrow());
    }

    @Test
    void inconsistentSettingsAreRejectedWithTheOption() {
        rejects("--out", () -> SearchConfig.builder(SpaceKind.NASBENCH201).build());
        rejects("--budget", () -> SearchConfig.builder(SpaceKind.NASBENCH201).budget(0));
        rejects("--sample 5", () -> SearchConfig.builder(SpaceKind.NASBENCH201).population(4).sample(5).out(OUT).build());
        rejects("nasbench201", () -> SearchConfig.builder(SpaceKind.EDGETPU).accuracy(AccuracySpec.parse("nb201")).out(OUT).build());
        rejects("--accuracy-cmd", () -> SearchConfig.builder(SpaceKind.EDGETPU).accuracy(AccuracySpec.cmd()).out(OUT).build());
        rejects("--accuracy cmd", () -> SearchConfig.builder(SpaceKind.EDGETPU).accuracy(AccuracySpec.proxy()).accuracyCommand("x").out(OUT).build());
        rejects("--checkpoint", () -> SearchConfig.builder(SpaceKind.NASBENCH201).resume(true).out(OUT).build());
        rejects("--target-ms", () -> SearchConfig.builder(SpaceKind.NASBENCH201).targetMs(0));
        rejects("edgetpu", () -> SearchConfig.builder(SpaceKind.NASBENCH201).swishAndSe(true).out(OUT).build());
        rejects("disagrees", () -> SearchConfig.builder(SpaceKind.NASBENCH201).accuracy(AccuracySpec.parse("nb201:cifar10"))
                .dataset(NasBench201Dataset.CIFAR100).out(OUT).build());
        rejects("unknown accuracy", () -> AccuracySpec.parse("table"));
        rejects("unknown search space", () -> SpaceKind.parse("darts"));
    }

    @Test
    void explicitPopulationCapsTheDefaultSample() {
        SearchConfig c = SearchConfig.builder(SpaceKind.EDGETPU).population(6).out(OUT).build();
        assertEquals(6, c.sample());
    }
}
