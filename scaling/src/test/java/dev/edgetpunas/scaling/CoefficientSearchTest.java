package dev.edgetpunas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoefficientSearchTest {
    private static final EfficientNetSpec BASE = EfficientNetSpec.EDGETPU_S.withName("s96").withResolution(96);

    /** A deterministic stand-in trainer: more repeats, a wider head and (if it looks) a larger input score higher. */
    static final class Trainer implements AccuracyEstimator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Estimate estimate(Architecture a, long seed) {
            calls.incrementAndGet();
            int repeats = 0;
            for (JsonNode b : a.field("blocks")) repeats += Integer.parseInt(b.asText().substring(1, b.asText().indexOf('_')));
            return Estimate.ok(Math.min(1, 0.4 + 0.01 * repeats + 0.00005 * a.field("head_filters").asInt() + 0.0002 * a.field("resolution").asInt()));
        }
    }

    @Test
    void defaultGridIsTheIssuesRangesInsideTheFlopsBand() {
        List<CompoundCoefficients> pts = CoefficientGrid.DEFAULT.points();
        // oracle: integer hundredths, alpha 100..140, beta and gamma 100..130 in steps of 5
        List<CompoundCoefficients> expected = new ArrayList<>();
        for (int a = 100; a <= 140; a += 5) {
            for (int b = 100; b <= 130; b += 5) {
                for (int g = 100; g <= 130; g += 5) {
                    double f = a * b * b * (double) (g * g) / 1e10;
                    if (f >= 1.9 - 1e-9 && f <= 2.1 + 1e-9) expected.add(new CompoundCoefficients(a / 100.0, b / 100.0, g / 100.0));
                }
            }
        }
        assertEquals(expected, pts);
        assertTrue(pts.contains(CompoundCoefficients.DEFAULT), "EfficientNet's own 1.2, 1.1, 1.15 is on the grid");
        assertTrue(pts.size() > 30, "the band keeps a real choice: " + pts.size());
    }

    @Test
    void withoutAnEstimatorTheFastestPointAtPhiOneWinsAndTheResultSaysSo() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth());
        CoefficientSearch.Result r = CoefficientSearch.run(s, CoefficientGrid.DEFAULT, Optional.empty(), 1, 2, ScalingListener.NONE);
        double fastest = r.points().stream().mapToDouble(p -> p.member().latencyMs()).min().orElseThrow();
        assertEquals(fastest, r.best().member().latencyMs());
        assertEquals(CoefficientSearch.Scoring.LATENCY, r.scoring());
        assertTrue(r.notes().get(0).startsWith("no accuracy estimator: grid points are scored by simulated latency at phi = 1 alone"));
        for (GridPoint p : r.points()) assertEquals(1.0, p.member().phi().getAsDouble());
    }

    @Test
    void theBestPointHasTheHighestAccuracyPerMs() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth());
        Trainer t = new Trainer();
        CoefficientSearch.Result r = CoefficientSearch.run(s, CoefficientGrid.DEFAULT, Optional.of(AccuracySource.seeingResolution(t)), 1, 1,
                ScalingListener.NONE);
        assertEquals(CoefficientSearch.Scoring.ACCURACY_PER_MS, r.scoring());
        for (GridPoint p : r.points()) {
            double acc = p.member().accuracyValue().orElseThrow();
            assertEquals(acc / p.member().latencyMs(), p.score(), 1e-12);
            assertTrue(p.score() <= r.best().score());
        }
        assertTrue(r.notes().isEmpty(), r.notes().toString());
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        List<Double> scores1 = new ArrayList<>(), scores3 = new ArrayList<>();
        CoefficientSearch.Result r1 = CoefficientSearch.run(new FamilyScaler(BASE, FakeProbe.smooth()), CoefficientGrid.DEFAULT,
                Optional.of(AccuracySource.blindToResolution(new Trainer())), 7, 1, ScalingListener.NONE);
        AtomicInteger reported = new AtomicInteger();
        CoefficientSearch.Result r3 = CoefficientSearch.run(new FamilyScaler(BASE, FakeProbe.smooth()), CoefficientGrid.DEFAULT,
                Optional.of(AccuracySource.blindToResolution(new Trainer())), 7, 3, new ScalingListener() {
                    @Override
                    public void gridPoint(GridPoint p, int done, int total) {
                        reported.incrementAndGet();
                    }
                });
        r1.points().forEach(p -> scores1.add(p.score()));
        r3.points().forEach(p -> scores3.add(p.score()));
        assertEquals(scores1, scores3);
        assertEquals(r1.best().coefficients(), r3.best().coefficients());
        assertEquals(r1.points().size(), reported.get());
    }

    @Test
    void anEstimatorBlindToResolutionTrainsEachNetworkOnceAndGammaIsChosenByLatency() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth());
        Trainer t = new Trainer();
        CoefficientSearch.Result r = CoefficientSearch.run(s, CoefficientGrid.DEFAULT, Optional.of(AccuracySource.blindToResolution(t)), 1, 2,
                ScalingListener.NONE);
        Set<String> networks = new HashSet<>();
        for (GridPoint p : r.points()) networks.add(CompoundScaling.architectureKey(p.member().spec(), false));
        assertEquals(networks.size(), t.calls.get(), "one estimate per network, resolution ignored");
        assertTrue(networks.size() < r.points().size(), "some grid points differ only in resolution");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("cannot see resolution: gamma is chosen by latency alone")), r.notes().toString());
        // among points with the same network, the best-scoring one is the fastest
        for (GridPoint p : r.points()) {
            for (GridPoint q : r.points()) {
                if (CompoundScaling.architectureKey(p.member().spec(), false).equals(CompoundScaling.architectureKey(q.member().spec(), false))) {
                    assertEquals(p.member().accuracyValue(), q.member().accuracyValue());
                    assertEquals(p.member().latencyMs() < q.member().latencyMs(), p.score() > q.score());
                }
            }
        }
    }

    @Test
    void failedEstimatesAreSkippedAndNamedAndAllFailedIsAnError() {
        AccuracyEstimator half = (a, seed) -> a.field("resolution").asInt() % 16 == 0 ? Estimate.failed("exit code 1: CUDA out of memory")
                : Estimate.ok(0.7);
        CoefficientSearch.Result r = CoefficientSearch.run(new FamilyScaler(BASE, FakeProbe.smooth()), CoefficientGrid.DEFAULT,
                Optional.of(AccuracySource.seeingResolution(half)), 1, 1, ScalingListener.NONE);
        long failed = r.points().stream().filter(p -> !p.ok()).count();
        assertTrue(failed > 0 && failed < r.points().size(), "some but not all fail: " + failed);
        assertTrue(r.best().ok());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("failed their accuracy estimate") && n.contains("CUDA out of memory")));
        for (GridPoint p : r.points()) assertEquals(!p.ok(), p.failure().isPresent());

        AccuracyEstimator none = (a, seed) -> Estimate.failed("no GPU");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoefficientSearch.run(new FamilyScaler(BASE,
                FakeProbe.smooth()), CoefficientGrid.DEFAULT, Optional.of(AccuracySource.seeingResolution(none)), 1, 1, ScalingListener.NONE));
        assertEquals("every accuracy estimate of the coefficient search failed (first: no GPU)", e.getMessage());
    }

    @Test
    void anEmptyGridOrBadThreadCountIsRejected() {
        CoefficientGrid empty = new CoefficientGrid(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.05, 1.9, 2.1);
        assertTrue(empty.points().isEmpty());
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth());
        assertThrows(IllegalArgumentException.class, () -> CoefficientSearch.run(s, empty, Optional.empty(), 1, 1, ScalingListener.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoefficientSearch.run(s, CoefficientGrid.DEFAULT, Optional.empty(), 1, 0, ScalingListener.NONE));
        assertEquals("threads must be >= 1, but was 0", e.getMessage());
        assertFalse(CoefficientGrid.DEFAULT.points().isEmpty());
    }
}
