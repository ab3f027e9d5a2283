package dev.edgetpunas.cli.bench;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole-network simulations per second of EfficientNet-EdgeTPU-S on {@code edgetpu-usb3-max}:
 * {@code cold} asks a simulator without caches (every call compiles, lowers and builds the timeline
 * from scratch), {@code warm} asks a simulator that has seen the graph (a cache hit).
 * {@code ./edgetpu-nas bench simulate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulateBench {
    Profile profile;
    Graph graph;
    Simulator warm;
    Simulator cold;

    @Setup
    public void setup() {
        profile = ProfileLoader.load("edgetpu-usb3-max");
        graph = Deploy.apply(EfficientNet.build(EfficientNetSpec.EDGETPU_S));
        graph.digest();
        cold = new Simulator(profile, 0);
        warm = new Simulator(profile);
        warm.simulate(graph);
    }

    @Benchmark
    public double simulateCold() {
        return cold.simulate(graph).latencyUs();
    }

    @Benchmark
    public double simulateWarm() {
        return warm.simulate(graph).latencyUs();
    }
}
