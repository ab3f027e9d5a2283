package dev.edgetpunas.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void metricsOfAHandComputedExample() {
        // errors: -10%, +5%, +25%, -50%
        Fidelity f = Fidelity.of(new double[] {10, 20, 4, 2}, new double[] {9, 21, 5, 1});
        assertEquals(4, f.n());
        assertEquals((10 + 5 + 25 + 50) / 4.0, f.mapePct(), 1e-12);
        assertEquals(0.5, f.within10(), "-10% and +5% are within 10%");
        assertEquals(0.5, f.within20());
        // ranks measured (3,4,2,1), predicted (3,4,2,1): same order
        assertEquals(1.0, f.spearman(), 1e-12);
        assertEquals(1.0, f.kendall(), 1e-12);
    }

    @Test
    void reversedOrderGivesMinusOneRankCorrelation() {
        Fidelity f = Fidelity.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1});
        assertEquals(-1.0, f.spearman(), 1e-12);
        assertEquals(-1.0, f.kendall(), 1e-12);
    }

    @Test
    void rankCorrelationIsUndefinedForFewOrConstantRows() {
        assertTrue(Double.isNaN(Fidelity.of(new double[] {1, 2}, new double[] {1, 2}).spearman()));
        assertTrue(Double.isNaN(Fidelity.of(new double[] {1, 2, 3}, new double[] {5, 5, 5}).kendall()));
        Fidelity empty = Fidelity.of(new double[0], new double[0]);
        assertEquals(0, empty.n());
        assertTrue(Double.isNaN(empty.mapePct()));
    }

    @Test
    void rejectsMismatchedLengthsAndNonPositiveMeasurements() {
        assertThrows(IllegalArgumentException.class, () -> Fidelity.of(new double[] {1}, new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fidelity.of(new double[] {1, 0}, new double[] {1, 1}));
        assertEquals("measured[1] must be > 0, but was 0.0", e.getMessage());
    }

    @Test
    void aUniformRelativeErrorIsTheMape() {
        qt().forAll(lists().of(doubles().between(0.01, 1e4)).ofSizeBetween(1, 30), doubles().between(-0.9, 3))
                .checkAssert((measured, e) -> {
                    double[] m = measured.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] p = measured.stream().mapToDouble(x -> x * (1 + e)).toArray();
                    Fidelity f = Fidelity.of(m, p);
                    assertEquals(100 * Math.abs(e), f.mapePct(), 1e-6 * Math.max(1, 100 * Math.abs(e)));
                });
    }

    @Test
    void metricsDoNotDependOnRowOrder() {
        qt().forAll(lists().of(doubles().between(0.1, 1000)).ofSizeBetween(3, 25), integers().allPositive()).checkAssert((values, seed) -> {
            List<double[]> pairs = new ArrayList<>();
            Random r = new Random(seed);
            for (double v : values) pairs.add(new double[] {v, v * (0.5 + r.nextDouble())});
            Fidelity a = of(pairs);
            Collections.shuffle(pairs, new Random(seed + 1L));
            Fidelity b = of(pairs);
            assertEquals(a.mapePct(), b.mapePct(), 1e-9);
            assertEquals(a.within10(), b.within10());
            assertEquals(a.spearman(), b.spearman(), 1e-9);
            assertEquals(a.kendall(), b.kendall(), 1e-9);
        });
    }

    @Test
    void sharesAreFractionsAndWithin10NeverExceedsWithin20() {
        qt().forAll(lists().of(doubles().between(0.1, 1000)).ofSizeBetween(1, 25), integers().allPositive()).checkAssert((values, seed) -> {
            Random r = new Random(seed);
            double[] m = values.stream().mapToDouble(Double::doubleValue).toArray();
            double[] p = values.stream().mapToDouble(v -> v * (0.6 + 0.8 * r.nextDouble())).toArray();
            Fidelity f = Fidelity.of(m, p);
            assertTrue(f.within10() >= 0 && f.within10() <= f.within20() && f.within20() <= 1, f.toString());
        });
    }

    private static Fidelity of(List<double[]> pairs) {
        return Fidelity.of(pairs.stream().mapToDouble(x -> x[0]).toArray(), pairs.stream().mapToDouble(x -> x[1]).toArray());
    }
}
