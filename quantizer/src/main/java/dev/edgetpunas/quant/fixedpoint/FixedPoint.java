package dev.edgetpunas.quant.fixedpoint;

/**
 * The integer building blocks of TFLite's quantized kernels, bit-exact with
 * {@code tensorflow/lite/kernels/internal/common.h} (double-rounding variant, the default build) and
 * gemmlowp's {@code fixedpoint.h}. All arithmetic wraps like two's-complement int32 where C++ would
 * (overflow is undefined in C++; TFLite never relies on it).
 *
 * <pre>{@code
 * int y = FixedPoint.multiplyByQuantizedMultiplier(acc, 1073741824, -2); // acc * 0.125, rounded
 * int z = FixedPoint.roundingDivideByPOT(-5, 1);                          // -3 (half away from zero)
 * }</pre>
 */
public final class FixedPoint {
    private FixedPoint() {}

    /**
     * gemmlowp {@code SaturatingRoundingDoublingHighMul}: {@code round(a * b / 2^31)} with ties away
     * from zero, saturating the single overflow case {@code a == b == INT32_MIN} to {@code INT32_MAX}.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) return Integer.MAX_VALUE;
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        // C++ integer division truncates toward zero, as Java's does (never floorDiv here)
        return (int) ((ab + nudge) / (1L << 31));
    }

    /**
     * gemmlowp {@code RoundingDivideByPOT}: {@code x / 2^exponent} rounded to nearest, ties away from
     * zero. {@code exponent} must be in [0, 31].
     */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("exponent must be in [0, 31], but was " + exponent);
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplier(int32 x, int32 m, int shift)}:
     * {@code RDBPOT(SRDHM(x * 2^max(shift,0), m), max(-shift,0))}. A positive shift is a left shift
     * applied before the multiply (multipliers above 1).
     */
    public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier), rightShift);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplierSmallerThanOneExp}: {@code RDBPOT(SRDHM(x, m), -shift)}
     * for {@code shift <= 0}; identical to {@link #multiplyByQuantizedMultiplier(int, int, int)} there.
     */
    public static int multiplyByQuantizedMultiplierSmallerThanOneExp(int x, int quantizedMultiplier, int leftShift) {
        if (leftShift > 0) {
            throw new IllegalArgumentException("leftShift must be <= 0, but was " + leftShift);
        }
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplierGreaterThanOne}: {@code SRDHM(x * 2^leftShift, m)}
     * for {@code leftShift >= 0}.
     */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int quantizedMultiplier, int leftShift) {
        if (leftShift < 0) {
            throw new IllegalArgumentException("leftShift must be >= 0, but was " + leftShift);
        }
        return saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplier(int64 x, int32 m, int shift)} (the 64-bit input
     * overload): the multiplier is reduced to 16 bits ({@code (m + 2^15) >> 16}, or {@code 0x7FFF} when
     * {@code m >= 0x7FFF0000}), then {@code (x * reduced + 2^(14 - shift)) >> (15 - shift)}.
     * Requires {@code m >= 0}, {@code shift} in [-31, 7] and {@code |x| <= 2^47}; the result must fit
     * an int32.
     */
    public static int multiplyByQuantizedMultiplier(long x, int quantizedMultiplier, int shift) {
        if (quantizedMultiplier < 0) {
            throw new IllegalArgumentException("quantizedMultiplier must be >= 0 for the int64 overload, but was " + quantizedMultiplier);
        }
        if (shift < -31 || shift >= 8) {
            throw new IllegalArgumentException("shift must be in [-31, 7], but was " + shift);
        }
        if (x < -(1L << 47) || x >= (1L << 47)) {
            throw new IllegalArgumentException("x must be in [-2^47, 2^47), but was " + x);
        }
        int reduced = quantizedMultiplier < 0x7FFF0000 ? ((quantizedMultiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long round = 1L << (totalShift - 1);
        long result = (x * reduced + round) >> totalShift;
        if (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE) {
            throw new ArithmeticException("result does not fit int32: " + result);
        }
        return (int) result;
    }

    /** {@code x * 2^shift} for a positive shift with saturation, as gemmlowp's {@code SaturatingRoundingMultiplyByPOT}; rounding divide for a negative one. */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) return x;
        if (exponent < 0) return roundingDivideByPOT(x, -exponent);
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) return Integer.MAX_VALUE;
        if (x < -threshold) return Integer.MIN_VALUE;
        return x << exponent;
    }

    /** gemmlowp {@code RoundingHalfSum} for int32: {@code (a + b ± 1) / 2} in 64 bits, halves away from zero. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + (long) b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }
}
