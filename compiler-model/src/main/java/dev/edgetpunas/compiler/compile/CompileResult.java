package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the compiler model decided for one graph: per-op placement and status, the segments in run
 * order, and the parameter cache (which parameter tensors are cached, bytes used, remaining and
 * streamed, and the reserve and budget behind them).
 *
 * <pre>{@code
 * CompileResult r = EdgeTpuCompiler.compile(deployed, CompilerOptions.defaults());
 * r.op(3).where();                // TPU or CPU
 * r.onchipUsedBytes();            // cached parameter bytes
 * r.offchipStreamedBytes();       // parameter bytes streamed at every inference
 * r.isCached(tensorIndex);
 * }</pre>
 *
 * <p>Invariants (checked on construction): one placement per op in graph order; the segments cover
 * every op once; cached + streamed = the parameter bytes of the ops on the Edge TPU; used + remaining
 * = the budget this model had.
 */
public final class CompileResult {
    private final Graph graph;
    private final CompilerOptions options;
    private final List<OpPlacement> ops;
    private final List<Segment> segments;
    private final long onchipUsedBytes;
    private final long onchipRemainingBytes;
    private final long offchipStreamedBytes;
    private final long peakActivationBytes;
    private final long reserveBytes;
    private final long totalBudgetBytes;
    private final long budgetBytes;
    private final List<String> assumptions;
    private final boolean[] cached;
    private final int tpuOps;
    private final int tpuSegments;

    /**
     * @param graph the compiled graph
     * @param options the options used
     * @param ops one placement per op, in graph order
     * @param segments the segments in run order
     * @param onchipUsedBytes parameter bytes cached by this model
     * @param onchipRemainingBytes cache left after this model (and the co-compiled models before it)
     * @param offchipStreamedBytes parameter bytes of this model streamed at every inference
     * @param peakActivationBytes the peak live activation bytes the reserve was computed from (the
     *        largest over the Edge TPU segments, and over all models when co-compiled)
     * @param reserveBytes the reserve: {@code reserveFixedBytes + factor * peakActivationBytes}
     * @param totalBudgetBytes {@code sram - reserve}: the cache of all co-compiled models together
     * @param budgetBytes the part of it this model had (what earlier co-compiled models left)
     * @param assumptions modelling assumptions that decided some op (each once)
     * @param cachedTensors per tensor index, true for parameter tensors in the on-chip cache
     */
    public CompileResult(Graph graph, CompilerOptions options, List<OpPlacement> ops, List<Segment> segments, long onchipUsedBytes,
            long onchipRemainingBytes, long offchipStreamedBytes, long peakActivationBytes, long reserveBytes, long totalBudgetBytes,
            long budgetBytes, List<String> assumptions, boolean[] cachedTensors) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
        this.ops = List.copyOf(ops);
        this.segments = List.copyOf(segments);
        this.assumptions = List.copyOf(assumptions);
        this.cached = cachedTensors.clone();
        this.onchipUsedBytes = onchipUsedBytes;
        this.onchipRemainingBytes = onchipRemainingBytes;
        this.offchipStreamedBytes = offchipStreamedBytes;
        this.peakActivationBytes = peakActivationBytes;
        this.reserveBytes = reserveBytes;
        this.totalBudgetBytes = totalBudgetBytes;
        this.budgetBytes = budgetBytes;
        if (this.ops.size() != graph.opCount()) {
            throw new IllegalArgumentException("ops must have one placement per op (" + graph.opCount() + "), but had " + this.ops.size());
        }
        if (cached.length != graph.tensors().size()) {
            throw new IllegalArgumentException("cachedTensors must have one entry per tensor (" + graph.tensors().size() + "), but had " + cached.length);
        }
        int t = 0;
        long cachedSum = 0, streamedSum = 0;
        for (int i = 0; i < this.ops.size(); i++) {
            OpPlacement p = this.ops.get(i);
            if (p.index() != i) throw new IllegalArgumentException("ops[" + i + "] has index " + p.index());
            if (p.where() == Where.TPU) t++;
            cachedSum += p.cachedParamBytes();
            streamedSum += p.streamedParamBytes();
        }
        if (cachedSum != onchipUsedBytes || streamedSum != offchipStreamedBytes) {
            throw new IllegalArgumentException("per-op cached/streamed bytes (" + cachedSum + ", " + streamedSum
                    + ") must add up to onchipUsedBytes " + onchipUsedBytes + " and offchipStreamedBytes " + offchipStreamedBytes);
        }
        if (onchipUsedBytes < 0 || onchipRemainingBytes < 0 || onchipUsedBytes + onchipRemainingBytes != budgetBytes) {
            throw new IllegalArgumentException("onchipUsedBytes " + onchipUsedBytes + " + onchipRemainingBytes " + onchipRemainingBytes
                    + " must equal budgetBytes " + budgetBytes);
        }
        boolean[] covered = new boolean[this.ops.size()];
        int s = 0;
        for (Segment seg : this.segments) {
            if (seg.where() == Where.TPU) s++;
            for (int i : seg.ops()) {
                if (i < 0 || i >= covered.length || covered[i]) throw new IllegalArgumentException("segment " + seg.index() + " lists op " + i + " twice or out of range");
                if (this.ops.get(i).where() != seg.where()) throw new IllegalArgumentException("op " + i + " runs on " + this.ops.get(i).where() + " but is in a " + seg.where() + " segment");
                covered[i] = true;
            }
        }
        for (int i = 0; i < covered.length; i++) if (!covered[i]) throw new IllegalArgumentException("op " + i + " is in no segment");
        this.tpuOps = t;
        this.tpuSegments = s;
    }

    public Graph graph() {
        return graph;
    }

    public CompilerOptions options() {
        return options;
    }

    /** One placement per op, in graph order. */
    public List<OpPlacement> ops() {
        return ops;
    }

    /** The placement of op {@code index}. */
    public OpPlacement op(int index) {
        return ops.get(index);
    }

    /** Segments in run order. */
    public List<Segment> segments() {
        return segments;
    }

    /** Parameter bytes of this model in the on-chip cache ("On-chip memory used for caching model parameters"). */
    public long onchipUsedBytes() {
        return onchipUsedBytes;
    }

    /** Cache left ("On-chip memory remaining for caching model parameters"). */
    public long onchipRemainingBytes() {
        return onchipRemainingBytes;
    }

    /** Parameter bytes streamed at every inference ("Off-chip memory used for streaming uncached model parameters"). */
    public long offchipStreamedBytes() {
        return offchipStreamedBytes;
    }

    /** The peak live activation bytes the reserve was computed from. */
    public long peakActivationBytes() {
        return peakActivationBytes;
    }

    /** The reserve subtracted from the SRAM. */
    public long reserveBytes() {
        return reserveBytes;
    }

    /** SRAM minus the reserve: the cache all co-compiled models share. */
    public long totalBudgetBytes() {
        return totalBudgetBytes;
    }

    /** The cache this model had: the total budget less what earlier co-compiled models used. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** Modelling assumptions that decided some op of this graph, each once. */
    public List<String> assumptions() {
        return assumptions;
    }

    /** True if tensor {@code t} is a parameter tensor held in the on-chip cache. */
    public boolean isCached(int t) {
        return cached[t];
    }

    /** Indices of the cached parameter tensors, ascending. */
    public int[] cachedParameterTensors() {
        int n = 0;
        for (boolean c : cached) if (c) n++;
        int[] out = new int[n];
        int k = 0;
        for (int t = 0; t < cached.length; t++) if (cached[t]) out[k++] = t;
        return out;
    }

    /** Number of ops on the Edge TPU. */
    public int tpuOpCount() {
        return tpuOps;
    }

    /** Number of ops on the CPU. */
    public int cpuOpCount() {
        return ops.size() - tpuOps;
    }

    /** Number of Edge TPU segments ("Number of Edge TPU subgraphs"). */
    public int tpuSegmentCount() {
        return tpuSegments;
    }

    /** The share of ops on the Edge TPU, 0..1. */
    public double tpuOpShare() {
        return ops.isEmpty() ? 0 : (double) tpuOps / ops.size();
    }

    /** Parameter bytes of the ops on the Edge TPU (cached + streamed). */
    public long tpuParamBytes() {
        return onchipUsedBytes + offchipStreamedBytes;
    }

    @Override
    public String toString() {
        return "CompileResult[" + graph.name() + ", compiler " + options.version() + ", " + tpuOps + "/" + ops.size() + " ops on the Edge TPU, "
                + tpuSegments + " segment(s), cached " + onchipUsedBytes + " B, streamed " + offchipStreamedBytes + " B]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompileResult r && graph.equals(r.graph) && options.equals(r.options) && ops.equals(r.ops)
                && segments.equals(r.segments) && onchipUsedBytes == r.onchipUsedBytes && onchipRemainingBytes == r.onchipRemainingBytes
                && offchipStreamedBytes == r.offchipStreamedBytes && budgetBytes == r.budgetBytes && Arrays.equals(cached, r.cached);
    }

    @Override
    public int hashCode() {
        return Objects.hash(graph.digest(), options, ops, onchipUsedBytes, offchipStreamedBytes);
    }
}
