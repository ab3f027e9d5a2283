package dev.edgetpunas.nas.eval;

import dev.edgetpunas.compiler.graph.Graph;

/**
 * TEST DOUBLE, not the simulator: a deterministic analytic latency for tests and the evidence run
 * until the simulator is wired in. {@code latency = 0.25 ms + 0.002 ms per op + MACs / 400 GMAC/s +
 * (parameter bytes beyond 8 MiB) / 300 MB/s}. It has the right shape (fixed overhead, per-op cost,
 * compute, streamed weights) and nothing else; no number it gives is a claim about the Edge TPU.
 */
public final class AnalyticLatencyStandIn implements LatencyEvaluator {
    public static final double FIXED_MS = 0.25;
    public static final double PER_OP_MS = 0.002;
    public static final double MACS_PER_MS = 4e8;
    public static final double CACHE_BYTES = 8 * 1024 * 1024;
    public static final double STREAM_BYTES_PER_MS = 3e5;

    @Override
    public double latencyMs(Graph deployed) {
        double streamed = Math.max(0, deployed.paramBytes() - CACHE_BYTES);
        return FIXED_MS + PER_OP_MS * deployed.opCount() + deployed.macs() / MACS_PER_MS + streamed / STREAM_BYTES_PER_MS;
    }
}
