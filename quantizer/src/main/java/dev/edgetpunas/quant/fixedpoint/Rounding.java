package dev.edgetpunas.quant.fixedpoint;

/**
 * Rounding as C++ {@code std::round} / TFLite's {@code TfLiteRound}: halves go away from zero.
 * Java's {@link Math#round(double)} sends halves up ({@code Math.round(-2.5) == -2}), which is wrong
 * for negative ties; {@link Math#rint(double)} sends them to even. Use these instead.
 *
 * <pre>{@code
 * Rounding.roundHalfAway(-2.5)      // -3.0
 * Rounding.roundHalfAwayToInt(2.5f) // 3
 * }</pre>
 */
public final class Rounding {
    private Rounding() {}

    /** {@code std::round(x)}: the nearest integer, halves away from zero; NaN and infinities pass through. */
    public static double roundHalfAway(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        double a = Math.abs(x);
        double t = Math.floor(a);
        // a - floor(a) is exact in binary floating point, so the tie test is exact too
        if (a - t >= 0.5) t += 1.0;
        return Math.copySign(t, x);
    }

    /** {@code std::round(float)}: rounding of a float is the rounding of its exact double value. */
    public static float roundHalfAway(float x) {
        return (float) roundHalfAway((double) x);
    }

    /**
     * {@code static_cast<int32_t>(std::round(x))}, saturated to the int range (C++ leaves out-of-range
     * casts undefined; NaN gives 0 as in Java).
     */
    public static int roundHalfAwayToInt(double x) {
        return (int) roundHalfAway(x);
    }

    /** {@code static_cast<int64_t>(std::round(x))}, saturated to the long range. */
    public static long roundHalfAwayToLong(double x) {
        return (long) roundHalfAway(x);
    }

    /** Clamps {@code v} to {@code [lo, hi]}. */
    public static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Clamps {@code v} to {@code [lo, hi]} and narrows to int. */
    public static int clamp(long v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : (int) v);
    }
}
