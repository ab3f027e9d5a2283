package dev.edgetpunas.nas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.TestData;
import dev.edgetpunas.nas.evolution.Algorithm;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The NAS-Bench-201 evidence of the nas README: CIFAR-10 table accuracy, latency simulated on
 * {@code edgetpu-usb3-max} (warm), T = the median latency of all 15,625 cells; the exhaustive
 * constrained optimum; evolution (P 10, S 3, one edge mutation, oldest dies) vs random search over
 * seeds 1..20 at budgets 100, 300 and 1000. About a minute on two cores. Writes
 * {@code target/nb201-simulator-evidence.md} and prints it. Run with
 * {@code mvn -B -o -pl nas -am verify -Pevidence -Dtest=NasBench201SimulatorEvidenceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("evidence")
class NasBench201SimulatorEvidenceTest {

    @Test
    void evolutionVersusRandomWithTheSimulator() throws Exception {
        Simulator sim = new Simulator(ProfileLoader.load("edgetpu-usb3-max"), 0); // the evaluator caches latencies
        NasBench201Study.Result r = NasBench201Study.run(new NasBench201Space(NasBench201Dataset.CIFAR10), TestData.table(NasBench201Dataset.CIFAR10),
                deployed -> sim.simulate(deployed).latencyMs(), 20, List.of(100, 300, 1000),
                List.of(Objective.Kind.MNAS_SOFT, Objective.Kind.MNAS_HARD), true, 2);
        String md = r.toMarkdown();
        System.out.println(md);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "nb201-simulator-evidence.md"), md);
        assertEquals(18, r.rows().size());
        for (NasBench201Study.Row row : r.rows()) {
            if (row.objective().equals(NasBench201Study.UNCONSTRAINED)) continue;
            assertTrue(row.max() <= r.optimumAccuracy(), "no search beats the exhaustive optimum");
            assertEquals(row.seeds(), row.found(), "every seed finds a feasible cell (half the space is feasible)");
        }
        // what the README reports, with the calibrated edgetpu-usb3-max: under the default objective (mnas-soft)
        // evolution is ahead of random at 300 and 1000 (Mann-Whitney p < 0.05); under mnas-hard it is not
        // (reported, not asserted: the table says so); accuracy alone: always ahead
        for (String objective : List.of(Objective.Kind.MNAS_SOFT.id(), NasBench201Study.UNCONSTRAINED)) {
            for (int budget : List.of(300, 1000)) {
                double evo = r.row(objective, Algorithm.EVOLUTION, budget).mean();
                double rnd = r.row(objective, Algorithm.RANDOM, budget).mean();
                assertTrue(evo > rnd, objective + ", budget " + budget + ": evolution " + evo + " vs random " + rnd);
                assertTrue(r.pValue(objective, budget) < 0.05, objective + ", budget " + budget + ": p = " + r.pValue(objective, budget));
            }
        }
    }
}
