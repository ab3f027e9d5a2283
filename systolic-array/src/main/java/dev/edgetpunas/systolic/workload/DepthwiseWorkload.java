package dev.edgetpunas.systolic.workload;

/**
 * A depthwise convolution at batch 1: each of {@code channels} input channels is convolved with
 * {@code depthMultiplier} own {@code kh x kw} filters. It does not fit a weight-stationary array the
 * way a conv does (every column sees the same row inputs); the models map it block-diagonally,
 * channel by channel, or onto the vector path.
 *
 * <pre>{@code
 * DepthwiseWorkload dw = DepthwiseWorkload.same(112, 112, 192, 1, 3, 3, 2);   // 56x56x192 output
 * dw.macs();                                                                  // 5,419,008
 * }</pre>
 *
 * @param inH input height, > 0
 * @param inW input width, > 0
 * @param channels input channels, > 0
 * @param depthMultiplier filters per input channel, > 0
 * @param kh kernel height, > 0
 * @param kw kernel width, > 0
 * @param strideH vertical stride, > 0
 * @param strideW horizontal stride, > 0
 * @param outH output height, > 0
 * @param outW output width, > 0
 * @param dilationH vertical dilation, > 0
 * @param dilationW horizontal dilation, > 0
 */
public record DepthwiseWorkload(int inH, int inW, int channels, int depthMultiplier, int kh, int kw,
                                int strideH, int strideW, int outH, int outW, int dilationH, int dilationW)
        implements Workload {
    public DepthwiseWorkload {
        Checks.positive("inH", inH);
        Checks.positive("inW", inW);
        Checks.positive("channels", channels);
        Checks.positive("depthMultiplier", depthMultiplier);
        Checks.positive("kh", kh);
        Checks.positive("kw", kw);
        Checks.positive("strideH", strideH);
        Checks.positive("strideW", strideW);
        Checks.positive("outH", outH);
        Checks.positive("outW", outW);
        Checks.positive("dilationH", dilationH);
        Checks.positive("dilationW", dilationW);
        Checks.product("outH * outW * channels * depthMultiplier * kh * kw", outH, outW, channels, depthMultiplier, kh, kw);
        Checks.product("inH * inW * channels", inH, inW, channels);
    }

    /** SCALE-Sim's convention: pre-padded input, {@code E = ceil((H - F + S) / S)}, dilation 1. */
    public static DepthwiseWorkload scaleSim(int inH, int inW, int channels, int depthMultiplier, int kh, int kw,
                                             int strideH, int strideW) {
        int outH = Checks.scaleSimOut("outH", inH, kh, strideH);
        int outW = Checks.scaleSimOut("outW", inW, kw, strideW);
        return new DepthwiseWorkload(inH, inW, channels, depthMultiplier, kh, kw, strideH, strideW, outH, outW, 1, 1);
    }

    /** TFLite SAME padding: {@code out = ceil(in / stride)}, dilation 1. */
    public static DepthwiseWorkload same(int inH, int inW, int channels, int depthMultiplier, int kh, int kw, int stride) {
        Checks.positive("stride", stride);
        Checks.positive("inH", inH);
        Checks.positive("inW", inW);
        return new DepthwiseWorkload(inH, inW, channels, depthMultiplier, kh, kw, stride, stride,
                (inH + stride - 1) / stride, (inW + stride - 1) / stride, 1, 1);
    }

    /** {@code T = outH * outW}, the rows each channel streams. */
    public long streamedRows() {
        return (long) outH * outW;
    }

    /** {@code kh * kw}, the reduction depth of one channel. */
    public int kernelArea() {
        return kh * kw;
    }

    /** One channel's input bytes a pass over all output pixels touches (see {@link ConvWorkload#uniqueInputBytesPerPass}). */
    public long uniqueInputBytesPerChannel() {
        long covered = Checks.covered(inH, outH, kh, strideH, dilationH) * Checks.covered(inW, outW, kw, strideW, dilationW);
        return Math.min(streamedRows() * kernelArea(), covered);
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.DEPTHWISE;
    }

    @Override
    public long macs() {
        return streamedRows() * channels * depthMultiplier * kernelArea();
    }

    @Override
    public long weightBytes() {
        return (long) kernelArea() * channels * depthMultiplier;
    }

    @Override
    public long inputBytes() {
        return (long) inH * inW * channels;
    }

    @Override
    public long outputBytes() {
        return streamedRows() * channels * depthMultiplier;
    }
}
