package dev.edgetpunas.training.kernels;

/**
 * Geometry of a 2-D convolution (or pooling window): kernel extent, stride, dilation, padding and groups.
 * {@code groups == 1} is CONV_2D; {@code groups == inputChannels} with {@code outputChannels = groups * m}
 * is DEPTHWISE_CONV_2D with depth multiplier {@code m}.
 *
 * <pre>{@code
 * Conv2dSpec conv = Conv2dSpec.of(3, 1, Padding.SAME);              // 3x3, stride 1
 * Conv2dSpec dw = Conv2dSpec.of(5, 2, Padding.SAME).withGroups(96); // depthwise 5x5 / 2 over 96 channels
 * }</pre>
 */
public record Conv2dSpec(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                         Padding padding, int groups) {
    public Conv2dSpec {
        positive("kernelH", kernelH);
        positive("kernelW", kernelW);
        positive("strideH", strideH);
        positive("strideW", strideW);
        positive("dilationH", dilationH);
        positive("dilationW", dilationW);
        positive("groups", groups);
        if (padding == null) throw new IllegalArgumentException("padding must not be null");
    }

    /** A square kernel with equal strides, no dilation, one group. */
    public static Conv2dSpec of(int kernel, int stride, Padding padding) {
        return new Conv2dSpec(kernel, kernel, stride, stride, 1, 1, padding, 1);
    }

    /** The same geometry with {@code groups} groups. */
    public Conv2dSpec withGroups(int g) {
        return new Conv2dSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, padding, g);
    }

    /** The same geometry with the given dilation. */
    public Conv2dSpec withDilation(int dh, int dw) {
        return new Conv2dSpec(kernelH, kernelW, strideH, strideW, dh, dw, padding, groups);
    }

    /** Output height for an input of height {@code h}. */
    public int outH(int h) {
        return padding.outputSize(h, kernelH, strideH, dilationH);
    }

    /** Output width for an input of width {@code w}. */
    public int outW(int w) {
        return padding.outputSize(w, kernelW, strideW, dilationW);
    }

    /** Rows of padding above the input. */
    public int padTop(int h) {
        return padding.padBefore(h, kernelH, strideH, dilationH);
    }

    /** Columns of padding left of the input. */
    public int padLeft(int w) {
        return padding.padBefore(w, kernelW, strideW, dilationW);
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, but was " + v);
    }
}
