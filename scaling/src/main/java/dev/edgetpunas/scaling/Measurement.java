package dev.edgetpunas.scaling;

/**
 * What the simulator says about one deployed network: latency and where its parameters and
 * activations live.
 *
 * <pre>{@code
 * Measurement m = LatencyProbe.of(simulator).measure(deployed);
 * m.latencyMs();
 * }</pre>
 *
 * @param latencyMs simulated latency of one warm inference
 * @param onchipUsedBytes parameter bytes cached in the on-chip memory
 * @param offchipStreamedBytes parameter bytes streamed from the host on every inference
 * @param activationLinkBytes activation bytes that crossed the link because they did not fit on chip
 * @param cpuOps ops that run on the host CPU
 */
public record Measurement(double latencyMs, long onchipUsedBytes, long offchipStreamedBytes, long activationLinkBytes, int cpuOps) {
    public Measurement {
        if (!(latencyMs >= 0) || !Double.isFinite(latencyMs)) {
            throw new IllegalArgumentException("latencyMs must be a finite number >= 0, but was " + latencyMs);
        }
        if (onchipUsedBytes < 0) throw new IllegalArgumentException("onchipUsedBytes must be >= 0, but was " + onchipUsedBytes);
        if (offchipStreamedBytes < 0) throw new IllegalArgumentException("offchipStreamedBytes must be >= 0, but was " + offchipStreamedBytes);
        if (activationLinkBytes < 0) throw new IllegalArgumentException("activationLinkBytes must be >= 0, but was " + activationLinkBytes);
        if (cpuOps < 0) throw new IllegalArgumentException("cpuOps must be >= 0, but was " + cpuOps);
    }
}
