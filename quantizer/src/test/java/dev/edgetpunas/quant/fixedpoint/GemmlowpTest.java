package dev.edgetpunas.quant.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmlowpTest {
    private static final double Q31 = 2147483648.0;

    @Test
    void barrelShifterConstantsAreExpOfPowersOfTwoInQ031() {
        int[] constants = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
        for (int i = 0; i < constants.length; i++) {
            int exponent = i - 2;
            assertEquals(Math.round(Math.exp(-Math.pow(2, exponent)) * Q31), constants[i], "exp(-2^" + exponent + ")");
        }
        assertEquals(Math.round(Math.exp(-1.0 / 8) * Q31), 1895147668);
        assertEquals(Math.round(Q31 / 3), 715827883);
        assertEquals(Math.round(48.0 / 17 * (1 << 29)), 1515870810);
        assertEquals(Math.round(-32.0 / 17 * (1 << 29)), -1010580540);
    }

    @Test
    void expOnNegativeValuesIsAccurate() {
        for (int bits : new int[] {4, 5}) {
            double unit = 1L << (31 - bits);
            for (double x = -(1 << bits) + 0.001; x <= 0; x += 0.0173) {
                int raw = (int) Math.round(x * unit);
                double got = Gemmlowp.expOnNegativeValues(raw, bits) / Q31;
                assertEquals(Math.exp(raw / unit), got, 2e-7 + 1e-6 * Math.exp(raw / unit), "exp(" + x + "), " + bits + " integer bits");
            }
        }
        assertEquals(Gemmlowp.ONE_Q0, Gemmlowp.expOnNegativeValues(0, 5));
    }

    @Test
    void logisticAndTanhAreAccurateAndOddOrComplementary() {
        double unit = 1 << 27; // Q4.27
        for (double x = -15.9; x < 15.9; x += 0.0371) {
            int raw = (int) Math.round(x * unit);
            double xv = raw / unit;
            double sig = Gemmlowp.logistic(raw, 4) / Q31;
            double th = Gemmlowp.tanh(raw, 4) / Q31;
            assertEquals(1 / (1 + Math.exp(-xv)), sig, 1e-6, "logistic(" + xv + ")");
            assertEquals(Math.tanh(xv), th, 1e-6, "tanh(" + xv + ")");
            assertEquals(-Gemmlowp.tanh(raw, 4), Gemmlowp.tanh(-raw, 4), "tanh is odd");
        }
        assertEquals(1 << 30, Gemmlowp.logistic(0, 4));
        assertEquals(0, Gemmlowp.tanh(0, 4));
    }

    @Test
    void reciprocalInvertsSumsOfExponentials() {
        int[] bits = new int[1];
        for (double v = 1.0; v < 3000; v *= 1.37) {
            int raw = (int) Math.round(v * (1 << 19)); // Q12.19
            int r = Gemmlowp.reciprocal(raw, 12, bits);
            double recip = r / Q31 / Math.pow(2, bits[0]);
            assertTrue(Math.abs(recip * (raw / (double) (1 << 19)) - 1) < 1e-6, "1/" + v + " gave " + recip);
        }
    }
}
