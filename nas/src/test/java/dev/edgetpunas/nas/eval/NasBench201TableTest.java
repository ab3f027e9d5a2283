package dev.edgetpunas.nas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.TestData;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasBench201TableTest {

    @Test
    void accuraciesAreFractionsAndTheBestCifar10CellIs94point37() {
        NasBench201Table t = TestData.table(NasBench201Dataset.CIFAR10);
        NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);
        double best = space.all().mapToDouble(t::accuracy).max().orElseThrow();
        assertEquals(0.9437, best, 1e-4);
        assertTrue(space.all().allMatch(c -> t.accuracy(c) >= 0 && t.accuracy(c) <= 1));
        NasBench201Cell c = NasBench201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        assertEquals(0.9366, t.accuracy(c), 1e-12);
        assertEquals(0.702933, TestData.table(NasBench201Dataset.CIFAR100).accuracy(c), 1e-12);
        assertEquals(0.440333, TestData.table(NasBench201Dataset.IMAGENET16).accuracy(c), 1e-12);
    }

    @Test
    void asAnEstimatorItIgnoresTheSeed() {
        NasBench201Table t = TestData.table(NasBench201Dataset.CIFAR10);
        NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);
        NasBench201Cell c = new NasBench201Cell(4242);
        Architecture a = new Architecture(space.name(), c.toString(), space.describe(c), () -> {
            throw new AssertionError("a table lookup must not decode the graph");
        });
        assertEquals(Estimate.ok(t.accuracy(c)), t.estimate(a, 1));
        assertEquals(t.estimate(a, 1), t.estimate(a, 2));
        assertEquals("nb201:cifar10", t.name());
    }

    @Test
    void loadErrorsNameFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.write(csv, List.of("arch_str,cifar10_test_acc", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,150"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NasBench201Table.load(csv, NasBench201Dataset.CIFAR10));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("cifar10_test_acc"), e.getMessage());
        Files.write(csv, List.of("arch_str,cifar10_test_acc", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,10"));
        e = assertThrows(IllegalArgumentException.class, () -> NasBench201Table.load(csv, NasBench201Dataset.CIFAR10));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NasBench201Table.load(csv, NasBench201Dataset.CIFAR100));
        assertTrue(e.getMessage().contains("cifar100_test_acc"), e.getMessage());
    }
}
