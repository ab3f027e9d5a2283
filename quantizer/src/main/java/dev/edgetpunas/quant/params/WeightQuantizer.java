package dev.edgetpunas.quant.params;

import dev.edgetpunas.quant.fixedpoint.Rounding;

/**
 * Symmetric int8 weight quantization as TFLite's post-training quantizer does it
 * ({@code SymmetricPerChannelQuantization}): per slice along an axis,
 * {@code scale = max(|min|, |max|) / 127} in float32 and
 * {@code q = clamp(round_half_away(w * (1 / scale)), -127, 127)}, zero point 0. A slice of zeros gets
 * scale 0 and all-zero weights (its requantization multiplier is then 0 as well). Biases become int32
 * with scale {@code input_scale * weight_scale[c]}.
 *
 * <pre>{@code
 * QuantizedWeights w = WeightQuantizer.symmetricPerChannel(filter, new int[] {32, 3, 3, 16}, 0);
 * int[] bias = WeightQuantizer.quantizeBias(floatBias, inputScale, w.params());
 * }</pre>
 */
public final class WeightQuantizer {
    private WeightQuantizer() {}

    /** Int8 weights and their parameters. */
    public record QuantizedWeights(byte[] data, QuantParams params) {
        public QuantizedWeights {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** Symmetric per-channel quantization of {@code weights} (row-major, {@code shape}) along {@code axis}. */
    public static QuantizedWeights symmetricPerChannel(float[] weights, int[] shape, int axis) {
        int size = checkShape(weights, shape);
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis must be in [0, " + shape.length + "), but was " + axis);
        }
        int channels = shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        float[] maxAbs = new float[channels];
        for (int i = 0; i < size; i++) {
            int c = (i / inner) % channels;
            checkFinite(weights[i], i);
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(weights[i]));
        }
        float[] scales = new float[channels];
        float[] inverse = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] / 127f;
            inverse[c] = scales[c] == 0f ? 0f : (float) (1.0 / scales[c]);
        }
        byte[] q = new byte[size];
        for (int i = 0; i < size; i++) {
            int c = (i / inner) % channels;
            q[i] = (byte) Rounding.clamp(Rounding.roundHalfAwayToLong(weights[i] * inverse[c]), -127, 127);
        }
        return new QuantizedWeights(q, channels == 1 ? new PerTensor(scales[0], 0) : new PerAxis(scales, new int[channels], axis));
    }

    /** Symmetric per-tensor quantization (one scale for all weights, zero point 0). */
    public static QuantizedWeights symmetricPerTensor(float[] weights) {
        float maxAbs = 0f;
        for (int i = 0; i < weights.length; i++) {
            checkFinite(weights[i], i);
            maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
        }
        float scale = maxAbs / 127f;
        float inverse = scale == 0f ? 0f : (float) (1.0 / scale);
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            q[i] = (byte) Rounding.clamp(Rounding.roundHalfAwayToLong(weights[i] * inverse), -127, 127);
        }
        return new QuantizedWeights(q, new PerTensor(scale, 0));
    }

    /**
     * Int32 bias with scale {@code input_scale * weight_scale[c]} (float32 product), as TFLite's
     * {@code SymmetricPerChannelBiasQuantize}: {@code q = round_half_away(b * (1 / scale))}, clamped to
     * {@code [-INT32_MAX, INT32_MAX]}; a zero scale gives 0.
     */
    public static int[] quantizeBias(float[] bias, float inputScale, QuantParams weightParams) {
        if (weightParams.count() != 1 && weightParams.count() != bias.length) {
            throw new IllegalArgumentException("bias length " + bias.length + " does not match " + weightParams.count() + " weight scales");
        }
        int[] q = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            checkFinite(bias[c], c);
            float s = inputScale * weightParams.scale(c);
            float inverse = s == 0f ? 0f : (float) (1.0 / s);
            q[c] = Rounding.clamp(Rounding.roundHalfAwayToLong(bias[c] * inverse), -Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        return q;
    }

    private static int checkShape(float[] weights, int[] shape) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) throw new IllegalArgumentException("shape[" + i + "] must be > 0, but was " + shape[i]);
            size *= shape[i];
        }
        if (size != weights.length) {
            throw new IllegalArgumentException("weights length " + weights.length + " does not match shape size " + size);
        }
        return (int) size;
    }

    private static void checkFinite(float v, int index) {
        if (!Float.isFinite(v)) throw new IllegalArgumentException("value at index " + index + " must be finite, but was " + v);
    }
}
