package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.QType;
import java.util.Arrays;

/**
 * FULLY_CONNECTED as TFLite's reference integer kernels compute it ({@code reference_integer_ops::
 * FullyConnected}, {@code reference_ops::FullyConnected} for uint8): weights {@code [units, depth]}
 * (default format), {@code acc = bias[u] + sum (in - in_zp) * (w - w_zp)}, requantized and clamped.
 * Per-tensor weights may have a non-zero zero point (old-style asymmetric weights) and use the
 * multiplier {@code double(float(s_in * s_w)) / s_out}; per-channel weights (axis 0, zero points 0)
 * use one multiplier per unit. The input is any shape whose last dimension is {@code depth}.
 *
 * <pre>{@code
 * FullyConnected fc = FullyConnected.prepare(FusedActivation.NONE, input, weights, weightBytes, bias, output);
 * fc.run(inBytes, outBytes);
 * }</pre>
 */
public final class FullyConnected {
    private final QType type;
    private final int batches, depth, units;
    private final int inputOffset, outputOffset, actMin, actMax;
    private final int[] weights, bias, multipliers, shifts;

    private FullyConnected(FusedActivation activation, QTensor input, QTensor filter, byte[] filterData, int[] bias, QTensor output) {
        Shapes.checkRank("FULLY_CONNECTED weights", filter.shape(), 2);
        type = input.type();
        units = filter.dim(0);
        depth = filter.dim(1);
        int size = input.size();
        if (size % depth != 0) {
            throw new IllegalArgumentException("FULLY_CONNECTED input " + Arrays.toString(input.shape()) + " does not match weight depth " + depth);
        }
        batches = size / depth;
        if (output.size() != batches * units) {
            throw new IllegalArgumentException("FULLY_CONNECTED output must have " + batches + " x " + units + " elements, but has shape " + Arrays.toString(output.shape()));
        }
        Shapes.checkData("FULLY_CONNECTED weights", filterData, filter.size());
        ConvQuantization q = ConvQuantization.of("FULLY_CONNECTED", input, filter, output, units, 0, true);
        multipliers = q.multipliers;
        shifts = q.shifts;
        weights = ConvQuantization.pack(filterData, type, q.filterOffset);
        this.bias = ConvQuantization.bias("FULLY_CONNECTED", bias, units);
        inputOffset = -input.perTensor().zeroPoint();
        outputOffset = output.perTensor().zeroPoint();
        int[] r = activation.range(type, output.perTensor());
        actMin = r[0];
        actMax = r[1];
    }

    /** TFLite's Prepare. {@code bias} may be null. */
    public static FullyConnected prepare(FusedActivation activation, QTensor input, QTensor weights, byte[] weightData, int[] bias, QTensor output) {
        return new FullyConnected(activation, input, weights, weightData, bias, output);
    }

    /** {@code {multiplier, shift}} of unit {@code u}. */
    public int[] quantizedMultiplier(int u) {
        return new int[] {multipliers[u], shifts[u]};
    }

    /** Runs serially. */
    public void run(byte[] input, byte[] output) {
        run(input, output, Parallelism.serial());
    }

    /** Runs, splitting the (batch, unit) outputs over {@code parallelism}. */
    public void run(byte[] input, byte[] output, Parallelism parallelism) {
        Shapes.checkData("FULLY_CONNECTED input", input, batches * depth);
        Shapes.checkData("FULLY_CONNECTED output", output, batches * units);
        int[] in = new int[input.length];
        if (type == QType.UINT8) {
            for (int i = 0; i < in.length; i++) in[i] = (input[i] & 0xFF) + inputOffset;
        } else {
            for (int i = 0; i < in.length; i++) in[i] = input[i] + inputOffset;
        }
        parallelism.forRange(batches * units, (from, to) -> {
            final int[] w = weights;
            for (int j = from; j < to; j++) {
                int b = j / units;
                int u = j % units;
                int ib = b * depth;
                int wb = u * depth;
                int acc = 0;
                for (int d = 0; d < depth; d++) acc += in[ib + d] * w[wb + d];
                acc += bias[u];
                int v = FixedPoint.multiplyByQuantizedMultiplier(acc, multipliers[u], shifts[u]) + outputOffset;
                output[j] = (byte) (v < actMin ? actMin : (v > actMax ? actMax : v));
            }
        });
    }
}
