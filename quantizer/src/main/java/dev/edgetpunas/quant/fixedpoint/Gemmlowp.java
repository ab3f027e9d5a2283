package dev.edgetpunas.quant.fixedpoint;

import static dev.edgetpunas.quant.fixedpoint.FixedPoint.roundingHalfSum;
import static dev.edgetpunas.quant.fixedpoint.FixedPoint.saturatingRoundingDoublingHighMul;
import static dev.edgetpunas.quant.fixedpoint.FixedPoint.saturatingRoundingMultiplyByPOT;

/**
 * gemmlowp's fixed-point transcendental functions ({@code fixedpoint/fixedpoint.h}) on raw int32
 * values, as TFLite's integer SOFTMAX, LOGISTIC and TANH reference kernels call them. A value in
 * format Q(i).(31-i) with {@code i} integer bits is passed as its raw int plus {@code i}; results are
 * Q0.31 raws ({@code 2^31 - 1} stands for 1.0).
 *
 * <p>gemmlowp's {@code FixedPoint} operators map to: {@code a + b}, {@code a - b}, unary minus: plain
 * wrapping int arithmetic on raws; {@code a * b}: {@link FixedPoint#saturatingRoundingDoublingHighMul}
 * (the result has the sum of the integer bits); {@code Rescale<d>(x)} from {@code s} integer bits:
 * {@link FixedPoint#saturatingRoundingMultiplyByPOT}{@code (raw, s - d)}; {@code ExactMulByPot}: the
 * same raw with other integer bits.
 *
 * <pre>{@code
 * int half = Gemmlowp.logistic(0, 4);                // 1 << 30 (0.5 in Q0.31)
 * int e = Gemmlowp.expOnNegativeValues(-(1 << 26), 5); // exp(-1) in Q0.31, 790015084 +- rounding
 * }</pre>
 */
public final class Gemmlowp {
    private Gemmlowp() {}

    /** Q0.31 raw of 1.0 (saturated): gemmlowp's {@code FixedPoint<int32, 0>::One()}. */
    public static final int ONE_Q0 = Integer.MAX_VALUE;

    /** exp(x) for x in [-1/4, 0): Taylor expansion around -1/8 (gemmlowp {@code exp_on_interval_between_negative_one_quarter_and_0_excl}). */
    static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668; // exp(-1/8) in Q0.31
        final int constant1Over3 = 715827883; // 1/3 in Q0.31
        int x = a + (1 << 28); // a + 1/8
        int x2 = mul(x, x);
        int x3 = mul(x2, x);
        int x4 = mul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int x4Over24PlusX3Over6PlusX2Over2 =
                saturatingRoundingMultiplyByPOT(mul(x4Over4 + x3, constant1Over3) + x2, -1);
        return constantTerm + mul(constantTerm, x + x4Over24PlusX3Over6PlusX2Over2);
    }

    /**
     * exp(a) for a &le; 0 given as a raw with {@code integerBits} integer bits; Q0.31 result
     * (gemmlowp {@code exp_on_negative_values}).
     */
    public static int expOnNegativeValues(int a, int integerBits) {
        if (integerBits < 0 || integerBits > 30) {
            throw new IllegalArgumentException("integerBits must be in [0, 30], but was " + integerBits);
        }
        final int fractionalBits = 31 - integerBits;
        final int oneQuarter = 1 << (fractionalBits - 2);
        final int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
                saturatingRoundingMultiplyByPOT(aModQuarterMinusOneQuarter, integerBits)); // Rescale<0>
        int remainder = aModQuarterMinusOneQuarter - a;
        result = barrel(result, remainder, integerBits, fractionalBits, -2, 1672461947);
        result = barrel(result, remainder, integerBits, fractionalBits, -1, 1302514674);
        result = barrel(result, remainder, integerBits, fractionalBits, 0, 790015084);
        result = barrel(result, remainder, integerBits, fractionalBits, 1, 290630308);
        result = barrel(result, remainder, integerBits, fractionalBits, 2, 39332535);
        result = barrel(result, remainder, integerBits, fractionalBits, 3, 720401);
        result = barrel(result, remainder, integerBits, fractionalBits, 4, 242);
        if (integerBits > 5) {
            int clamp = -(1 << (36 - integerBits)); // -32.0 in the input format
            if (a < clamp) result = 0;
        }
        if (a == 0) result = ONE_Q0;
        return result;
    }

    private static int barrel(int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier) {
        if (integerBits > exponent) {
            int shiftAmount = fractionalBits + exponent;
            if ((remainder & (1 << shiftAmount)) != 0) return mul(result, multiplier);
        }
        return result;
    }

    /** 1 / (1 + x) for x in [0, 1), Q0.31 in and out (Newton-Raphson, gemmlowp {@code one_over_one_plus_x_for_x_in_0_1}). */
    public static int oneOverOnePlusXForXIn01(int a) {
        int x = newtonRaphsonInverseOfHalfDenominator(roundingHalfSum(a, ONE_Q0));
        // Rescale<0>(ExactMulByPot<-1>(x)): the Q2.29 raw read as Q1.30, then shifted left by 1
        return saturatingRoundingMultiplyByPOT(x, 1);
    }

    /** (1 - x) / (1 + x) for x in [0, 1), Q0.31 in and out (gemmlowp {@code one_minus_x_over_one_plus_x_for_x_in_0_1}). */
    public static int oneMinusXOverOnePlusXForXIn01(int a) {
        int x = newtonRaphsonInverseOfHalfDenominator(roundingHalfSum(a, ONE_Q0));
        return saturatingRoundingMultiplyByPOT(x - (1 << 29), 2); // Rescale<0>(x - F2::One())
    }

    /** Returns a Q2.29 approximation of 1 / halfDenominator (halfDenominator is Q0.31 in [0.5, 1)). */
    private static int newtonRaphsonInverseOfHalfDenominator(int halfDenominator) {
        final int constant48Over17 = 1515870810; // Q2.29
        final int constantNeg32Over17 = -1010580540; // Q2.29
        int x = constant48Over17 + mul(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = mul(halfDenominator, x); // Q2.29
            int oneMinusHalfDenominatorTimesX = (1 << 29) - halfDenominatorTimesX;
            x = x + saturatingRoundingMultiplyByPOT(mul(x, oneMinusHalfDenominatorTimesX), 2); // Q4.27 -> Q2.29
        }
        return x;
    }

    /** logistic(a) = 1 / (1 + exp(-a)) for any a with {@code integerBits} integer bits; Q0.31 result. */
    public static int logistic(int a, int integerBits) {
        if (a == 0) return 1 << 30; // one half
        boolean positive = a > 0;
        int absInput = positive ? a : -a;
        int resultIfPositive = oneOverOnePlusXForXIn01(expOnNegativeValues(-absInput, integerBits));
        return positive ? resultIfPositive : ONE_Q0 - resultIfPositive;
    }

    /** tanh(a) for any a with {@code integerBits} integer bits; Q0.31 result. */
    public static int tanh(int a, int integerBits) {
        if (a == 0) return 0;
        boolean negative = a < 0;
        int n = negative ? a : -a;
        // neg_tanh_on_negative_values: ExactMulByPot<1> doubles the value by adding an integer bit
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
        return negative ? -t : t;
    }

    /**
     * TFLite {@code GetReciprocal(x, x_integer_digits, &num_bits_over_unit)}: returns the Q0.31 raw of
     * {@code 1 / (x scaled into [1, 2))} and stores in {@code numBitsOverUnit[0]} how many bits above
     * 1.0 the input had.
     */
    public static int reciprocal(int x, int xIntegerDigits, int[] numBitsOverUnit) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        numBitsOverUnit[0] = xIntegerDigits - headroomPlusOne;
        int shiftedSumMinusOne = (x << headroomPlusOne) - (1 << 31);
        return oneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }

    private static int mul(int a, int b) {
        return saturatingRoundingDoublingHighMul(a, b);
    }
}
