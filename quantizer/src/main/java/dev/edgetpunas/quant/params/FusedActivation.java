package dev.edgetpunas.quant.params;

import dev.edgetpunas.quant.fixedpoint.Rounding;

/**
 * The fused activations TFLite's quantized kernels support, as an output clamp
 * ({@code CalculateActivationRangeQuantized}): each bound is {@code zero_point + round(f / scale)}
 * (float32 division, halves away from zero) limited to the type's range.
 *
 * <pre>{@code
 * int[] r = FusedActivation.RELU6.range(QType.INT8, new PerTensor(0.05f, -128));  // {-128, -8}
 * }</pre>
 */
public enum FusedActivation {
    /** No clamp beyond the type's range. */
    NONE,
    /** Clamp below at real 0. */
    RELU,
    /** Clamp to real [-1, 1]. */
    RELU_N1_TO_1,
    /** Clamp to real [0, 6]. */
    RELU6;

    /** {@code {act_min, act_max}} for an output of the given type and parameters. */
    public int[] range(QType type, PerTensor output) {
        int qmin = type.min();
        int qmax = type.max();
        return switch (this) {
            case NONE -> new int[] {qmin, qmax};
            case RELU -> new int[] {Math.max(qmin, quantize(0f, output)), qmax};
            case RELU6 -> new int[] {Math.max(qmin, quantize(0f, output)), Math.min(qmax, quantize(6f, output))};
            case RELU_N1_TO_1 -> new int[] {Math.max(qmin, quantize(-1f, output)), Math.min(qmax, quantize(1f, output))};
        };
    }

    private static int quantize(float f, PerTensor p) {
        if (p.scale() == 0f) return p.zeroPoint();
        return p.zeroPoint() + Rounding.roundHalfAwayToInt(f / p.scale());
    }

    /** Parses TFLite's name ({@code NONE}, {@code RELU}, {@code RELU_N1_TO_1}, {@code RELU6}). */
    public static FusedActivation parse(String name) {
        for (FusedActivation a : values()) if (a.name().equalsIgnoreCase(name.trim())) return a;
        throw new IllegalArgumentException("fused_activation must be one of NONE, RELU, RELU_N1_TO_1, RELU6, but was '" + name + "'");
    }
}
