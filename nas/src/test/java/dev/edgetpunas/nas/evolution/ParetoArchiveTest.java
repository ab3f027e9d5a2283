package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoArchiveTest {
    private static Evaluation ev(int i, double acc, double lat) {
        return new Evaluation(i, "g" + i, acc, lat, acc, Status.OK, "", List.of());
    }

    /**
     * For any sequence of points: no front member dominates another, every point offered is weakly
     * dominated by (or equal to) a front member, and the front is sorted by latency.
     */
    @Test
    void frontIsExactlyTheNonDominatedSet() {
        qt().forAll(lists().of(integers().between(0, 400)).ofSizeBetween(1, 60)).checkAssert(codes -> {
            ParetoArchive a = new ParetoArchive();
            List<Evaluation> all = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                int c = codes.get(i);
                Evaluation e = ev(i, (c % 20) / 20.0, 1 + c / 20);
                all.add(e);
                a.add(e);
            }
            List<Evaluation> f = a.front();
            for (Evaluation p : f) for (Evaluation q : f) assertFalse(p.dominates(q));
            for (Evaluation e : all) {
                assertTrue(f.stream().anyMatch(p -> p.latencyMs() <= e.latencyMs() && p.accuracy() >= e.accuracy()));
                boolean dominated = all.stream().anyMatch(o -> o.dominates(e));
                if (!dominated) assertTrue(f.stream().anyMatch(p -> p.latencyMs() == e.latencyMs() && p.accuracy() == e.accuracy()));
            }
            for (int i = 1; i < f.size(); i++) assertTrue(f.get(i - 1).latencyMs() < f.get(i).latencyMs());
        });
    }

    @Test
    void equalPointKeepsTheEarliestAndFailuresNeverEnter() {
        ParetoArchive a = new ParetoArchive();
        assertTrue(a.add(ev(0, 0.5, 2)));
        assertFalse(a.add(ev(1, 0.5, 2)));
        assertFalse(a.add(new Evaluation(2, "x", Double.NaN, Double.NaN, Double.NaN, Status.FAILED, "boom", List.of())));
        assertEquals(0, a.front().get(0).eval());
        assertTrue(a.add(ev(3, 0.6, 1)));
        assertEquals(1, a.size());
    }
}
