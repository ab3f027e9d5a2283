package dev.edgetpunas.quant.params;

import dev.edgetpunas.quant.fixedpoint.Rounding;

/**
 * Activation quantization parameters from an observed range, as TFLite's post-training calibrator
 * ({@code GetAsymmetricQuantizationParams}) computes them in float32: the range is widened to contain
 * 0 ({@code min = min(min, 0)}, {@code max = max(max, 0)}), {@code scale = (max - min) / 255} and
 * {@code zero_point = clamp(round(qmin - min / scale))}.
 *
 * <p>Degenerate range: when both ends are 0 the tensor only holds zeros; TFLite would produce scale 0,
 * which no requantization multiplier can divide by. We use the parameters of the range [0, 1] (scale
 * 1/255, zero point {@code qmin}): 0 is still exact, and the bias scale {@code s_in * s_w} of a layer
 * reading the tensor stays fine enough to keep its bias (scale 1, ONNX Runtime's convention, would round
 * that bias to steps of {@code s_w}).
 *
 * <pre>{@code
 * PerTensor p = Calibration.fromMinMax(-1.5f, 6.0f, QType.INT8);  // scale 7.5/255, zero point -77
 * }</pre>
 */
public final class Calibration {
    private Calibration() {}

    /** Parameters for values observed in {@code [min, max]}; throws for NaN, infinities or min &gt; max. */
    public static PerTensor fromMinMax(float min, float max, QType type) {
        if (!Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("min and max must be finite, but were " + min + " and " + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("min must be <= max, but min was " + min + " and max " + max);
        }
        min = Math.min(min, 0f);
        max = Math.max(max, 0f);
        float qmin = type.min();
        float qmax = type.max();
        if (max == min) return new PerTensor(1f / 255f, type.min());
        float scale = (max - min) / (qmax - qmin);
        float zeroPointFromMin = qmin - min / scale;
        int zeroPoint;
        if (zeroPointFromMin < qmin) zeroPoint = type.min();
        else if (zeroPointFromMin > qmax) zeroPoint = type.max();
        else zeroPoint = Rounding.roundHalfAwayToInt(zeroPointFromMin);
        return new PerTensor(scale, zeroPoint);
    }

    /**
     * TFLite's test-util {@code QuantizationParams<T>(min, max)} ({@code lite/kernels/test_util.h}):
     * float32 scale {@code (max - min) / (qmax - qmin)}; the zero point taken from whichever end
     * ({@code qmin - min / scale} or {@code qmax - max / scale}) has the smaller error, rounded and
     * clamped. The kernel test vectors were produced with it (for int8 [-1, 1] it gives zero point 0).
     */
    public static PerTensor testUtilParams(float min, float max, QType type) {
        float qminDouble = type.min();
        float qmaxDouble = type.max();
        float scale = (max - min) / (qmaxDouble - qminDouble);
        float zeroPointFromMin = qminDouble - min / scale;
        float zeroPointFromMax = qmaxDouble - max / scale;
        float zeroPointFromMinError = Math.abs(qminDouble) + Math.abs(min / scale);
        float zeroPointFromMaxError = Math.abs(qmaxDouble) + Math.abs(max / scale);
        float zeroPointDouble = zeroPointFromMinError < zeroPointFromMaxError ? zeroPointFromMin : zeroPointFromMax;
        int nudged;
        if (zeroPointDouble < qminDouble) nudged = type.min();
        else if (zeroPointDouble > qmaxDouble) nudged = type.max();
        else nudged = Rounding.roundHalfAwayToInt(zeroPointDouble);
        return new PerTensor(scale, nudged);
    }
}
