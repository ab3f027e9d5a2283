package dev.edgetpunas.quant.params;

import dev.edgetpunas.quant.fixedpoint.Rounding;

/**
 * One scale and zero point for a whole tensor.
 *
 * <pre>{@code
 * PerTensor p = new PerTensor(0.5f, -1);
 * int q = p.quantize(3.2f, QType.INT8);   // round(3.2 / 0.5) + (-1) = 5
 * float x = p.dequantize(q);              // 3.0
 * }</pre>
 *
 * @param scale the step between two quantized values; finite and &ge; 0 (0 only for degenerate weights)
 * @param zeroPoint the quantized value that stands for real 0
 */
public record PerTensor(float scale, int zeroPoint) implements QuantParams {

    public PerTensor {
        if (!(scale >= 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= 0, but was " + scale);
        }
    }

    @Override
    public int count() {
        return 1;
    }

    @Override
    public float scale(int i) {
        return scale;
    }

    @Override
    public int zeroPoint(int i) {
        return zeroPoint;
    }

    /**
     * TFLite's {@code AffineQuantize} (the QUANTIZE kernel and the converter):
     * {@code clamp(round_half_away(x / scale) + zero_point)}, the division in float32. NaN gives the
     * zero point (C++ leaves it undefined). A zero scale maps everything to the zero point.
     */
    public int quantize(float x, QType type) {
        if (scale == 0f) return type.clamp(zeroPoint);
        long r = Rounding.roundHalfAwayToLong(x / scale) + zeroPoint;
        return Rounding.clamp(r, type.min(), type.max());
    }

    /** TFLite's {@code Dequantize}: {@code (float) (double(scale) * (q - zero_point))}. */
    public float dequantize(int q) {
        return (float) ((double) scale * (q - zeroPoint));
    }

    /** Quantizes every value into a new byte array. */
    public byte[] quantize(float[] x, QType type) {
        byte[] out = new byte[x.length];
        for (int i = 0; i < x.length; i++) out[i] = type.store(quantize(x[i], type));
        return out;
    }

    /** Dequantizes every stored byte of the given type. */
    public float[] dequantize(byte[] q, QType type) {
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) out[i] = dequantize(type.load(q[i]));
        return out;
    }

    /** The same real values expressed for the other 8-bit type: the zero point moves by 128. */
    public PerTensor convertTo(QType from, QType to) {
        if (from == to) return this;
        return new PerTensor(scale, from == QType.UINT8 ? zeroPoint - 128 : zeroPoint + 128);
    }
}
