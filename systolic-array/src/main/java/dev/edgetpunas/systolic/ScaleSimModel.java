package dev.edgetpunas.systolic;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import dev.edgetpunas.systolic.workload.Workload;

/**
 * SCALE-Sim compatible mode: scale-sim-v2's stall-free cycle counts, overall utilization and mapping
 * efficiency for WS, OS and IS. Folds run back to back, a partial fold costs a full one, no stalls,
 * no overlap; the placement is ignored.
 * <pre>
 * WS: ceil(K/R) * ceil(N/C) * (2R + C + T - 2) - 1
 * OS: ceil(T/R) * ceil(N/C) * (R + C + K - 2)  - 1
 * IS: ceil(K/R) * ceil(T/C) * (2R + C + N - 2) - 1
 * </pre>
 * A depthwise layer is split into one layer per channel ({@code Cin = 1}, {@code N = depthMultiplier}),
 * each with its own "-1", as SCALE-Sim does for layers named {@code DP}. Byte counts are the operand
 * demand the dataflow implies (SRAM reads of ifmap and filter elements, writes of ofmap elements,
 * partial sums included), all on chip. One departure: on a 1 x 1 array the OS formula counts one cycle
 * less than the layer's MACs (its "-1" with {@code R + C + K - 2 = K}); the model returns
 * {@code max(formula, ceil(MACs / (R*C)))}, so no layer takes fewer cycles than its MACs need.
 * {@link VectorWorkload}s, which SCALE-Sim has no unit for, cost
 * {@code ceil(ops / vectorElementsPerCycle)} cycles so that whole networks can be timed in this mode.
 *
 * <pre>{@code
 * ScaleSimModel m = new ScaleSimModel(new ArrayConfig(64, 64, Dataflow.WS, 500));
 * LayerResult r = m.evaluate(ConvWorkload.scaleSim(64, 64, 1, 1, 64, 64, 1, 1));
 * r.cycles();               // 4285
 * r.overallUtilization();   // 0.9559 (4096 / 4285)
 * }</pre>
 */
public final class ScaleSimModel implements CycleModel {
    private final ArrayConfig array;
    private final double vectorElementsPerCycle;

    /** SCALE-Sim mode on {@code array}; vector work at {@link EdgeTpuParams#DEFAULT_VECTOR_ELEMENTS_PER_CYCLE}. */
    public ScaleSimModel(ArrayConfig array) {
        this(array, EdgeTpuParams.DEFAULT_VECTOR_ELEMENTS_PER_CYCLE);
    }

    /** SCALE-Sim mode on {@code array}; vector work at {@code vectorElementsPerCycle} lane operations per cycle. */
    public ScaleSimModel(ArrayConfig array, double vectorElementsPerCycle) {
        if (array == null) throw new IllegalArgumentException("array must not be null");
        if (!(vectorElementsPerCycle > 0) || Double.isInfinite(vectorElementsPerCycle)) {
            throw new IllegalArgumentException("vectorElementsPerCycle must be > 0 and finite, but was " + vectorElementsPerCycle);
        }
        this.array = array;
        this.vectorElementsPerCycle = vectorElementsPerCycle;
    }

    @Override
    public ArrayConfig array() {
        return array;
    }

    @Override
    public String name() {
        return "scalesim";
    }

    /** Folds of a GEMM: {@code ceil(K/R) * ceil(N/C)} (WS), {@code ceil(T/R) * ceil(N/C)} (OS), {@code ceil(K/R) * ceil(T/C)} (IS). */
    public static long folds(Dataflow df, int rows, int cols, long t, long k, long n) {
        switch (df) {
            case WS: return ceilDiv(k, rows) * ceilDiv(n, cols);
            case OS: return ceilDiv(t, rows) * ceilDiv(n, cols);
            case IS: return ceilDiv(k, rows) * ceilDiv(t, cols);
        }
        throw new AssertionError(df);
    }

    /** Stall-free cycles of one GEMM layer, SCALE-Sim's closed form (with its "-1" once per layer). */
    public static long stallFreeCycles(Dataflow df, int rows, int cols, long t, long k, long n) {
        long perFold;
        switch (df) {
            case WS: perFold = 2L * rows + cols + t - 2; break;
            case OS: perFold = (long) rows + cols + k - 2; break;
            case IS: perFold = 2L * rows + cols + n - 2; break;
            default: throw new AssertionError(df);
        }
        return folds(df, rows, cols, t, k, n) * perFold - 1;
    }

    /**
     * SCALE-Sim's mapping efficiency: the filled fraction of the array, averaged over folds:
     * WS {@code (K / (ceil(K/R) R)) * (N / (ceil(N/C) C))}; OS the same with (T, N); IS with (K, T).
     */
    public static double mappingEfficiency(Dataflow df, int rows, int cols, long t, long k, long n) {
        long a;
        long b;
        switch (df) {
            case WS: a = k; b = n; break;
            case OS: a = t; b = n; break;
            case IS: a = k; b = t; break;
            default: throw new AssertionError(df);
        }
        return ((double) a / (ceilDiv(a, rows) * rows)) * ((double) b / (ceilDiv(b, cols) * cols));
    }

    @Override
    public LayerResult evaluate(Workload w, Placement placement) {
        switch (w.kind()) {
            case GEMM: {
                Gemm g = (Gemm) w;
                return gemm(g.m(), g.k(), g.n(), 1);
            }
            case CONV: {
                ConvWorkload c = (ConvWorkload) w;
                return gemm(c.streamedRows(), c.reductionDepth(), c.cout(), 1);
            }
            case FULLY_CONNECTED: {
                FullyConnected f = (FullyConnected) w;
                return gemm(1, f.inputs(), f.outputs(), 1);
            }
            case DEPTHWISE: {
                DepthwiseWorkload d = (DepthwiseWorkload) w;
                return gemm(d.streamedRows(), d.kernelArea(), d.depthMultiplier(), d.channels());
            }
            case VECTOR: {
                VectorWorkload v = (VectorWorkload) w;
                long cycles = Math.max(1, (long) Math.ceil(v.ops() / vectorElementsPerCycle));
                double util = Math.min(1.0, v.ops() / (cycles * vectorElementsPerCycle));
                return new LayerResult(cycles, 0, 0, util, util, 0, v.bytesIn(), v.bytesOut(), 0, 0, ExecutionUnit.VECTOR);
            }
        }
        throw new AssertionError(w.kind());
    }

    /** {@code layers} identical GEMM layers (one per channel for a split depthwise layer), each with its "-1". */
    private LayerResult gemm(long t, long k, long n, long layers) {
        Dataflow df = array.dataflow();
        int r = array.rows();
        int c = array.cols();
        long macs = layers * t * k * n;
        long perLayerBound = ceilDiv(t * k * n, (long) r * c);
        long cycles = layers * Math.max(stallFreeCycles(df, r, c, t, k, n), perLayerBound);
        long folds = layers * folds(df, r, c, t, k, n);
        double util = Math.min(1.0, (double) macs / ((double) cycles * r * c));
        double mapping = mappingEfficiency(df, r, c, t, k, n);
        long ifmapReads;
        long filterReads;
        long ofmapWrites;
        switch (df) {
            case WS:
                ifmapReads = t * k * ceilDiv(n, c);
                filterReads = k * n;
                ofmapWrites = t * n * ceilDiv(k, r);
                break;
            case OS:
                ifmapReads = t * k * ceilDiv(n, c);
                filterReads = k * n * ceilDiv(t, r);
                ofmapWrites = t * n;
                break;
            case IS:
                ifmapReads = t * k;
                filterReads = k * n * ceilDiv(t, c);
                ofmapWrites = t * n * ceilDiv(k, r);
                break;
            default:
                throw new AssertionError(df);
        }
        return new LayerResult(cycles, 0, macs, util, mapping, folds, layers * (ifmapReads + filterReads),
                layers * ofmapWrites, 0, 0, ExecutionUnit.ARRAY);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
