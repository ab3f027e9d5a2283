package dev.edgetpunas.quant.params;

/**
 * Affine quantization parameters of a tensor, {@code real = (q - zero_point) * scale}: one scale and
 * zero point for the whole tensor ({@link PerTensor}) or one per slice along an axis ({@link PerAxis},
 * TFLite's {@code quantized_dimension}). Scales are float32, as in TFLite; the kernels' derived
 * multipliers depend on that.
 *
 * <pre>{@code
 * QuantParams a = QuantParams.perTensor(0.5f, -1);
 * QuantParams w = QuantParams.perAxis(new float[] {0.1f, 0.2f}, new int[] {0, 0}, 0);
 * QuantParams same = QuantParams.of(new float[] {0.5f}, new int[] {-1}, 0);  // PerTensor
 * }</pre>
 */
public sealed interface QuantParams permits PerTensor, PerAxis {

    /** Number of (scale, zero point) pairs: 1 for per-tensor. */
    int count();

    /** Scale of slice {@code i} (any {@code i} for per-tensor). */
    float scale(int i);

    /** Zero point of slice {@code i} (any {@code i} for per-tensor). */
    int zeroPoint(int i);

    /** Per-tensor parameters. */
    static PerTensor perTensor(float scale, int zeroPoint) {
        return new PerTensor(scale, zeroPoint);
    }

    /** Per-axis parameters. */
    static PerAxis perAxis(float[] scales, int[] zeroPoints, int axis) {
        return new PerAxis(scales, zeroPoints, axis);
    }

    /**
     * From TFLite's representation (arrays plus {@code quantized_dimension}): a single pair gives
     * {@link PerTensor}, several give {@link PerAxis}.
     */
    static QuantParams of(float[] scales, int[] zeroPoints, int axis) {
        if (scales.length != zeroPoints.length) {
            throw new IllegalArgumentException("scales and zero_points must have equal length, but were " + scales.length + " and " + zeroPoints.length);
        }
        if (scales.length == 1) return new PerTensor(scales[0], zeroPoints[0]);
        return new PerAxis(scales, zeroPoints, axis);
    }
}
