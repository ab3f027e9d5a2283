package dev.edgetpunas.quant.fixedpoint;

/**
 * A real multiplier as TFLite stores it: a Q0.31 significand and a power-of-two exponent,
 * {@code real ~= multiplier / 2^31 * 2^shift} (a positive shift is a left shift). Built exactly as
 * TFLite's {@code QuantizeMultiplier} (frexp, round half away, the {@code 2^31} carry, flush to zero
 * below {@code 2^-31}).
 *
 * <pre>{@code
 * QuantizedMultiplier m = QuantizedMultiplier.of(0.25);  // (1073741824, -1)
 * int y = m.apply(1000);                                  // 250
 * }</pre>
 *
 * @param multiplier the Q0.31 significand; {@code |multiplier|} in [2^30, 2^31) unless the real is 0
 * @param shift the exponent: positive shifts left before the multiply, negative rounds right after
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /** The zero multiplier (0, 0). */
    public static final QuantizedMultiplier ZERO = new QuantizedMultiplier(0, 0);

    public QuantizedMultiplier {
        if (shift < -31 || shift > 31) {
            throw new IllegalArgumentException("shift must be in [-31, 31], but was " + shift);
        }
    }

    /**
     * TFLite {@code QuantizeMultiplier(double)}: {@code (q, s) = frexp(d)}, {@code q = round(q * 2^31)};
     * if {@code q == 2^31} it is halved and {@code s} incremented; if {@code s < -31} the result is (0, 0).
     * Negative reals give negative multipliers. Throws for NaN and infinities.
     */
    public static QuantizedMultiplier of(double realMultiplier) {
        if (Double.isNaN(realMultiplier) || Double.isInfinite(realMultiplier)) {
            throw new IllegalArgumentException("realMultiplier must be finite, but was " + realMultiplier);
        }
        if (realMultiplier == 0.0) return ZERO;
        int[] exp = new int[1];
        double q = frexp(realMultiplier, exp);
        int shift = exp[0];
        long qFixed = Rounding.roundHalfAwayToLong(q * (double) (1L << 31));
        if (qFixed > (1L << 31)) {
            throw new IllegalStateException("q_fixed > 2^31 for " + realMultiplier); // impossible for frexp output
        }
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) return ZERO;
        if (shift > 31) {
            throw new IllegalArgumentException("realMultiplier is too large (shift " + shift + " > 31): " + realMultiplier);
        }
        return new QuantizedMultiplier((int) qFixed, shift);
    }

    /**
     * TFLite {@code QuantizeMultiplierSmallerThanOneExp}: requires {@code 0 < real < 1} and a resulting
     * shift {@code <= 0} (so {@code 1 - 1e-15}, which rounds up to 1.0, is rejected as TFLite's check does).
     */
    public static QuantizedMultiplier smallerThanOne(double realMultiplier) {
        if (!(realMultiplier < 1.0)) {
            throw new IllegalArgumentException("realMultiplier must be < 1, but was " + realMultiplier);
        }
        if (!(realMultiplier > 0.0)) {
            throw new IllegalArgumentException("realMultiplier must be > 0, but was " + realMultiplier);
        }
        QuantizedMultiplier m = of(realMultiplier);
        if (m.shift > 0) {
            throw new IllegalArgumentException("realMultiplier " + realMultiplier + " rounds to a shift of " + m.shift + " (must be <= 0)");
        }
        return m;
    }

    /** TFLite {@code QuantizeMultiplierGreaterThanOne}: requires {@code real > 1} and a shift {@code >= 0}. */
    public static QuantizedMultiplier greaterThanOne(double realMultiplier) {
        if (!(realMultiplier > 1.0)) {
            throw new IllegalArgumentException("realMultiplier must be > 1, but was " + realMultiplier);
        }
        QuantizedMultiplier m = of(realMultiplier);
        if (m.shift < 0) {
            throw new IllegalArgumentException("realMultiplier " + realMultiplier + " gives a negative shift " + m.shift);
        }
        return m;
    }

    /** {@link FixedPoint#multiplyByQuantizedMultiplier(int, int, int)} with this multiplier. */
    public int apply(int x) {
        return FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift);
    }

    /** The real value this multiplier stands for, {@code multiplier * 2^(shift - 31)}. */
    public double toDouble() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /**
     * C {@code frexp}: returns {@code f} with {@code |f|} in [0.5, 1) and stores {@code e} in
     * {@code exponent[0]} such that {@code x == f * 2^e}; {@code frexp(0) = (0, 0)}.
     */
    public static double frexp(double x, int[] exponent) {
        if (x == 0.0 || Double.isNaN(x) || Double.isInfinite(x)) {
            exponent[0] = 0;
            return x;
        }
        int bias = 0;
        if (Math.getExponent(x) < Double.MIN_EXPONENT) { // subnormal: scale into the normal range first
            x = Math.scalb(x, 64);
            bias = -64;
        }
        int e = Math.getExponent(x) + 1;
        exponent[0] = e + bias;
        return Math.scalb(x, -e);
    }
}
