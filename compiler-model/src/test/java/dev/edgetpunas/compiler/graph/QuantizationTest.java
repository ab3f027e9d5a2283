package dev.edgetpunas.compiler.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantizationTest {

    /** Zero points may be shared between instances internally; nothing a caller does with its copies leaks. */
    @Test
    void symmetricPerAxisQuantizationsStayIndependent() {
        Quantization a = Quantization.perAxis(new float[] {0.1f, 0.2f, 0.3f}, 0);
        Quantization b = Quantization.perAxis(new float[] {0.4f, 0.5f, 0.6f}, 0);
        long[] za = a.zeroPoints();
        za[1] = 7;
        assertArrayEquals(new long[3], a.zeroPoints());
        assertArrayEquals(new long[3], b.zeroPoints());
        long[] given = new long[3];
        Quantization c = Quantization.perAxis(new float[] {1, 1, 1}, given, 2);
        given[0] = 9;
        assertEquals(0, c.zeroPoint(0), "the given array is not kept");
        assertEquals(Quantization.perAxis(new float[] {1, 1, 1}, 2), c);
        long[] nonZero = {0, -3, 0};
        Quantization d = Quantization.perAxis(new float[] {1, 1, 1}, nonZero, 0);
        nonZero[1] = 0;
        assertEquals(-3, d.zeroPoint(1));
    }

    @Test
    void scalesMustBeFiniteAndNonNegative() {
        for (float bad : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantization.perAxis(new float[] {0.5f, bad, 1f}, 0));
            assertTrue(e.getMessage().contains("scales must be finite and >= 0, but had " + bad), e.getMessage());
        }
        assertEquals(0f, Quantization.perTensor(-0f, 0).scale(0), 0f);
        assertEquals(Float.MAX_VALUE, Quantization.perTensor(Float.MAX_VALUE, 0).scale(0), 0f);
    }
}
