package dev.edgetpunas.systolic.workload;

/**
 * A 2-D convolution at batch 1, lowered to a GEMM: {@code K = kh * kw * cin} rows, {@code N = cout}
 * columns, {@code T = outH * outW} streamed rows. The caller gives the output size it computed with its
 * padding; {@link #same}, {@link #valid} and {@link #scaleSim} compute it for the common cases.
 *
 * <pre>{@code
 * ConvWorkload c = ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1);   // 56x56 output, SCALE-Sim style
 * ConvWorkload s = ConvWorkload.same(112, 112, 3, 3, 24, 192, 1);       // TFLite SAME: 112x112 output
 * s.toGemm();                                                             // Gemm[m=12544, k=216, n=192]
 * }</pre>
 *
 * @param inH input height (unpadded, or pre-padded for SCALE-Sim), > 0
 * @param inW input width, > 0
 * @param kh kernel height, > 0
 * @param kw kernel width, > 0
 * @param cin input channels, > 0
 * @param cout output channels (filters), > 0
 * @param strideH vertical stride, > 0
 * @param strideW horizontal stride, > 0
 * @param outH output height, > 0
 * @param outW output width, > 0
 * @param dilationH vertical dilation, > 0
 * @param dilationW horizontal dilation, > 0
 */
public record ConvWorkload(int inH, int inW, int kh, int kw, int cin, int cout, int strideH, int strideW,
                           int outH, int outW, int dilationH, int dilationW) implements Workload {
    public ConvWorkload {
        Checks.positive("inH", inH);
        Checks.positive("inW", inW);
        Checks.positive("kh", kh);
        Checks.positive("kw", kw);
        Checks.positive("cin", cin);
        Checks.positive("cout", cout);
        Checks.positive("strideH", strideH);
        Checks.positive("strideW", strideW);
        Checks.positive("outH", outH);
        Checks.positive("outW", outW);
        Checks.positive("dilationH", dilationH);
        Checks.positive("dilationW", dilationW);
        Checks.product("outH * outW * kh * kw * cin * cout", outH, outW, kh, kw, cin, cout);
        Checks.product("inH * inW * cin", inH, inW, cin);
    }

    /**
     * SCALE-Sim's convention: the input is already padded and {@code E = ceil((H - F + S) / S)} per axis,
     * dilation 1.
     */
    public static ConvWorkload scaleSim(int inH, int inW, int kh, int kw, int cin, int cout, int strideH, int strideW) {
        int outH = Checks.scaleSimOut("outH", inH, kh, strideH);
        int outW = Checks.scaleSimOut("outW", inW, kw, strideW);
        return new ConvWorkload(inH, inW, kh, kw, cin, cout, strideH, strideW, outH, outW, 1, 1);
    }

    /** TFLite/TensorFlow SAME padding: {@code out = ceil(in / stride)}, dilation 1. */
    public static ConvWorkload same(int inH, int inW, int kh, int kw, int cin, int cout, int stride) {
        Checks.positive("stride", stride);
        Checks.positive("inH", inH);
        Checks.positive("inW", inW);
        return new ConvWorkload(inH, inW, kh, kw, cin, cout, stride, stride,
                (inH + stride - 1) / stride, (inW + stride - 1) / stride, 1, 1);
    }

    /** VALID padding: {@code out = floor((in - k) / stride) + 1}, dilation 1. */
    public static ConvWorkload valid(int inH, int inW, int kh, int kw, int cin, int cout, int stride) {
        Checks.positive("stride", stride);
        if (kh > inH || kw > inW) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw + " must fit the input " + inH + "x" + inW + " with VALID padding");
        }
        return new ConvWorkload(inH, inW, kh, kw, cin, cout, stride, stride,
                (inH - kh) / stride + 1, (inW - kw) / stride + 1, 1, 1);
    }

    /** The GEMM of the lowered conv: {@code M = outH * outW, K = kh * kw * cin, N = cout}. */
    public Gemm toGemm() {
        return new Gemm(streamedRows(), reductionDepth(), cout);
    }

    /** {@code T = outH * outW}. */
    public long streamedRows() {
        return (long) outH * outW;
    }

    /** {@code K = kh * kw * cin}. */
    public long reductionDepth() {
        return (long) kh * kw * cin;
    }

    /**
     * Bytes of input one pass over all output pixels must read when the array's input feeder forms the
     * conv windows itself (a line buffer): every input activation the windows touch, once. Bounded by
     * the im2col size {@code T * K} (a strided 1x1 conv skips pixels) and by the input extent the
     * windows cover.
     */
    public long uniqueInputBytesPerPass() {
        long covered = Checks.covered(inH, outH, kh, strideH, dilationH) * Checks.covered(inW, outW, kw, strideW, dilationW) * cin;
        return Math.min(streamedRows() * reductionDepth(), covered);
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.CONV;
    }

    @Override
    public long macs() {
        return streamedRows() * reductionDepth() * cout;
    }

    @Override
    public long weightBytes() {
        return reductionDepth() * cout;
    }

    @Override
    public long inputBytes() {
        return (long) inH * inW * cin;
    }

    @Override
    public long outputBytes() {
        return streamedRows() * cout;
    }
}
