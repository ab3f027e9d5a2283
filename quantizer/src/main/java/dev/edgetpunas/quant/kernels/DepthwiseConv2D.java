package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.QType;
import java.util.Arrays;

/**
 * DEPTHWISE_CONV_2D as TFLite's reference integer kernels compute it
 * ({@code reference_integer_ops::DepthwiseConvPerChannel}, {@code reference_ops::DepthwiseConv} for
 * uint8): output channel {@code oc = ic * depth_multiplier + m} sees only input channel {@code ic};
 * {@code acc = bias[oc] + sum (in - in_zp) * (w - w_zp)}, requantized per channel and clamped. Input
 * NHWC, filter {@code [1, kH, kW, inC * depth_multiplier]}, output NHWC.
 *
 * <pre>{@code
 * DepthwiseConv2D dw = DepthwiseConv2D.prepare(
 *         new DepthwiseConv2D.Options(Padding.SAME, 1, 1, 1, 1, 1, FusedActivation.RELU6),
 *         input, filter, filterBytes, bias, output);
 * dw.run(inBytes, outBytes);
 * }</pre>
 */
public final class DepthwiseConv2D {

    /**
     * DEPTHWISE_CONV_2D options (TFLite's {@code DepthwiseConv2DOptions}).
     *
     * @param padding SAME or VALID
     * @param strideH stride along height
     * @param strideW stride along width
     * @param depthMultiplier output channels per input channel
     * @param dilationH dilation along height
     * @param dilationW dilation along width
     * @param activation fused activation
     */
    public record Options(Padding padding, int strideH, int strideW, int depthMultiplier, int dilationH, int dilationW,
                          FusedActivation activation) {
        public Options {
            if (padding == null) throw new IllegalArgumentException("padding must not be null");
            if (activation == null) throw new IllegalArgumentException("activation must not be null");
            Conv2D.checkPositive(strideH, "stride_h");
            Conv2D.checkPositive(strideW, "stride_w");
            Conv2D.checkPositive(depthMultiplier, "depth_multiplier");
            Conv2D.checkPositive(dilationH, "dilation_h");
            Conv2D.checkPositive(dilationW, "dilation_w");
        }

        /** Equal strides, multiplier 1, no dilation. */
        public static Options of(Padding padding, int stride, FusedActivation activation) {
            return new Options(padding, stride, stride, 1, 1, 1, activation);
        }
    }

    private final QType type;
    private final int batches, inH, inW, inC, kH, kW, outC, mult, outH, outW;
    private final int strideH, strideW, dilationH, dilationW, padTop, padLeft;
    private final int inputOffset, outputOffset, actMin, actMax;
    private final int[] weights; // [kH][kW][outC], filter offset applied
    private final int[] bias, multipliers, shifts;

    private DepthwiseConv2D(Options o, QTensor input, QTensor filter, byte[] filterData, int[] bias, QTensor output) {
        Shapes.checkRank("DEPTHWISE_CONV_2D input", input.shape(), 4);
        Shapes.checkRank("DEPTHWISE_CONV_2D filter", filter.shape(), 4);
        type = input.type();
        batches = input.dim(0);
        inH = input.dim(1);
        inW = input.dim(2);
        inC = input.dim(3);
        if (filter.dim(0) != 1) {
            throw new IllegalArgumentException("DEPTHWISE_CONV_2D filter shape must be [1, kH, kW, C], but was " + Arrays.toString(filter.shape()));
        }
        kH = filter.dim(1);
        kW = filter.dim(2);
        outC = filter.dim(3);
        mult = o.depthMultiplier();
        if (outC != inC * mult) {
            throw new IllegalArgumentException("DEPTHWISE_CONV_2D filter channels must be input channels " + inC + " * depth_multiplier " + mult + ", but were " + outC);
        }
        strideH = o.strideH();
        strideW = o.strideW();
        dilationH = o.dilationH();
        dilationW = o.dilationW();
        outH = o.padding().outputSize(inH, kH, strideH, dilationH);
        outW = o.padding().outputSize(inW, kW, strideW, dilationW);
        padTop = o.padding().padBefore(inH, kH, strideH, dilationH);
        padLeft = o.padding().padBefore(inW, kW, strideW, dilationW);
        Shapes.checkEqual("DEPTHWISE_CONV_2D output", new int[] {batches, outH, outW, outC}, output.shape());
        Shapes.checkData("DEPTHWISE_CONV_2D filter", filterData, filter.size());
        ConvQuantization q = ConvQuantization.of("DEPTHWISE_CONV_2D", input, filter, output, outC, 3, false);
        multipliers = q.multipliers;
        shifts = q.shifts;
        weights = ConvQuantization.pack(filterData, type, q.filterOffset);
        this.bias = ConvQuantization.bias("DEPTHWISE_CONV_2D", bias, outC);
        inputOffset = -input.perTensor().zeroPoint();
        outputOffset = output.perTensor().zeroPoint();
        int[] r = o.activation().range(type, output.perTensor());
        actMin = r[0];
        actMax = r[1];
    }

    /** TFLite's Prepare. */
    public static DepthwiseConv2D prepare(Options options, QTensor input, QTensor filter, byte[] filterData, int[] bias, QTensor output) {
        return new DepthwiseConv2D(options, input, filter, filterData, bias, output);
    }

    /** Runs serially. */
    public void run(byte[] input, byte[] output) {
        run(input, output, Parallelism.serial());
    }

    /** Runs, splitting output rows over {@code parallelism}. */
    public void run(byte[] input, byte[] output, Parallelism parallelism) {
        Shapes.checkData("DEPTHWISE_CONV_2D input", input, batches * inH * inW * inC);
        Shapes.checkData("DEPTHWISE_CONV_2D output", output, batches * outH * outW * outC);
        parallelism.forRange(batches * outH, (from, to) -> {
            int[][] rows = new int[kH][inW * inC];
            boolean[] valid = new boolean[kH];
            int[] acc = new int[outC];
            for (int row = from; row < to; row++) {
                int b = row / outH;
                int oy = row % outH;
                for (int ky = 0; ky < kH; ky++) {
                    int iy = oy * strideH - padTop + ky * dilationH;
                    valid[ky] = iy >= 0 && iy < inH;
                    if (valid[ky]) loadRow(input, (b * inH + iy) * inW * inC, rows[ky]);
                }
                int outBase = row * outW * outC;
                for (int ox = 0; ox < outW; ox++) {
                    System.arraycopy(bias, 0, acc, 0, outC);
                    int ix0 = ox * strideW - padLeft;
                    for (int ky = 0; ky < kH; ky++) {
                        if (!valid[ky]) continue;
                        int[] r = rows[ky];
                        for (int kx = 0; kx < kW; kx++) {
                            int ix = ix0 + kx * dilationW;
                            if (ix < 0 || ix >= inW) continue;
                            accumulate(acc, r, ix * inC, (ky * kW + kx) * outC);
                        }
                    }
                    int o = outBase + ox * outC;
                    for (int oc = 0; oc < outC; oc++) {
                        int v = FixedPoint.multiplyByQuantizedMultiplier(acc[oc], multipliers[oc], shifts[oc]) + outputOffset;
                        output[o + oc] = (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
                    }
                }
            }
        });
    }

    private void accumulate(int[] acc, int[] in, int inBase, int wBase) {
        final int[] w = weights;
        if (mult == 1) {
            for (int c = 0; c < outC; c++) acc[c] += in[inBase + c] * w[wBase + c];
        } else {
            for (int ic = 0; ic < inC; ic++) {
                int v = in[inBase + ic];
                int ob = ic * mult;
                for (int m = 0; m < mult; m++) acc[ob + m] += v * w[wBase + ob + m];
            }
        }
    }

    private void loadRow(byte[] in, int src, int[] row) {
        int off = inputOffset;
        if (type == QType.UINT8) {
            for (int i = 0; i < row.length; i++) row[i] = (in[src + i] & 0xFF) + off;
        } else {
            for (int i = 0; i < row.length; i++) row[i] = in[src + i] + off;
        }
    }
}
