package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgetpunas.nas.eval.AnalyticLatencyStandIn;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.LatencyEvaluator;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.training.estimate.Estimate;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency-only evaluations per second on the edgetpu space through the search itself (random search:
 * fresh genomes, decode to the 224x224 network, deploy, simulate on edgetpu-usb3-max without simulator
 * caches, a constant accuracy), and the same with the analytic stand-in latency to show the
 * simulator's share. A measurement printed for the notes, not a timed assertion; warm-up run first.
 */
@Tag("evidence")
class EdgeTpuThroughputEvidenceTest {

    @Test
    void latencyOnlyEvaluationsPerSecond() {
        Simulator sim = new Simulator(ProfileLoader.load("edgetpu-usb3-max"), 0);
        LatencyEvaluator simulated = deployed -> sim.simulate(deployed).latencyMs();
        for (LatencyEvaluator latency : List.of(simulated, new AnalyticLatencyStandIn())) {
            String what = latency == simulated ? "simulator" : "stand-in";
            for (int threads : new int[] {1, 2}) {
                run(latency, threads, 300, 99); // warm-up
                long t0 = System.nanoTime();
                double cpu0 = processCpuSeconds();
                SearchResult r = run(latency, threads, 1200, threads);
                double s = (System.nanoTime() - t0) / 1e9, cpu = processCpuSeconds() - cpu0;
                assertEquals(1200, r.evaluations());
                long distinct = r.history().stream().map(Evaluation::genome).distinct().count();
                System.out.printf(Locale.ROOT, "edgetpu space, %s, %d thread(s): %d candidates (%d distinct) in %.2f s = %.0f evaluations/s "
                        + "(process CPU %.2f ms per evaluation)%n", what, threads, r.evaluations(), distinct, s, r.evaluations() / s,
                        1000 * cpu / r.evaluations());
            }
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static SearchResult run(LatencyEvaluator latency, int threads, int budget, long seed) {
        CandidateEvaluator<EdgeTpuGenome> ev = new CandidateEvaluator<>(new EdgeTpuSpace(false), latency, (arch, sd) -> Estimate.ok(0.5));
        return Engine.builder(ev).budget(budget).seed(seed).threads(threads).algorithm(Algorithm.RANDOM).objective(Objective.mnasSoft(5))
                .build().run(SearchListener.NONE);
    }
}
