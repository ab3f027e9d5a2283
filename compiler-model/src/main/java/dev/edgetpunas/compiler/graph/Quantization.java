package dev.edgetpunas.compiler.graph;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Affine quantization of a tensor, as in TFLite: {@code real = (q - zeroPoint) * scale}, per tensor
 * (one scale) or per axis (one scale and zero point per index of {@code axis}).
 *
 * <pre>{@code
 * Quantization act = Quantization.perTensor(0.0235f, -128);
 * Quantization w = Quantization.perAxis(new float[] {0.01f, 0.02f}, new long[] {0, 0}, 0);
 * }</pre>
 *
 * @param scales scales (float32, as TFLite stores them), at least one
 * @param zeroPoints zero points, as many as scales
 * @param axis the quantized dimension (0 for per-tensor)
 */
public record Quantization(float[] scales, long[] zeroPoints, int axis) {
    public Quantization {
        if (scales.length == 0) throw new IllegalArgumentException("scales must not be empty");
        if (zeroPoints.length != scales.length) {
            throw new IllegalArgumentException("zeroPoints must have as many entries as scales (" + scales.length
                    + "), but had " + zeroPoints.length);
        }
        if (axis < 0) throw new IllegalArgumentException("axis must be >= 0, but was " + axis);
        // branch-free check first (deployed graphs have tens of thousands of per-channel scales)
        boolean ok = true;
        for (float s : scales) ok &= s >= 0 & s <= Float.MAX_VALUE;
        if (!ok) {
            for (float s : scales) {
                if (!(s >= 0) || Float.isInfinite(s)) throw new IllegalArgumentException("scales must be finite and >= 0, but had " + s);
            }
        }
        scales = scales.clone();
        zeroPoints = zerosOrCopy(zeroPoints);
    }

    /** Shared all-zero zero-point arrays by length (never exposed: the accessor returns copies). */
    private static final ConcurrentHashMap<Integer, long[]> ZEROS = new ConcurrentHashMap<>();
    private static final int SHARED_ZEROS_MAX = 1 << 14;

    private static long[] zerosOrCopy(long[] zp) {
        if (zp.length <= SHARED_ZEROS_MAX && ZEROS.get(zp.length) == zp) return zp; // already a shared zero array
        long any = 0;
        for (long z : zp) any |= z;
        if (any != 0 || zp.length > SHARED_ZEROS_MAX) return zp.clone();
        return ZEROS.computeIfAbsent(zp.length, long[]::new);
    }

    /** Per-tensor quantization. */
    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    /** Per-axis quantization. */
    public static Quantization perAxis(float[] scales, long[] zeroPoints, int axis) {
        return new Quantization(scales, zeroPoints, axis);
    }

    /** Symmetric per-axis quantization: every zero point 0 (int8 weights, int32 biases). */
    public static Quantization perAxis(float[] scales, int axis) {
        int n = scales.length;
        return new Quantization(scales, n <= SHARED_ZEROS_MAX ? ZEROS.computeIfAbsent(n, long[]::new) : new long[n], axis);
    }

    /** True if there is more than one scale. */
    public boolean isPerAxis() {
        return scales.length > 1;
    }

    public int count() {
        return scales.length;
    }

    public float scale(int i) {
        return scales[i];
    }

    public long zeroPoint(int i) {
        return zeroPoints[i];
    }

    /** A copy of the scales. */
    @Override
    public float[] scales() {
        return scales.clone();
    }

    /** A copy of the zero points. */
    @Override
    public long[] zeroPoints() {
        return zeroPoints.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantization q && axis == q.axis && Arrays.equals(scales, q.scales)
                && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + axis;
    }

    @Override
    public String toString() {
        return scales.length == 1
                ? "Quantization[scale=" + scales[0] + ", zeroPoint=" + zeroPoints[0] + "]"
                : "Quantization[axis=" + axis + ", scales=" + Arrays.toString(scales) + ", zeroPoints="
                        + Arrays.toString(zeroPoints) + "]";
    }
}
