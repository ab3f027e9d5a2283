package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.QType;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D as TFLite's reference integer kernels compute them
 * ({@code reference_integer_ops::AveragePool / MaxPool}, {@code reference_ops} for uint8). Input and
 * output share scale and zero point, so raw values are pooled directly. The window is clipped to the
 * input; the average divides by the number of valid taps (fewer at SAME-padded edges) and rounds half
 * away from zero for int8 ({@code (acc +- count/2) / count}) and half up for uint8
 * ({@code (acc + count/2) / count}, values being non-negative); then the activation clamp.
 *
 * <pre>{@code
 * Pool2D avg = Pool2D.prepare(Pool2D.Kind.AVERAGE, new Pool2D.Options(Padding.VALID, 2, 2, 2, 2, FusedActivation.NONE), in, out);
 * avg.run(inBytes, outBytes);
 * }</pre>
 */
public final class Pool2D {

    /** Pooling kind. */
    public enum Kind {
        /** AVERAGE_POOL_2D. */
        AVERAGE,
        /** MAX_POOL_2D. */
        MAX
    }

    /**
     * TFLite's {@code Pool2DOptions}.
     *
     * @param padding SAME or VALID
     * @param strideH stride along height
     * @param strideW stride along width
     * @param filterH window height
     * @param filterW window width
     * @param activation fused activation
     */
    public record Options(Padding padding, int strideH, int strideW, int filterH, int filterW, FusedActivation activation) {
        public Options {
            if (padding == null) throw new IllegalArgumentException("padding must not be null");
            if (activation == null) throw new IllegalArgumentException("activation must not be null");
            Conv2D.checkPositive(strideH, "stride_h");
            Conv2D.checkPositive(strideW, "stride_w");
            Conv2D.checkPositive(filterH, "filter_height");
            Conv2D.checkPositive(filterW, "filter_width");
        }
    }

    private final Kind kind;
    private final QType type;
    private final int batches, inH, inW, depth, outH, outW, fH, fW, strideH, strideW, padTop, padLeft, actMin, actMax;

    private Pool2D(Kind kind, Options o, QTensor input, QTensor output) {
        String op = kind == Kind.AVERAGE ? "AVERAGE_POOL_2D" : "MAX_POOL_2D";
        Shapes.checkRank(op + " input", input.shape(), 4);
        if (input.type() != output.type()) {
            throw new IllegalArgumentException(op + ": input type " + input.type() + " and output type " + output.type() + " must match");
        }
        if (!input.perTensor().equals(output.perTensor())) {
            throw new IllegalArgumentException(op + ": input and output must share scale and zero point, but were " + input.params() + " and " + output.params());
        }
        this.kind = kind;
        type = input.type();
        batches = input.dim(0);
        inH = input.dim(1);
        inW = input.dim(2);
        depth = input.dim(3);
        fH = o.filterH();
        fW = o.filterW();
        strideH = o.strideH();
        strideW = o.strideW();
        outH = o.padding().outputSize(inH, fH, strideH, 1);
        outW = o.padding().outputSize(inW, fW, strideW, 1);
        padTop = o.padding().padBefore(inH, fH, strideH, 1);
        padLeft = o.padding().padBefore(inW, fW, strideW, 1);
        Shapes.checkEqual(op + " output", new int[] {batches, outH, outW, depth}, output.shape());
        int[] r = o.activation().range(type, output.perTensor());
        actMin = r[0];
        actMax = r[1];
    }

    /** TFLite's Prepare. */
    public static Pool2D prepare(Kind kind, Options options, QTensor input, QTensor output) {
        return new Pool2D(kind, options, input, output);
    }

    /** Runs serially. */
    public void run(byte[] input, byte[] output) {
        run(input, output, Parallelism.serial());
    }

    /** Runs, splitting output rows over {@code parallelism}. */
    public void run(byte[] input, byte[] output, Parallelism parallelism) {
        Shapes.checkData("POOL_2D input", input, batches * inH * inW * depth);
        Shapes.checkData("POOL_2D output", output, batches * outH * outW * depth);
        final boolean u = type == QType.UINT8;
        parallelism.forRange(batches * outH, (from, to) -> {
            int[] acc = new int[depth];
            for (int row = from; row < to; row++) {
                int b = row / outH;
                int oy = row % outH;
                int inY0 = oy * strideH - padTop;
                int fyStart = Math.max(0, -inY0);
                int fyEnd = Math.min(fH, inH - inY0);
                for (int ox = 0; ox < outW; ox++) {
                    int inX0 = ox * strideW - padLeft;
                    int fxStart = Math.max(0, -inX0);
                    int fxEnd = Math.min(fW, inW - inX0);
                    java.util.Arrays.fill(acc, kind == Kind.AVERAGE ? 0 : Integer.MIN_VALUE);
                    int count = 0;
                    for (int fy = fyStart; fy < fyEnd; fy++) {
                        for (int fx = fxStart; fx < fxEnd; fx++) {
                            int src = ((b * inH + inY0 + fy) * inW + inX0 + fx) * depth;
                            if (kind == Kind.AVERAGE) {
                                if (u) for (int c = 0; c < depth; c++) acc[c] += input[src + c] & 0xFF;
                                else for (int c = 0; c < depth; c++) acc[c] += input[src + c];
                            } else {
                                if (u) for (int c = 0; c < depth; c++) acc[c] = Math.max(acc[c], input[src + c] & 0xFF);
                                else for (int c = 0; c < depth; c++) acc[c] = Math.max(acc[c], input[src + c]);
                            }
                            count++;
                        }
                    }
                    if (count == 0) throw new IllegalStateException("pooling window at (" + oy + ", " + ox + ") covers no input");
                    int dst = ((b * outH + oy) * outW + ox) * depth;
                    for (int c = 0; c < depth; c++) {
                        int v = acc[c];
                        if (kind == Kind.AVERAGE) {
                            if (u) v = (v + count / 2) / count;
                            else v = v > 0 ? (v + count / 2) / count : (v - count / 2) / count;
                        }
                        output[dst + c] = (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
                    }
                }
            }
        });
    }
}
