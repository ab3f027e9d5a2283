package dev.edgetpunas.compiler.zoo;

/**
 * One stage of an EfficientNet-style network, as an EfficientNet block string describes it
 * ({@code r2_k3_s22_e8_i24_o32_c1}): {@code repeats} blocks, the first with the stride.
 *
 * <pre>{@code
 * BlockArgs b = BlockString.parse("r2_k3_s22_e8_i24_o32_c1");
 * b.fused();            // true: 3x3 expansion conv + 1x1 projection, no depthwise
 * BlockString.format(b) // "r2_k3_s22_e8_i24_o32_c1"
 * }</pre>
 *
 * @param repeats number of blocks (r)
 * @param kernel depthwise kernel size (k); ignored by fused blocks, whose expansion is 3x3
 * @param strideH stride of the first block, height (first digit of s)
 * @param strideW stride of the first block, width (second digit of s)
 * @param expandRatio expansion ratio (e): the expanded width is {@code inputFilters * expandRatio}
 * @param inputFilters input filters (i); only sets the expansion width, the real input is whatever
 *     the previous layer produced
 * @param outputFilters output filters (o)
 * @param seRatio squeeze-and-excitation ratio in (0, 1], or 0 for none (se)
 * @param idSkip false if the block string says {@code noskip}
 * @param convType 0: MBConv (1x1 expand, depthwise, 1x1 project); 1: fused (c1)
 */
public record BlockArgs(int repeats, int kernel, int strideH, int strideW, int expandRatio, int inputFilters,
        int outputFilters, double seRatio, boolean idSkip, int convType) {

    public BlockArgs {
        positive(repeats, "repeats (r)");
        positive(kernel, "kernel (k)");
        positive(strideH, "stride (s) height");
        positive(strideW, "stride (s) width");
        positive(expandRatio, "expansion (e)");
        positive(inputFilters, "input filters (i)");
        positive(outputFilters, "output filters (o)");
        if (!(seRatio >= 0 && seRatio <= 1)) {
            throw new IllegalArgumentException("se ratio must be in (0, 1] (or absent), but was " + seRatio);
        }
        if (convType != 0 && convType != 1) {
            throw new IllegalArgumentException("conv type (c) must be 0 or 1, but was " + convType);
        }
    }

    private static void positive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, but was " + v);
    }

    /** True for a fused block ({@code c1}). */
    public boolean fused() {
        return convType == 1;
    }

    /** True if the block has squeeze-and-excitation. */
    public boolean hasSe() {
        return seRatio > 0;
    }

    public BlockArgs withRepeats(int r) {
        return new BlockArgs(r, kernel, strideH, strideW, expandRatio, inputFilters, outputFilters, seRatio, idSkip, convType);
    }

    public BlockArgs withFilters(int in, int out) {
        return new BlockArgs(repeats, kernel, strideH, strideW, expandRatio, in, out, seRatio, idSkip, convType);
    }

    public BlockArgs withConvType(int c) {
        return new BlockArgs(repeats, kernel, strideH, strideW, expandRatio, inputFilters, outputFilters, seRatio, idSkip, c);
    }

    public BlockArgs withKernel(int k) {
        return new BlockArgs(repeats, k, strideH, strideW, expandRatio, inputFilters, outputFilters, seRatio, idSkip, convType);
    }

    public BlockArgs withExpandRatio(int e) {
        return new BlockArgs(repeats, kernel, strideH, strideW, e, inputFilters, outputFilters, seRatio, idSkip, convType);
    }

    public BlockArgs withSeRatio(double se) {
        return new BlockArgs(repeats, kernel, strideH, strideW, expandRatio, inputFilters, outputFilters, se, idSkip, convType);
    }

    @Override
    public String toString() {
        return BlockString.format(this);
    }
}
