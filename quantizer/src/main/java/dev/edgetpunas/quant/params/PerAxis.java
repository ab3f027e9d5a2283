package dev.edgetpunas.quant.params;

import java.util.Arrays;

/**
 * One scale and zero point per slice along {@code axis} (TFLite's per-channel quantization:
 * axis 0 for CONV_2D filters OHWI, axis 3 for DEPTHWISE_CONV_2D filters 1HWO).
 *
 * <pre>{@code
 * PerAxis w = new PerAxis(new float[] {0.1f, 0.2f}, new int[] {0, 0}, 0);
 * float s1 = w.scale(1);   // 0.2
 * }</pre>
 *
 * @param scales one finite scale &ge; 0 per slice (0 for an all-zero channel)
 * @param zeroPoints one zero point per slice
 * @param axis the quantized dimension, &ge; 0
 */
public record PerAxis(float[] scales, int[] zeroPoints, int axis) implements QuantParams {

    public PerAxis {
        if (scales.length == 0) throw new IllegalArgumentException("scales must not be empty");
        if (scales.length != zeroPoints.length) {
            throw new IllegalArgumentException("scales and zero_points must have equal length, but were " + scales.length + " and " + zeroPoints.length);
        }
        if (axis < 0) throw new IllegalArgumentException("axis must be >= 0, but was " + axis);
        for (int i = 0; i < scales.length; i++) {
            if (!(scales[i] >= 0f) || Float.isInfinite(scales[i])) {
                throw new IllegalArgumentException("scales[" + i + "] must be finite and >= 0, but was " + scales[i]);
            }
        }
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    @Override
    public int count() {
        return scales.length;
    }

    @Override
    public float scale(int i) {
        return scales[i];
    }

    @Override
    public int zeroPoint(int i) {
        return zeroPoints[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerAxis p && axis == p.axis && Arrays.equals(scales, p.scales) && Arrays.equals(zeroPoints, p.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + axis;
    }

    @Override
    public String toString() {
        return "PerAxis[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints) + ", axis=" + axis + "]";
    }
}
