package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.QType;

/**
 * CONV_2D as TFLite's reference integer kernels compute it ({@code reference_integer_ops::ConvPerChannel}
 * for int8, {@code reference_ops::Conv} for uint8): for each output (b, y, x, c),
 * {@code acc = bias[c] + sum (in - in_zp) * (w - w_zp)} over the window (padding contributes 0), then
 * {@code out = clamp(MultiplyByQuantizedMultiplier(acc, m[c], s[c]) + out_zp, act_min, act_max)}.
 * Input NHWC, filter OHWI, bias int32 per output channel (may be null), output NHWC.
 *
 * <pre>{@code
 * Conv2D conv = Conv2D.prepare(new Conv2D.Options(Padding.SAME, 2, 2, 1, 1, FusedActivation.RELU6),
 *         input, filter, filterBytes, bias, output);
 * conv.run(inBytes, outBytes, Parallelism.serial());
 * }</pre>
 */
public final class Conv2D {

    /**
     * CONV_2D options (TFLite's {@code Conv2DOptions}).
     *
     * @param padding SAME or VALID
     * @param strideH stride along height, &gt; 0
     * @param strideW stride along width, &gt; 0
     * @param dilationH dilation along height, &gt; 0
     * @param dilationW dilation along width, &gt; 0
     * @param activation fused activation
     */
    public record Options(Padding padding, int strideH, int strideW, int dilationH, int dilationW, FusedActivation activation) {
        public Options {
            if (padding == null) throw new IllegalArgumentException("padding must not be null");
            if (activation == null) throw new IllegalArgumentException("activation must not be null");
            checkPositive(strideH, "stride_h");
            checkPositive(strideW, "stride_w");
            checkPositive(dilationH, "dilation_h");
            checkPositive(dilationW, "dilation_w");
        }

        /** Equal strides, no dilation. */
        public static Options of(Padding padding, int stride, FusedActivation activation) {
            return new Options(padding, stride, stride, 1, 1, activation);
        }
    }

    private final QType type;
    private final int batches, inH, inW, inC, kH, kW, outC, outH, outW;
    private final int strideH, strideW, dilationH, dilationW, padTop, padLeft;
    private final int inputOffset, outputOffset, actMin, actMax;
    private final int[] weightsKxC; // [kH*kW*inC][outC] (transposed OHWI), filter offset applied
    private final int[] bias;
    private final int[] multipliers, shifts;

    private Conv2D(Options o, QTensor input, QTensor filter, byte[] filterData, int[] bias, QTensor output) {
        Shapes.checkRank("CONV_2D input", input.shape(), 4);
        Shapes.checkRank("CONV_2D filter", filter.shape(), 4);
        type = input.type();
        batches = input.dim(0);
        inH = input.dim(1);
        inW = input.dim(2);
        inC = input.dim(3);
        outC = filter.dim(0);
        kH = filter.dim(1);
        kW = filter.dim(2);
        if (filter.dim(3) != inC) {
            throw new IllegalArgumentException("CONV_2D filter input channels must be " + inC + ", but filter shape is " + java.util.Arrays.toString(filter.shape()));
        }
        strideH = o.strideH();
        strideW = o.strideW();
        dilationH = o.dilationH();
        dilationW = o.dilationW();
        outH = o.padding().outputSize(inH, kH, strideH, dilationH);
        outW = o.padding().outputSize(inW, kW, strideW, dilationW);
        padTop = o.padding().padBefore(inH, kH, strideH, dilationH);
        padLeft = o.padding().padBefore(inW, kW, strideW, dilationW);
        Shapes.checkEqual("CONV_2D output", new int[] {batches, outH, outW, outC}, output.shape());
        Shapes.checkData("CONV_2D filter", filterData, filter.size());
        ConvQuantization q = ConvQuantization.of("CONV_2D", input, filter, output, outC, 0, false);
        multipliers = q.multipliers;
        shifts = q.shifts;
        int[] ohwi = ConvQuantization.pack(filterData, type, q.filterOffset);
        int k = kH * kW * inC;
        weightsKxC = new int[ohwi.length];
        for (int oc = 0; oc < outC; oc++) for (int i = 0; i < k; i++) weightsKxC[i * outC + oc] = ohwi[oc * k + i];
        this.bias = ConvQuantization.bias("CONV_2D", bias, outC);
        inputOffset = -input.perTensor().zeroPoint();
        outputOffset = output.perTensor().zeroPoint();
        int[] r = o.activation().range(type, output.perTensor());
        actMin = r[0];
        actMax = r[1];
    }

    /** TFLite's Prepare: validates shapes and types and computes multipliers, padding and packed weights. */
    public static Conv2D prepare(Options options, QTensor input, QTensor filter, byte[] filterData, int[] bias, QTensor output) {
        return new Conv2D(options, input, filter, filterData, bias, output);
    }

    /** The output shape {@code [N, outH, outW, outC]} for an NHWC input and OHWI filter. */
    public static int[] outputShape(Options o, int[] inputShape, int[] filterShape) {
        return new int[] {inputShape[0], o.padding().outputSize(inputShape[1], filterShape[1], o.strideH(), o.dilationH()),
                o.padding().outputSize(inputShape[2], filterShape[2], o.strideW(), o.dilationW()), filterShape[0]};
    }

    /** {@code {act_min, act_max}} of the fused activation. */
    public int[] activationRange() {
        return new int[] {actMin, actMax};
    }

    /** Per-channel {@code {multiplier, shift}} pairs as computed in Prepare. */
    public int[][] quantizedMultipliers() {
        int[][] r = new int[outC][];
        for (int c = 0; c < outC; c++) r[c] = new int[] {multipliers[c], shifts[c]};
        return r;
    }

    /** Runs serially. */
    public void run(byte[] input, byte[] output) {
        run(input, output, Parallelism.serial());
    }

    /** Runs, splitting output rows over {@code parallelism}. */
    public void run(byte[] input, byte[] output, Parallelism parallelism) {
        Shapes.checkData("CONV_2D input", input, batches * inH * inW * inC);
        Shapes.checkData("CONV_2D output", output, batches * outH * outW * outC);
        parallelism.forRange(batches * outH, (from, to) -> {
            int k = kH * kW * inC;
            int[] patch = new int[outW * k];
            int[] acc = new int[outC];
            for (int row = from; row < to; row++) {
                int b = row / outH;
                int oy = row % outH;
                im2colRow(input, b, oy, patch, k);
                computeRow(patch, k, acc, output, row * outW * outC);
            }
        });
    }

    private void im2colRow(byte[] in, int b, int oy, int[] patch, int k) {
        boolean unsigned = type == QType.UINT8;
        int off = inputOffset;
        for (int ox = 0; ox < outW; ox++) {
            int p = ox * k;
            int iy0 = oy * strideH - padTop;
            int ix0 = ox * strideW - padLeft;
            for (int ky = 0; ky < kH; ky++) {
                int iy = iy0 + ky * dilationH;
                if (iy < 0 || iy >= inH) {
                    java.util.Arrays.fill(patch, p, p + kW * inC, 0);
                    p += kW * inC;
                    continue;
                }
                int rowBase = (b * inH + iy) * inW;
                for (int kx = 0; kx < kW; kx++) {
                    int ix = ix0 + kx * dilationW;
                    if (ix < 0 || ix >= inW) {
                        java.util.Arrays.fill(patch, p, p + inC, 0);
                    } else {
                        int src = (rowBase + ix) * inC;
                        if (unsigned) {
                            for (int c = 0; c < inC; c++) patch[p + c] = (in[src + c] & 0xFF) + off;
                        } else {
                            for (int c = 0; c < inC; c++) patch[p + c] = in[src + c] + off;
                        }
                    }
                    p += inC;
                }
            }
        }
    }

    /**
     * One output row: per pixel, {@code acc[oc] += patch[k] * w[k][oc]} with the output channel
     * innermost (a loop the JIT vectorizes), skipping taps whose offset input is 0 (padding and
     * values at the zero point, frequent after ReLU). Integer addition is exact modulo 2^32, so the
     * order of accumulation cannot change the result.
     */
    private void computeRow(int[] patch, int k, int[] acc, byte[] out, int outBase) {
        final int[] w = weightsKxC;
        final int n = outC;
        for (int ox = 0; ox < outW; ox++) {
            System.arraycopy(bias, 0, acc, 0, n);
            int p = ox * k;
            for (int i = 0; i < k; i++) {
                int a = patch[p + i];
                if (a == 0) continue;
                int wb = i * n;
                for (int oc = 0; oc < n; oc++) acc[oc] += a * w[wb + oc];
            }
            int o = outBase + ox * n;
            for (int oc = 0; oc < n; oc++) out[o + oc] = requantize(acc[oc], oc);
        }
    }

    private byte requantize(int acc, int oc) {
        int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multipliers[oc], shifts[oc]) + outputOffset;
        return (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
    }

    static void checkPositive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, but was " + v);
    }
}
