package dev.edgetpunas.nas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CandidateEvaluatorTest {
    private final NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);

    @Test
    void latencyIsComputedOncePerNetwork() {
        AtomicInteger calls = new AtomicInteger();
        CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(space, g -> {
            calls.incrementAndGet();
            return 1 + g.macs() / 1e9;
        }, (a, s) -> Estimate.ok(0.5));
        NasBench201Cell c = new NasBench201Cell(100);
        double a = ev.evaluate(c, 1).latencyMs();
        double b = ev.evaluate(c, 2).latencyMs();
        ev.latencyMs(NasBench201Space.canonical(c));
        assertEquals(a, b, 0);
        assertEquals(1, calls.get());
        // cells 1 and 2 have no input-output path: the same network (zeros), simulated once
        double[] all = ev.latenciesMs(List.of(new NasBench201Cell(1), new NasBench201Cell(2), c), 2);
        assertEquals(all[0], all[1], 0);
        assertEquals(a, all[2], 0);
        assertEquals(2, calls.get());
    }

    @Test
    void exceptionsBecomeFailedTrials() {
        CandidateEvaluator<NasBench201Cell> badLatency = new CandidateEvaluator<>(space, g -> {
            throw new IllegalStateException("simulator bug");
        }, (a, s) -> Estimate.ok(0.5));
        CandidateEvaluator.Trial t = badLatency.evaluate(new NasBench201Cell(5), 1);
        assertFalse(t.ok());
        assertTrue(t.failure().contains("simulator bug"), t.failure());
        CandidateEvaluator<NasBench201Cell> nanLatency = new CandidateEvaluator<>(space, g -> Double.NaN, (a, s) -> Estimate.ok(0.5));
        assertTrue(nanLatency.evaluate(new NasBench201Cell(5), 1).failure().contains("finite"));
        CandidateEvaluator<NasBench201Cell> badAcc = new CandidateEvaluator<>(space, g -> 1.0, (a, s) -> {
            throw new ArithmeticException("/ by zero");
        });
        CandidateEvaluator.Trial u = badAcc.evaluate(new NasBench201Cell(5), 1);
        assertTrue(u.failure().contains("/ by zero"), u.failure());
        assertEquals(1.0, u.latencyMs(), 0);
    }
}
