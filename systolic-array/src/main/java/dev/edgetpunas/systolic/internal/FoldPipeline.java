package dev.edgetpunas.systolic.internal;

/**
 * Closed-form timing of the fold sequence of a weight-stationary array, with double-buffered (or not)
 * weights, partial folds and per-level bandwidth stalls. Not thread-safe: one instance per evaluation.
 *
 * <p>A layer is a sequence of <em>blocks</em>; each block is a GEMM of {@code T} streamed rows,
 * reduction depth {@code kb} and {@code nb} columns, tiled into {@code ceil(kb/R) * ceil(nb/C)} folds
 * (N tiles outer, K tiles inner; the last tile of each may be partial). A plain GEMM or conv is one
 * block; a block-diagonal depthwise layer is one block per group of {@code g} packed channels, whose
 * weight matrix holds only {@code 1/g} non-zero bytes. Fold {@code f} with {@code kf} rows and
 * {@code nf} columns streams {@code T} rows, reads {@code inPass * kf / kb} input bytes, and, in the last
 * K tile, writes {@code T * nf} output bytes; its weights are {@code kf * nf / g} bytes.
 *
 * <p>Double-buffered: the first fold's weight load is exposed ({@code max(k0, w0 / bw)} cycles), then
 * each fold streams while the next fold's weights load: {@code max(T, k_next, ceil(bytes at SRAM /
 * SRAM bw), ceil(bytes at link / link bw))} cycles, of which the part above {@code max(T, k_next)} is
 * stall; finally the array drains ({@code min(kb, R) + min(nb, C) - 2} cycles). Not double-buffered:
 * every fold loads ({@code max(kf, w / bw)}), streams ({@code max(T, in+out traffic / bw)}) and drains
 * ({@code kf + nf - 2}) in turn. Both subtract SCALE-Sim's one cycle per layer and add
 * {@code foldOverhead} per fold.
 *
 * <p>The sum runs over classes of identical consecutive folds, so its cost does not grow with the fold
 * count: at most about twenty period evaluations per layer.
 *
 * <pre>{@code
 * FoldPipeline p = new FoldPipeline(64, 64, true, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, true, true, true);
 * p.run(4096, 0, 0, 0, 1, 0, 64, 64, 1, 4096L * 64);
 * p.cycles();   // 4285 = 64 (first load) + 4096 (stream) + 126 (drain) - 1, SCALE-Sim's count for one fold
 * }</pre>
 */
public final class FoldPipeline {
    private final long rows;
    private final long cols;
    private final boolean doubleBuffered;
    private final double sramBw;
    private final double linkBw;
    private final long foldOverhead;
    private final boolean weightsOnChip;
    private final boolean inputOnChip;
    private final boolean outputOnChip;

    private long t;
    private long cycles;
    private long stall;
    private long folds;

    /**
     * @param rows array rows R
     * @param cols array columns C
     * @param doubleBuffered next fold's weights load while the current fold streams
     * @param sramBw SRAM bytes per cycle (may be infinite)
     * @param linkBw link bytes per cycle (may be infinite)
     * @param foldOverhead fixed cycles per fold
     * @param weightsOnChip weights come from SRAM (else the link)
     * @param inputOnChip input activations come from SRAM (else the link)
     * @param outputOnChip outputs go to SRAM (else the link)
     */
    public FoldPipeline(int rows, int cols, boolean doubleBuffered, double sramBw, double linkBw, long foldOverhead,
                        boolean weightsOnChip, boolean inputOnChip, boolean outputOnChip) {
        this.rows = rows;
        this.cols = cols;
        this.doubleBuffered = doubleBuffered;
        this.sramBw = sramBw;
        this.linkBw = linkBw;
        this.foldOverhead = foldOverhead;
        this.weightsOnChip = weightsOnChip;
        this.inputOnChip = inputOnChip;
        this.outputOnChip = outputOnChip;
    }

    /**
     * Times {@code fullBlocks} blocks of shape ({@code kF}, {@code nF}) packing {@code gF} channels,
     * followed by one block ({@code kL}, {@code nL}, {@code gL}). {@code inF} and {@code inL} are the input
     * bytes one pass of a block over its K tiles reads (a block is passed once per N tile).
     * Shape arguments of the full block are ignored when {@code fullBlocks == 0}.
     */
    public void run(long t, long fullBlocks, long kF, long nF, long gF, long inF, long kL, long nL, long gL, long inL) {
        this.t = t;
        cycles = 0;
        stall = 0;
        folds = 0;
        boolean hasFull = fullBlocks > 0;
        if (fullBlocks >= 2) {
            block(kF, nF, gF, inF, fullBlocks - 1, true, firstShift(kF), firstWeights(kF, nF, gF));
        }
        if (hasFull) {
            block(kF, nF, gF, inF, 1, true, firstShift(kL), firstWeights(kL, nL, gL));
        }
        block(kL, nL, gL, inL, 1, false, 0, 0);
        if (doubleBuffered) {
            long k0 = hasFull ? firstShift(kF) : firstShift(kL);
            double w0 = hasFull ? firstWeights(kF, nF, gF) : firstWeights(kL, nL, gL);
            long load = Math.max(k0, weightsOnChip ? bytesCycles(w0, sramBw) : bytesCycles(w0, linkBw));
            stall += load - k0;
            long kU = Math.min(hasFull ? Math.max(kF, kL) : kL, rows);
            long nU = Math.min(hasFull ? Math.max(nF, nL) : nL, cols);
            cycles += load + kU + nU - 2;
        }
        cycles -= 1;
    }

    /** Total cycles of the last {@link #run}. */
    public long cycles() {
        return cycles;
    }

    /** Stall cycles of the last {@link #run}. */
    public long stallCycles() {
        return stall;
    }

    /** Folds of the last {@link #run}. */
    public long folds() {
        return folds;
    }

    private long firstShift(long kb) {
        return kb > rows ? rows : kb;
    }

    private double firstWeights(long kb, long nb, long g) {
        return weights(firstShift(kb), nb > cols ? cols : nb, g);
    }

    private static double weights(long kf, long nf, long g) {
        return (double) (kf * nf) / g;
    }

    /** {@code mult} repetitions of one block; the last fold of each is followed by a fold of (nextShift, nextW). */
    private void block(long kb, long nb, long g, long inPass, long mult, boolean hasNext, long nextShift, double nextW) {
        long kt = (kb + rows - 1) / rows;
        long kLast = kb - (kt - 1) * rows;
        long nt = (nb + cols - 1) / cols;
        long nLast = nb - (nt - 1) * cols;
        long k0 = kt >= 2 ? rows : kLast;
        if (nt >= 2) {
            long full = nt - 1;
            innerK(kt, kLast, cols, g, kb, inPass, mult * full);
            period(kLast, cols, g, kb, inPass, true, k0, weights(k0, cols, g), mult * (full - 1));
            period(kLast, cols, g, kb, inPass, true, k0, weights(k0, nLast, g), mult);
        }
        innerK(kt, kLast, nLast, g, kb, inPass, mult);
        period(kLast, nLast, g, kb, inPass, true, hasNext ? nextShift : 0, hasNext ? nextW : 0, mult);
    }

    /** The folds of one N tile before its last K tile. */
    private void innerK(long kt, long kLast, long nf, long g, long kb, long inPass, long mult) {
        if (kt >= 3) period(rows, nf, g, kb, inPass, false, rows, weights(rows, nf, g), mult * (kt - 2));
        if (kt >= 2) period(rows, nf, g, kb, inPass, false, kLast, weights(kLast, nf, g), mult);
    }

    /** {@code mult} identical folds of kf x nf, each followed by a fold that shifts nextShift rows of nextW bytes. */
    private void period(long kf, long nf, long g, long kb, long inPass, boolean writesOut, long nextShift, double nextW, long mult) {
        if (mult <= 0) return;
        double in = inPass * (double) kf / kb;
        double out = writesOut ? (double) (t * nf) : 0.0;
        double sramActs = (inputOnChip ? in : 0) + (outputOnChip ? out : 0);
        double linkActs = (inputOnChip ? 0 : in) + (outputOnChip ? 0 : out);
        long time;
        long lost;
        if (doubleBuffered) {
            double sram = sramActs + (weightsOnChip ? nextW : 0);
            double link = linkActs + (weightsOnChip ? 0 : nextW);
            long base = Math.max(t, nextShift);
            long mem = Math.max(bytesCycles(sram, sramBw), bytesCycles(link, linkBw));
            time = Math.max(base, mem);
            lost = time - base;
        } else {
            double w = weights(kf, nf, g);
            long load = Math.max(kf, weightsOnChip ? bytesCycles(w, sramBw) : bytesCycles(w, linkBw));
            long stream = Math.max(t, Math.max(bytesCycles(sramActs, sramBw), bytesCycles(linkActs, linkBw)));
            time = load + stream + kf + nf - 2;
            lost = (load - kf) + (stream - t);
        }
        cycles += mult * (time + foldOverhead);
        stall += mult * lost;
        folds += mult;
    }

    private static long bytesCycles(double bytes, double bytesPerCycle) {
        if (bytes <= 0) return 0;
        return (long) Math.ceil(bytes / bytesPerCycle);
    }
}
