package dev.edgetpunas.quant.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void srdhmSaturatesOnlyTheMinTimesMinCase() {
        assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        // MIN * MAX does not overflow: -2^31 * (2^31 - 1) / 2^31 = -(2^31 - 1)
        assertEquals(-Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void srdhmRoundsTiesTowardPlusInfinityBecauseOfTheNegativeNudge() {
        // nudge 2^30 for ab >= 0 and 1 - 2^30 for ab < 0, then truncation: positive ties go up,
        // negative ties go toward zero (gemmlowp's definition, which TFLite's results depend on)
        assertEquals(1, FixedPoint.saturatingRoundingDoublingHighMul(1, 1 << 30)); // 0.5 -> 1
        assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(-1, 1 << 30)); // -0.5 -> 0
        assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30)); // 1.5 -> 2
        assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30)); // -1.5 -> -1
        assertEquals(-2, FixedPoint.saturatingRoundingDoublingHighMul(-3, (1 << 30) + 1)); // just past the tie
    }

    @Test
    void rdbpotRoundsHalvesAwayFromZero() {
        assertEquals(3, FixedPoint.roundingDivideByPOT(5, 1));
        assertEquals(-3, FixedPoint.roundingDivideByPOT(-5, 1));
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-3, 2)); // -0.75 -> -1
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-2, 2)); // -0.5 -> -1
        assertEquals(0, FixedPoint.roundingDivideByPOT(-1, 2)); // -0.25 -> 0
        assertEquals(1, FixedPoint.roundingDivideByPOT(2, 2)); // 0.5 -> 1
    }

    @Test
    void rdbpotWithShiftZeroIsIdentityAndShift31KeepsOnlyTheSign() {
        qt().withFixedSeed(2L).forAll(integers().all()).checkAssert(x -> assertEquals(x, FixedPoint.roundingDivideByPOT(x, 0)));
        assertEquals(-1, FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 31)); // exactly -1
        assertEquals(1, FixedPoint.roundingDivideByPOT(Integer.MAX_VALUE, 31)); // 0.99999 -> 1
        assertEquals(0, FixedPoint.roundingDivideByPOT(1 << 29, 31)); // 0.25 -> 0
        assertEquals(1, FixedPoint.roundingDivideByPOT(1 << 30, 31)); // 0.5 -> 1
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-(1 << 30), 31)); // -0.5 -> -1
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundingDivideByPOT(1, 32));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundingDivideByPOT(1, -1));
    }

    @Test
    void rdbpotMatchesExactRounding() {
        qt().withFixedSeed(3L).forAll(integers().all(), integers().between(0, 31)).checkAssert((x, e) -> {
            BigDecimal exact = new BigDecimal(x).divide(new BigDecimal(BigInteger.ONE.shiftLeft(e)));
            assertEquals(exact.setScale(0, RoundingMode.HALF_UP).intValueExact(), FixedPoint.roundingDivideByPOT(x, e), x + " / 2^" + e);
        });
    }

    @Test
    void multiplyByQuantizedMultiplierHandlesNegativeValuesAndBothShiftDirections() {
        // double rounding as in TFLite: SRDHM rounds ties toward +inf, RDBPOT rounds ties away from zero
        QuantizedMultiplier m = QuantizedMultiplier.of(0.75); // (1610612736, 0)
        assertEquals(-7, m.apply(-10)); // -7.5: the tie is resolved inside SRDHM (shift 0)
        assertEquals(8, m.apply(10));
        assertEquals(-8, m.apply(-11)); // -8.25
        QuantizedMultiplier big = QuantizedMultiplier.of(2.5); // multiplier > 1: x is shifted left by 2 first
        assertEquals(2, big.shift());
        assertEquals(-7, big.apply(-3)); // -7.5
        assertEquals(-10, big.apply(-4));
        // negative shift: -3 * 0.25 = -0.75: SRDHM(-3, 2^30) = -1 (tie -1.5 up), RDBPOT(-1, 1) = -1 (tie -0.5 away)
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(-3, 1 << 30, -1));
        // shift -31 (the smallest): 2^30 * 2^30 / 2^31 = 2^29, / 2^31 = 0.25 -> 0; INT32_MIN * 0.5 / 2^31 = -0.5 -> -1
        assertEquals(0, FixedPoint.multiplyByQuantizedMultiplier(1 << 30, 1 << 30, -31));
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(Integer.MIN_VALUE, 1 << 30, -31));
        // shift 0 with INT32_MIN: the one SRDHM saturation case
        assertEquals(Integer.MAX_VALUE, FixedPoint.multiplyByQuantizedMultiplier(Integer.MIN_VALUE, Integer.MIN_VALUE, 0));
    }

    @Test
    void smallerThanOneExpEqualsGeneralFormForNonPositiveShifts() {
        qt().withFixedSeed(4L).forAll(integers().all(), integers().between(1 << 30, Integer.MAX_VALUE), integers().between(-31, 0))
                .checkAssert((x, m, s) -> assertEquals(FixedPoint.multiplyByQuantizedMultiplier(x, m, s),
                        FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(x, m, s)));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(1, 1 << 30, 1));
    }

    @Test
    void multiplyByQuantizedMultiplierIsWithinOneOfTheRealProduct() {
        qt().withFixedSeed(5L).forAll(integers().between(-1 << 20, 1 << 20), integers().between(1, 100_000)).checkAssert((x, k) -> {
            double real = k / 100_000.0 * 3.0; // multipliers in (0, 3]
            QuantizedMultiplier m = QuantizedMultiplier.of(real);
            assertEquals(x * real, m.apply(x), 1.0, () -> x + " * " + real);
        });
    }

    @Test
    void roundingHelpersSendHalvesAwayFromZeroUnlikeMathRound() {
        assertEquals(-2, Math.round(-2.5)); // the Java behaviour we must not use
        assertEquals(-3.0, Rounding.roundHalfAway(-2.5));
        assertEquals(3.0, Rounding.roundHalfAway(2.5));
        assertEquals(-0.0, Rounding.roundHalfAway(-0.49999999999999994));
        assertEquals(0.0, Rounding.roundHalfAway(0.49999999999999994)); // floor(x + 0.5) would give 1
        assertEquals(-1, Rounding.roundHalfAwayToInt(-0.5f));
        assertEquals(4503599627370497.0, Rounding.roundHalfAway(4503599627370497.0));
    }

    @Test
    void frexpSplitsIntoMantissaAndExponent() {
        int[] e = new int[1];
        assertEquals(0.5, QuantizedMultiplier.frexp(1.0, e));
        assertEquals(1, e[0]);
        assertEquals(-0.75, QuantizedMultiplier.frexp(-3.0, e));
        assertEquals(2, e[0]);
        assertEquals(0.5, QuantizedMultiplier.frexp(Double.MIN_VALUE, e));
        assertEquals(-1073, e[0]);
    }

    @Test
    void int64OverloadRejectsOutOfRangeInputs() {
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1L << 47, 1 << 30, 0));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1L, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.multiplyByQuantizedMultiplier(1L, 1 << 30, 8));
    }
}
