package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgetpunas.nas.eval.AnalyticLatencyStandIn;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency-only evaluations per second on the edgetpu space (decode to the 224x224 network, deploy, the
 * analytic stand-in latency; the simulator's own cost comes on top). A measurement printed for the
 * notes, not a timed assertion; warm-up run first.
 */
@Tag("evidence")
class EdgeTpuThroughputEvidenceTest {

    @Test
    void latencyOnlyEvaluationsPerSecond() {
        for (int threads : new int[] {1, 2}) {
            run(threads, 100, 99); // warm-up
            long t0 = System.nanoTime();
            SearchResult r = run(threads, 600, threads);
            double s = (System.nanoTime() - t0) / 1e9;
            assertEquals(600, r.evaluations());
            long distinct = r.history().stream().map(Evaluation::genome).distinct().count();
            System.out.printf(Locale.ROOT, "edgetpu space, %d thread(s): %d candidates (%d distinct) in %.2f s = %.0f evaluations/s%n", threads,
                    r.evaluations(), distinct, s, r.evaluations() / s);
        }
    }

    private static SearchResult run(int threads, int budget, long seed) {
        CandidateEvaluator<EdgeTpuGenome> ev = new CandidateEvaluator<>(new EdgeTpuSpace(false), new AnalyticLatencyStandIn(),
                (arch, sd) -> Estimate.ok(0.5));
        return Engine.builder(ev).budget(budget).seed(seed).threads(threads).algorithm(Algorithm.RANDOM).objective(Objective.mnasSoft(5))
                .build().run(SearchListener.NONE);
    }
}
