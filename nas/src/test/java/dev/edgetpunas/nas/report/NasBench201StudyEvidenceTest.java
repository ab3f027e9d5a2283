package dev.edgetpunas.nas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.TestData;
import dev.edgetpunas.nas.eval.AnalyticLatencyStandIn;
import dev.edgetpunas.nas.evolution.Algorithm;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The NAS-Bench-201 evidence run with the analytic stand-in latency (a test double; the lead reruns it
 * with the simulator on edgetpu-usb3-max). Writes {@code target/nb201-evidence.md} and prints it.
 */
@Tag("evidence")
class NasBench201StudyEvidenceTest {

    @Test
    void evolutionVersusRandomOnNasBench201() throws Exception {
        NasBench201Study.Result r = NasBench201Study.run(new NasBench201Space(NasBench201Dataset.CIFAR10), TestData.table(NasBench201Dataset.CIFAR10),
                new AnalyticLatencyStandIn(), 20, List.of(100, 300, 1000), List.of(Objective.Kind.MNAS_SOFT, Objective.Kind.MNAS_HARD), true, 2);
        String md = r.toMarkdown();
        System.out.println(md);
        Files.writeString(Path.of("target", "nb201-evidence.md"), md);
        assertEquals(18, r.rows().size());
        for (NasBench201Study.Row row : r.rows()) {
            if (!row.objective().equals(NasBench201Study.UNCONSTRAINED)) {
                assertTrue(row.max() <= r.optimumAccuracy(), "no search beats the exhaustive optimum");
                assertEquals(row.seeds(), row.found(), "every seed finds a feasible cell (half the space is feasible)");
            }
        }
        // the search itself works: maximizing accuracy alone, evolution beats random at 300 and 1000. Whether it
        // also does under the latency constraint is what the table reports (with this stand-in it does not at 300).
        for (int budget : List.of(300, 1000)) {
            double evo = mean(r, NasBench201Study.UNCONSTRAINED, Algorithm.EVOLUTION, budget);
            double rnd = mean(r, NasBench201Study.UNCONSTRAINED, Algorithm.RANDOM, budget);
            assertTrue(evo > rnd, "budget " + budget + ": evolution " + evo + " vs random " + rnd);
        }
    }

    private static double mean(NasBench201Study.Result r, String k, Algorithm a, int budget) {
        return r.rows().stream().filter(x -> x.objective().equals(k) && x.algorithm() == a && x.budget() == budget).findFirst().orElseThrow().mean();
    }
}
