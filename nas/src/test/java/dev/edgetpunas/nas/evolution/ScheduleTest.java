package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.eval.AnalyticLatencyStandIn;
import dev.edgetpunas.nas.eval.Candidate;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.eval.LostTrialException;
import dev.edgetpunas.nas.report.HistoryCsv;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleTest {
    private static final double TARGET_MS = 0.9;

    static CandidateEvaluator<NasBench201Cell> noisy(AccuracyEstimator est) {
        return new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10), new AnalyticLatencyStandIn(), est);
    }

    static Engine.Builder<NasBench201Cell> engine(CandidateEvaluator<NasBench201Cell> ev, Schedule s) {
        return Engine.builder(ev).schedule(s).seed(7).objective(Objective.mnasSoft(TARGET_MS));
    }

    /**
     * A service like a cluster: trials finish after random delays, so results arrive out of order;
     * it counts trials, remembers the largest number in flight, and loses the candidates {@code lose}
     * selects.
     */
    static final class ShuffledService implements EvaluationService<NasBench201Cell> {
        final CandidateEvaluator<NasBench201Cell> ev;
        final ScheduledExecutorService pool = Executors.newScheduledThreadPool(3);
        final SplittableRandom delays;
        final IntPredicate lose;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final Set<Integer> evaluated = ConcurrentHashMap.newKeySet();
        final AtomicInteger trials = new AtomicInteger();

        ShuffledService(CandidateEvaluator<NasBench201Cell> ev, long seed, IntPredicate lose) {
            this.ev = ev;
            this.delays = new SplittableRandom(seed);
            this.lose = lose;
        }

        @Override
        public synchronized CompletableFuture<CandidateEvaluator.Trial> submit(Candidate<NasBench201Cell> c, RetryListener retries) {
            CompletableFuture<CandidateEvaluator.Trial> f = new CompletableFuture<>();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            assertTrue(evaluated.add(c.eval()), "candidate " + c.eval() + " submitted twice");
            pool.schedule(() -> {
                inFlight.decrementAndGet();
                trials.incrementAndGet();
                if (lose.test(c.eval())) {
                    retries.retrying(c.eval(), 2, "member left");
                    f.completeExceptionally(new LostTrialException(2, "member left"));
                } else {
                    f.complete(ev.evaluate(c.genome(), c.seed()));
                }
            }, delays.nextInt(3000), TimeUnit.MICROSECONDS);
            return f;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    @Test
    void orderedWithOneInFlightIsTheSequentialAlgorithm() {
        CandidateEvaluator<NasBench201Cell> ev = noisy(EngineTest.SEED_NOISE);
        SearchResult seq = engine(ev, Schedule.batched(1)).budget(150).build().run(SearchListener.NONE);
        SearchResult ord = engine(ev, Schedule.ordered(1)).budget(150).build().run(SearchListener.NONE);
        assertEquals(HistoryCsv.format(seq.history()), HistoryCsv.format(ord.history()));
    }

    /** The history of ordered(W) depends on the seed and W only: not on threads, nor on the order results arrive in. */
    @Test
    void orderedHistoryDoesNotDependOnWhereOrWhenTrialsFinish() {
        CandidateEvaluator<NasBench201Cell> ev = noisy(EngineTest.SEED_NOISE);
        Schedule w5 = Schedule.ordered(5);
        String one = HistoryCsv.format(engine(ev, w5).budget(160).threads(1).build().run(SearchListener.NONE).history());
        String three = HistoryCsv.format(engine(ev, w5).budget(160).threads(3).build().run(SearchListener.NONE).history());
        assertEquals(one, three);
        for (long seed = 1; seed <= 3; seed++) {
            try (ShuffledService svc = new ShuffledService(ev, seed, k -> false)) {
                SearchResult r = engine(ev, w5).budget(160).service(svc).build().run(SearchListener.NONE);
                assertEquals(one, HistoryCsv.format(r.history()), "arrival order " + seed);
                assertTrue(svc.maxInFlight.get() <= 5, "at most W in flight, but " + svc.maxInFlight.get());
                assertTrue(svc.maxInFlight.get() >= 3, "the window is used: " + svc.maxInFlight.get() + " in flight at most");
            }
        }
        String w4 = HistoryCsv.format(engine(ev, Schedule.ordered(4)).budget(160).build().run(SearchListener.NONE).history());
        assertNotEquals(one, w4, "W is part of the algorithm");
    }

    @Test
    void lostTrialsAreRecordedApartFromFailedOnesAndSkipped() {
        AccuracyEstimator flaky = (arch, seed) -> arch.genome().hashCode() % 5 == 0 ? Estimate.failed("diverged") : EngineTest.SEED_NOISE.estimate(arch, seed);
        CandidateEvaluator<NasBench201Cell> ev = noisy(flaky);
        List<String> retries = new ArrayList<>();
        SearchListener l = new SearchListener() {
            @Override
            public void retried(int eval, int attempt, String reason) {
                retries.add(eval + ":" + attempt + ":" + reason);
            }
        };
        try (ShuffledService svc = new ShuffledService(ev, 1, k -> k % 9 == 4)) {
            SearchResult r = engine(ev, Schedule.ordered(4)).budget(60).service(svc).build().run(l);
            assertEquals(60, r.evaluations());
            for (Evaluation e : r.history()) {
                if (e.eval() % 9 == 4 && e.status() != Status.CACHED && svc.evaluated.contains(e.eval())) {
                    assertEquals(Status.LOST, e.status(), e.toString());
                    assertTrue(e.reason().contains("member left"), e.reason());
                }
            }
            assertTrue(r.lost() >= 5 && r.failed() > 0, r.lost() + " lost, " + r.failed() + " failed");
            assertEquals(r.evaluations(), r.history().stream().filter(Evaluation::succeeded).count() + r.lost() + r.failed());
            assertTrue(retries.contains("4:2:member left"), retries.toString());
        }
    }

    /** A driver killed mid-search resumes from its journal to the uninterrupted history, without evaluating a journaled result again. */
    @Test
    void orderedSearchResumesFromItsJournalToTheSameHistory(@TempDir Path dir) {
        AtomicInteger calls = new AtomicInteger();
        AccuracyEstimator counting = (arch, seed) -> {
            calls.incrementAndGet();
            return EngineTest.SEED_NOISE.estimate(arch, seed);
        };
        CandidateEvaluator<NasBench201Cell> ev = noisy(counting);
        SearchResult full = engine(ev, Schedule.ordered(6)).budget(90).build().run(SearchListener.NONE);
        int fullTrials = calls.getAndSet(0);
        Path journal = dir.resolve("search.journal.jsonl");
        SearchListener killer = new SearchListener() {
            @Override
            public void evaluated(Evaluation e, int done, int budget) {
                if (done == 41) throw new IllegalStateException("killed");
            }
        };
        try (ShuffledService svc = new ShuffledService(ev, 5, k -> false)) {
            assertThrows(IllegalStateException.class, () -> engine(ev, Schedule.ordered(6)).budget(90).service(svc).journal(journal).build().run(killer));
        }
        Journal.Replay replay = Journal.read(journal);
        assertTrue(replay.rows().size() >= 41, replay.rows().size() + " rows");
        int before = calls.get();
        SearchResult resumed = engine(ev, Schedule.ordered(6)).budget(90).threads(2).journal(journal).build().resume(replay, SearchListener.NONE);
        assertEquals(HistoryCsv.format(full.history()), HistoryCsv.format(resumed.history()));
        assertEquals(fullTrials, calls.get(), "every trial ran once over both drivers (" + before + " before the kill)");
        // the journal now holds the whole search once
        Journal.Replay done = Journal.read(journal);
        assertEquals(90, done.rows().size());
        assertEquals(HistoryCsv.format(full.history()), HistoryCsv.format(done.rows().stream().sorted((a, b) -> a.eval() - b.eval()).toList()));
    }

    @Test
    void asyncAppliesResultsOnArrivalAndJournalsThatOrder(@TempDir Path dir) {
        CandidateEvaluator<NasBench201Cell> ev = noisy(EngineTest.SEED_NOISE);
        Path journal = dir.resolve("async.jsonl");
        SearchResult r;
        try (ShuffledService svc = new ShuffledService(ev, 3, k -> false)) {
            r = engine(ev, Schedule.async(6)).budget(80).service(svc).journal(journal).build().run(SearchListener.NONE);
            assertTrue(svc.maxInFlight.get() <= 6);
        }
        assertEquals(80, r.evaluations());
        Set<Integer> evals = new HashSet<>();
        r.history().forEach(e -> evals.add(e.eval()));
        assertEquals(80, evals.size(), "every candidate once");
        assertEquals(r.history(), Journal.read(journal).rows(), "the journal's rows are the history, in its order");
        boolean outOfOrder = false;
        for (int i = 1; i < r.history().size(); i++) outOfOrder |= r.history().get(i).eval() < r.history().get(i - 1).eval();
        assertTrue(outOfOrder, "results were applied as they arrived");
    }

    @Test
    void asyncSearchResumesFromItsJournal(@TempDir Path dir) throws Exception {
        CandidateEvaluator<NasBench201Cell> ev = noisy(EngineTest.SEED_NOISE);
        Path journal = dir.resolve("async.jsonl");
        SearchListener killer = new SearchListener() {
            @Override
            public void evaluated(Evaluation e, int done, int budget) {
                if (done == 30) throw new IllegalStateException("killed");
            }
        };
        try (ShuffledService svc = new ShuffledService(ev, 4, k -> false)) {
            assertThrows(IllegalStateException.class, () -> engine(ev, Schedule.async(5)).budget(70).service(svc).journal(journal).build().run(killer));
        }
        // a driver killed in the middle of a line
        Files.writeString(journal, Files.readString(journal) + "{\"event\":\"finished\",\"eval\":9", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Journal.Replay replay = Journal.read(journal);
        assertEquals(30, replay.rows().size());
        SearchResult r;
        try (ShuffledService svc = new ShuffledService(ev, 6, k -> false)) {
            r = engine(ev, Schedule.async(5)).budget(70).service(svc).journal(journal).build().resume(replay, SearchListener.NONE);
            for (Evaluation e : replay.rows()) assertTrue(!svc.evaluated.contains(e.eval()), "candidate " + e.eval() + " was evaluated again");
        }
        assertEquals(70, r.evaluations());
        assertEquals(replay.rows(), r.history().subList(0, 30));
        Set<Integer> evals = new HashSet<>();
        r.history().forEach(e -> evals.add(e.eval()));
        assertEquals(70, evals.size());
    }

    @Test
    void journalOfAnotherSearchIsRejected(@TempDir Path dir) {
        CandidateEvaluator<NasBench201Cell> ev = noisy(EngineTest.SEED_NOISE);
        Path journal = dir.resolve("j.jsonl");
        engine(ev, Schedule.ordered(3)).budget(10).journal(journal).build().run(SearchListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine(ev, Schedule.ordered(4)).budget(20).journal(journal).build().resume(Journal.read(journal), SearchListener.NONE));
        assertTrue(e.getMessage().contains("schedule: ordered(3) vs ordered(4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine(ev, Schedule.ordered(3)).budget(10).journal(journal).build().run(SearchListener.NONE));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine(ev, Schedule.async(3)).checkpoint(dir.resolve("c.json"), 5).build());
    }

    @Test
    void journalHoldsNoHostNamesOrAbsolutePaths() {
        assertEquals("cannot read x.csv from <address>", Journal.scrub("cannot read /home/ann/data/x.csv from 10.0.0.7:5701"));
        assertEquals("exit code 1: No such file 'train.py'", Journal.scrub("exit code 1: No such file '/srv/jobs/train.py'"));
        assertEquals("see https://example.org/a/b", Journal.scrub("see https://example.org/a/b"));
        assertEquals("ratio 3/4 and a/b/c", Journal.scrub("ratio 3/4 and a/b/c"));
    }
}
