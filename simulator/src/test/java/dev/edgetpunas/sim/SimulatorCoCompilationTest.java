package dev.edgetpunas.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Co-compiled models share the SRAM: the first model's cached parameters stay on chip while the second
 * runs (that is why nothing is reloaded between them), so the second model's activations get only the SRAM
 * that every co-compiled model's cached parameters leave. (Found by the validation work: before, the
 * second model was given the SRAM its own cache left, so co-compiling Inception v1 with Inception v4 made
 * v4 faster than alone.)
 */
class SimulatorCoCompilationTest {
    static final Profile USB = ProfileLoader.load("edgetpu-usb3-max");

    /** 6.25 MiB of weights on a tiny activation. */
    static Graph bigWeights() {
        GraphBuilder b = new GraphBuilder("big-weights", DType.INT8);
        int x = b.input("x", 1, 1, 2560);
        return b.build(b.conv2d("fc", x, 2560, 1, 1, Padding.SAME, true, Activation.NONE));
    }

    /** Tiny weights on 1 MiB in and 1 MiB out activations. */
    static Graph bigActivations() {
        GraphBuilder b = new GraphBuilder("big-activations", DType.INT8);
        int x = b.input("x", 256, 256, 16);
        return b.build(b.conv2d("mix", x, 16, 1, 1, Padding.SAME, true, Activation.NONE));
    }

    static long spilledBytes(LatencyReport r) {
        return r.ops().stream().mapToLong(OpTiming::linkBytes).sum();
    }

    @Test
    void aCoCompiledModelsActivationsShareTheSramWithTheOtherModelsCachedParameters() {
        Simulator sim = new Simulator(USB);
        Graph a = bigWeights(), b = bigActivations();
        LatencyReport alone = sim.simulate(b);
        assertEquals(0, spilledBytes(alone), "alone, 2 MiB of activations fit next to B's few cached bytes");
        List<LatencyReport> pair = sim.simulateAll(List.of(a, b), Scenario.ALTERNATE_COCOMPILED);
        assertTrue(pair.get(0).compile().onchipUsedBytes() > 6L << 20, "A's weights are cached");
        assertTrue(spilledBytes(pair.get(1)) > 0, "with A's 6.25 MiB resident, B's activations no longer fit on chip");
        assertTrue(pair.get(1).latencyMs() > alone.latencyMs());
    }

    @Test
    void separatelyCompiledModelsEachHaveTheSramTheirOwnCacheLeaves() {
        // alternate (compiled separately): each model reloads its own parameters, evicting the other's
        Simulator sim = new Simulator(USB);
        List<LatencyReport> pair = sim.simulateAll(List.of(bigWeights(), bigActivations()), Scenario.ALTERNATE);
        assertEquals(0, spilledBytes(pair.get(1)));
    }

    @Test
    void theFirstCoCompiledModelIsNeverFasterThanAlone() {
        Simulator sim = new Simulator(USB);
        Graph a = bigActivations(), b = bigWeights();
        List<LatencyReport> pair = sim.simulateAll(List.of(a, b), Scenario.ALTERNATE_COCOMPILED);
        assertTrue(pair.get(0).latencyMs() >= sim.simulate(a).latencyMs() - 1e-9);
    }
}
