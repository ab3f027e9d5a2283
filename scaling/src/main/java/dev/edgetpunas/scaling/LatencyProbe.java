package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.compile.CompileResult;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import java.util.Objects;

/**
 * Measures a deployed network: the simulator in normal use, anything else in tests. Must be
 * thread-safe and deterministic.
 *
 * <pre>{@code
 * LatencyProbe probe = LatencyProbe.of(new Simulator(ProfileLoader.load("edgetpu-usb3-max")));
 * Measurement m = probe.measure(Deploy.apply(EfficientNet.build(spec)));
 * }</pre>
 */
@FunctionalInterface
public interface LatencyProbe {

    /** Latency and memory placement of one warm inference of {@code deployed}. */
    Measurement measure(Graph deployed);

    /** The simulator's warm latency ({@code simulator.simulate(deployed)}) and its compile result. */
    static LatencyProbe of(Simulator simulator) {
        Objects.requireNonNull(simulator, "simulator");
        return deployed -> {
            LatencyReport r = simulator.simulate(deployed);
            CompileResult c = r.compile();
            long link = 0;
            int cpu = 0;
            for (OpTiming o : r.ops()) {
                link += o.linkBytes();
                if (o.placement().equals("cpu")) cpu++;
            }
            return new Measurement(r.latencyMs(), c == null ? 0 : c.onchipUsedBytes(), c == null ? 0 : c.offchipStreamedBytes(), link, cpu);
        };
    }
}
