package dev.edgetpunas.cli.bench;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one NAS candidate costs without accuracy: a latency-only evaluation on the {@code edgetpu}
 * space (a fresh random genome, decoded to the 224x224 training graph, {@link Deploy}ed, simulated on
 * {@code edgetpu-usb3-max}), its parts, and the simulator alone on a fixed graph. Candidates are new
 * genomes every time (the space holds about 10^13), as in a search, and the simulator runs without
 * caches ({@code new Simulator(profile, 0)}, what {@code edgetpu-nas search} uses), so the fixed-graph
 * benchmarks compile and simulate on every call too (the graph's digest is not needed then).
 *
 * <pre>{@code
 * ./edgetpu-nas bench nas --quick
 * }</pre>
 */
@State(Scope.Benchmark)
public class NasBench {
    Profile profile;
    Simulator simulator;
    EdgeTpuSpace space;
    NasBench201Space nb201;
    SplittableRandom rng;
    Graph sTraining;
    Graph sDeployed;
    Graph nb201Deployed;

    @Setup
    public void setup() {
        profile = ProfileLoader.load("edgetpu-usb3-max");
        simulator = new Simulator(profile, 0);
        space = new EdgeTpuSpace(false);
        nb201 = new NasBench201Space(NasBench201Dataset.CIFAR10);
        rng = new SplittableRandom(20190806L);
        sTraining = space.decode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S);
        sDeployed = Deploy.apply(sTraining);
        nb201Deployed = Deploy.apply(nb201.decode(NasBench201Cell.parse(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")));
    }

    /** edgetpu space, latency only: random genome, decode, deploy, simulate (the search's latency path). */
    @Benchmark
    public double edgetpuLatencyOnlyEvaluation() {
        return simulator.simulate(Deploy.apply(space.decode(space.sample(rng)))).latencyMs();
    }

    /** edgetpu space: random genome to the training graph (EfficientNet builder, shape inference, validation). */
    @Benchmark
    public Graph edgetpuDecode() {
        return space.decode(space.sample(rng));
    }

    /** Deploy (fold BN, fuse activations, int8 types) of EfficientNet-EdgeTPU-S's training graph. */
    @Benchmark
    public Graph edgetpuDeployS() {
        return Deploy.apply(sTraining);
    }

    /** The simulator alone (compile + timeline) on EfficientNet-EdgeTPU-S. */
    @Benchmark
    public double simulateFixedGraphS() {
        return simulator.simulate(sDeployed).latencyMs();
    }

    /** The simulator alone on a NAS-Bench-201 CIFAR network (cell 1 of HW-NAS-Bench). */
    @Benchmark
    public double simulateFixedGraphNasBench201() {
        return simulator.simulate(nb201Deployed).latencyMs();
    }

    /** nasbench201 space, latency only: random cell, decode, deploy, simulate (the exhaustive optimum's path). */
    @Benchmark
    public double nasbench201LatencyOnlyEvaluation() {
        return simulator.simulate(Deploy.apply(nb201.decode(nb201.sample(rng)))).latencyMs();
    }
}
