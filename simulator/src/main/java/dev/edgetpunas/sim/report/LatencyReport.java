package dev.edgetpunas.sim.report;

import dev.edgetpunas.compiler.compile.CompileResult;
import java.util.List;
import java.util.Objects;

/**
 * One simulated inference: the total and its parts, per-op rows, link activity and the compile result it
 * came from.
 *
 * <pre>{@code
 * LatencyReport r = new Simulator(ProfileLoader.load("edgetpu-usb3-max")).simulate(graph);
 * r.latencyMs();          // what a Coral benchmark would print
 * r.tpuMs() + r.cpuMs() + r.transferMs() + r.overheadMs();   // == latencyMs()
 * }</pre>
 *
 * @param model model name
 * @param profile profile name
 * @param profileDigest the profile's digest
 * @param scenario scenario id ({@code warm}, {@code cold}, ...)
 * @param tpuUs time of Edge TPU ops (including streamed-parameter time not hidden under compute)
 * @param cpuUs time of ops on the host CPU
 * @param transferUs input, output, segment-boundary transfers and cached-parameter loads
 * @param overheadUs fixed per-inference (per Edge TPU invocation) host overhead
 * @param ops per-op rows in run order
 * @param transfers link and driver activity in time order
 * @param compile the compile result (null for a host-only profile)
 */
public record LatencyReport(String model, String profile, String profileDigest, String scenario, double tpuUs, double cpuUs,
        double transferUs, double overheadUs, List<OpTiming> ops, List<Transfer> transfers, CompileResult compile) {

    public LatencyReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profileDigest, "profileDigest");
        Objects.requireNonNull(scenario, "scenario");
        ops = List.copyOf(ops);
        transfers = List.copyOf(transfers);
    }

    /** Whole inference, microseconds. */
    public double latencyUs() {
        return tpuUs + cpuUs + transferUs + overheadUs;
    }

    /** Whole inference, milliseconds. */
    public double latencyMs() {
        return latencyUs() / 1000.0;
    }

    public double tpuMs() {
        return tpuUs / 1000.0;
    }

    public double cpuMs() {
        return cpuUs / 1000.0;
    }

    public double transferMs() {
        return transferUs / 1000.0;
    }

    public double overheadMs() {
        return overheadUs / 1000.0;
    }

    /** Parameter bytes streamed over the link per inference. */
    public long streamedParamBytes() {
        long n = 0;
        for (OpTiming o : ops) n += o.paramBytesStreamed();
        return n;
    }
}
