package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.fixedpoint.Rounding;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.Arrays;

/**
 * MEAN over axes, dispatched as TFLite's {@code kernels/reduce.cc} does for 8-bit tensors:
 * <ol>
 * <li>{@link Path#SPATIAL_4D}: keep_dims, 4-D input, axes {1, 2}. int8: {@code reference_integer_ops::
 * Mean} ({@code m, s = QuantizeMultiplier(s_in / s_out)}; per (b, c) {@code acc = sum (q - zp_in)},
 * {@code MultiplyByQuantizedMultiplier}, division by H*W rounding half away from zero, {@code + zp_out},
 * clamp). uint8: the legacy {@code reference_ops::Mean} (raw sum, multiplier
 * {@code s_in / (H*W*s_out)} in float, bias {@code zp_out - (int)(zp_in * s_in / s_out)} truncated)
 * [recalled, not re-read].</li>
 * <li>{@link Path#SAME_PARAMS}: otherwise, equal input and output parameters: the generic
 * {@code reference_ops::Mean}, integer sum of raw values divided by the element count with C
 * truncation [recalled, not re-read].</li>
 * <li>{@link Path#RESCALE}: otherwise {@code QuantizedMeanOrSum}: float mean of the raw sum,
 * {@code round(mean * s + (-zp_in * s + 0.5f)) + zp_out} with {@code s = s_in / s_out}, clamped
 * [recalled, not re-read; note the extra 0.5 before rounding].</li>
 * </ol>
 *
 * <pre>{@code
 * Mean gap = Mean.prepare(new int[] {1, 2}, true, in, out);  // global average pool, [1,7,7,C] -> [1,1,1,C]
 * gap.run(inBytes, outBytes);
 * }</pre>
 */
public final class Mean {

    /** Which of TFLite's three implementations runs. */
    public enum Path {
        /** keep_dims, 4-D, axes {1, 2}: the specialised integer kernel. */
        SPATIAL_4D,
        /** Same input and output parameters: integer mean of raw values, truncating division. */
        SAME_PARAMS,
        /** Different parameters: float rescaling ({@code QuantizedMeanOrSum}). */
        RESCALE
    }

    private final Path path;
    private final QType type;
    private final int[] inShape;
    private final boolean[] reduced;
    private final int outSize, count;
    private final int zpIn, zpOut;
    private final float sIn, sOut;
    private final QuantizedMultiplier multiplier; // SPATIAL_4D
    private final int uint8Bias; // SPATIAL_4D uint8

    private Mean(int[] axes, boolean keepDims, QTensor input, QTensor output) {
        if (input.type() != output.type()) {
            throw new IllegalArgumentException("MEAN: input type " + input.type() + " and output type " + output.type() + " must match");
        }
        type = input.type();
        inShape = input.shape();
        int rank = inShape.length;
        reduced = new boolean[rank];
        for (int a : axes) {
            int ax = a < 0 ? a + rank : a;
            if (ax < 0 || ax >= rank) throw new IllegalArgumentException("MEAN axis must be in [" + (-rank) + ", " + rank + "), but was " + a);
            reduced[ax] = true;
        }
        int c = 1, o = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) c *= inShape[d];
            else o *= inShape[d];
        }
        count = c;
        outSize = o;
        if (output.size() != outSize) {
            throw new IllegalArgumentException("MEAN output must have " + outSize + " elements, but has shape " + Arrays.toString(output.shape()));
        }
        PerTensor pin = input.perTensor(), pout = output.perTensor();
        zpIn = pin.zeroPoint();
        zpOut = pout.zeroPoint();
        sIn = pin.scale();
        sOut = pout.scale();
        boolean spatial = keepDims && rank == 4 && reduced[1] && reduced[2] && !reduced[0] && !reduced[3] && distinctCount(axes, rank) == 2;
        if (spatial) {
            path = Path.SPATIAL_4D;
            if (type == QType.INT8) {
                multiplier = QuantizedMultiplier.of((double) sIn / (double) sOut);
                uint8Bias = 0;
            } else {
                float numElements = (float) (inShape[1] * inShape[2]);
                uint8Bias = zpOut - (int) (zpIn * sIn / sOut);
                multiplier = QuantizedMultiplier.of((double) (sIn / (numElements * sOut)));
            }
        } else {
            path = zpIn == zpOut && sIn == sOut ? Path.SAME_PARAMS : Path.RESCALE;
            multiplier = null;
            uint8Bias = 0;
        }
    }

    private static int distinctCount(int[] axes, int rank) {
        return (int) Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).distinct().count();
    }

    /** TFLite's Prepare: resolves axes and picks the implementation. */
    public static Mean prepare(int[] axes, boolean keepDims, QTensor input, QTensor output) {
        return new Mean(axes, keepDims, input, output);
    }

    /** The implementation TFLite would dispatch to. */
    public Path path() {
        return path;
    }

    /** Runs on the whole tensor. */
    public void run(byte[] input, byte[] output) {
        Shapes.checkData("MEAN input", input, Shapes.size(inShape));
        Shapes.checkData("MEAN output", output, outSize);
        boolean u = type == QType.UINT8;
        int[] sums = new int[outSize];
        int subtract = path == Path.SPATIAL_4D && type == QType.INT8 ? zpIn : 0;
        sum(input, u, subtract, sums);
        for (int i = 0; i < outSize; i++) {
            int acc = sums[i];
            int v;
            switch (path) {
                case SPATIAL_4D -> {
                    acc = FixedPoint.multiplyByQuantizedMultiplier(acc, multiplier.multiplier(), multiplier.shift());
                    if (type == QType.INT8) {
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                        acc += zpOut;
                    } else {
                        acc += uint8Bias;
                    }
                    v = type.clamp(acc);
                }
                case SAME_PARAMS -> v = acc / count;
                case RESCALE -> {
                    float scale = sIn / sOut;
                    float bias = -zpIn * scale + 0.5f;
                    float mean = (float) acc / (float) count;
                    float result = Rounding.roundHalfAway(mean * scale + bias) + zpOut;
                    result = Math.min(result, (float) type.max());
                    result = Math.max(result, (float) type.min());
                    v = (int) result;
                }
                default -> throw new IllegalStateException(path.toString());
            }
            output[i] = (byte) v;
        }
    }

    private void sum(byte[] input, boolean u, int subtract, int[] sums) {
        int rank = inShape.length;
        int[] outStride = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            outStride[d] = reduced[d] ? 0 : s;
            if (!reduced[d]) s *= inShape[d];
        }
        int[] idx = new int[rank];
        int o = 0;
        for (int i = 0; i < input.length; i++) {
            sums[o] += (u ? input[i] & 0xFF : input[i]) - subtract;
            // advance the multi-index and the output offset
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                o += outStride[d];
                if (idx[d] < inShape[d]) break;
                o -= outStride[d] * inShape[d];
                idx[d] = 0;
            }
        }
    }
}
