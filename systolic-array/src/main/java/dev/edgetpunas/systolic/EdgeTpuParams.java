package dev.edgetpunas.systolic;

/**
 * The numbers of {@link EdgeTpuModel} that cannot be measured from outside the chip. Every field has a
 * documented default; the accelerator profile sets them (the field names are the profile keys).
 *
 * <pre>{@code
 * EdgeTpuParams p = EdgeTpuParams.defaults()
 *         .withLinkBandwidthBytesPerCycle(EdgeTpuParams.bytesPerCycle(420, 500))   // 420 MB/s at 500 MHz
 *         .withDepthwiseMapping(DepthwiseMapping.VECTOR);
 * }</pre>
 *
 * @param doubleBufferedWeights the next fold's weights load while the current fold streams (default
 *     {@value #DEFAULT_DOUBLE_BUFFERED_WEIGHTS}); when false each fold loads, streams and drains in turn,
 *     as in SCALE-Sim
 * @param sramBandwidthBytesPerCycle bytes per array cycle that on-chip SRAM delivers to and accepts from
 *     the array, shared by every on-chip operand of a fold (default {@value #DEFAULT_SRAM_BANDWIDTH}:
 *     an assumption, enough to feed a 64-row edge and drain a 64-column edge each cycle); may be
 *     {@code Double.POSITIVE_INFINITY}
 * @param linkBandwidthBytesPerCycle bytes per array cycle the host link moves, shared by every off-chip
 *     operand; derived by the caller from the link's MB/s and the clock (default
 *     {@value #DEFAULT_LINK_BANDWIDTH} = 420 MB/s at 500 MHz, the x86 + USB3 figure implied by Coral's
 *     Inception v4 reference [D]); may be {@code Double.POSITIVE_INFINITY}
 * @param vectorElementsPerCycle lane operations per cycle of the vector path (element-wise, pooling,
 *     depthwise if mapped there); default {@value #DEFAULT_VECTOR_ELEMENTS_PER_CYCLE}, an assumption
 *     (one lane per array column); finite
 * @param depthwiseMapping how depthwise convolutions run (default {@link DepthwiseMapping#BLOCK_DIAGONAL})
 * @param foldOverheadCycles fixed cycles added per fold (control, accumulator switch); default 0
 * @param convInputReuse the array's input feeder forms conv windows from a line buffer, so a conv reads
 *     each input activation once per pass over the output channels instead of {@code kh*kw} times as
 *     im2col rows (default {@value #DEFAULT_CONV_INPUT_REUSE})
 */
public record EdgeTpuParams(boolean doubleBufferedWeights, double sramBandwidthBytesPerCycle, double linkBandwidthBytesPerCycle,
                            double vectorElementsPerCycle, DepthwiseMapping depthwiseMapping, long foldOverheadCycles,
                            boolean convInputReuse) {
    /** Default of {@link #doubleBufferedWeights()}. */
    public static final boolean DEFAULT_DOUBLE_BUFFERED_WEIGHTS = true;
    /** Default of {@link #sramBandwidthBytesPerCycle()}. */
    public static final double DEFAULT_SRAM_BANDWIDTH = 128.0;
    /** Default of {@link #linkBandwidthBytesPerCycle()}: 420 MB/s at 500 MHz. */
    public static final double DEFAULT_LINK_BANDWIDTH = 0.84;
    /** Default of {@link #vectorElementsPerCycle()}. */
    public static final double DEFAULT_VECTOR_ELEMENTS_PER_CYCLE = 64.0;
    /** Default of {@link #convInputReuse()}. */
    public static final boolean DEFAULT_CONV_INPUT_REUSE = true;

    private static final EdgeTpuParams DEFAULTS = new EdgeTpuParams(DEFAULT_DOUBLE_BUFFERED_WEIGHTS, DEFAULT_SRAM_BANDWIDTH,
            DEFAULT_LINK_BANDWIDTH, DEFAULT_VECTOR_ELEMENTS_PER_CYCLE, DepthwiseMapping.BLOCK_DIAGONAL, 0, DEFAULT_CONV_INPUT_REUSE);

    public EdgeTpuParams {
        bandwidth("sramBandwidthBytesPerCycle", sramBandwidthBytesPerCycle);
        bandwidth("linkBandwidthBytesPerCycle", linkBandwidthBytesPerCycle);
        if (!(vectorElementsPerCycle > 0) || Double.isInfinite(vectorElementsPerCycle)) {
            throw new IllegalArgumentException("vectorElementsPerCycle must be > 0 and finite, but was " + vectorElementsPerCycle);
        }
        if (depthwiseMapping == null) throw new IllegalArgumentException("depthwiseMapping must not be null");
        if (foldOverheadCycles < 0) throw new IllegalArgumentException("foldOverheadCycles must be >= 0, but was " + foldOverheadCycles);
    }

    private static void bandwidth(String field, double v) {
        if (!(v > 0)) throw new IllegalArgumentException(field + " must be > 0, but was " + v);
    }

    /** Every field at its documented default. */
    public static EdgeTpuParams defaults() {
        return DEFAULTS;
    }

    /** Defaults with unlimited SRAM and link bandwidth (no stall can occur). */
    public static EdgeTpuParams unlimitedBandwidth() {
        return DEFAULTS.withSramBandwidthBytesPerCycle(Double.POSITIVE_INFINITY).withLinkBandwidthBytesPerCycle(Double.POSITIVE_INFINITY);
    }

    /** Bytes per cycle of a link moving {@code megabytesPerSecond} (10^6 B/s) at {@code clockMhz}. */
    public static double bytesPerCycle(double megabytesPerSecond, double clockMhz) {
        if (!(megabytesPerSecond > 0)) throw new IllegalArgumentException("megabytesPerSecond must be > 0, but was " + megabytesPerSecond);
        if (!(clockMhz > 0)) throw new IllegalArgumentException("clockMhz must be > 0, but was " + clockMhz);
        return megabytesPerSecond / clockMhz;
    }

    public EdgeTpuParams withDoubleBufferedWeights(boolean v) {
        return new EdgeTpuParams(v, sramBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, vectorElementsPerCycle, depthwiseMapping, foldOverheadCycles, convInputReuse);
    }

    public EdgeTpuParams withSramBandwidthBytesPerCycle(double v) {
        return new EdgeTpuParams(doubleBufferedWeights, v, linkBandwidthBytesPerCycle, vectorElementsPerCycle, depthwiseMapping, foldOverheadCycles, convInputReuse);
    }

    public EdgeTpuParams withLinkBandwidthBytesPerCycle(double v) {
        return new EdgeTpuParams(doubleBufferedWeights, sramBandwidthBytesPerCycle, v, vectorElementsPerCycle, depthwiseMapping, foldOverheadCycles, convInputReuse);
    }

    public EdgeTpuParams withVectorElementsPerCycle(double v) {
        return new EdgeTpuParams(doubleBufferedWeights, sramBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, v, depthwiseMapping, foldOverheadCycles, convInputReuse);
    }

    public EdgeTpuParams withDepthwiseMapping(DepthwiseMapping v) {
        return new EdgeTpuParams(doubleBufferedWeights, sramBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, vectorElementsPerCycle, v, foldOverheadCycles, convInputReuse);
    }

    public EdgeTpuParams withFoldOverheadCycles(long v) {
        return new EdgeTpuParams(doubleBufferedWeights, sramBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, vectorElementsPerCycle, depthwiseMapping, v, convInputReuse);
    }

    public EdgeTpuParams withConvInputReuse(boolean v) {
        return new EdgeTpuParams(doubleBufferedWeights, sramBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, vectorElementsPerCycle, depthwiseMapping, foldOverheadCycles, v);
    }
}
