package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A latency model for tests: 1 ms per GMAC, plus, when the parameters exceed {@code cacheBytes}, a
 * fixed {@code cliffMs} and 1 ms per MB streamed (a parameter-cache cliff). Counts its calls.
 */
final class FakeProbe implements LatencyProbe {
    final long cacheBytes;
    final double cliffMs;
    final AtomicInteger calls = new AtomicInteger();

    FakeProbe(long cacheBytes, double cliffMs) {
        this.cacheBytes = cacheBytes;
        this.cliffMs = cliffMs;
    }

    /** No cliff: latency grows with MACs only. */
    static FakeProbe smooth() {
        return new FakeProbe(Long.MAX_VALUE, 0);
    }

    @Override
    public Measurement measure(Graph deployed) {
        calls.incrementAndGet();
        long params = deployed.paramBytes();
        long streamed = Math.max(0, params - cacheBytes);
        double ms = deployed.macs() / 1e9 + (streamed > 0 ? cliffMs + streamed / 1e6 : 0);
        return new Measurement(ms, params - streamed, streamed, 0, 0);
    }
}
