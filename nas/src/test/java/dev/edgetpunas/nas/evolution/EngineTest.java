package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.TestData;
import dev.edgetpunas.nas.eval.AnalyticLatencyStandIn;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.report.HistoryCsv;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    private static final double TARGET_MS = 0.9;

    static CandidateEvaluator<NasBench201Cell> nb201() {
        return new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10), new AnalyticLatencyStandIn(),
                TestData.table(NasBench201Dataset.CIFAR10));
    }

    /** An estimator whose result depends on the seed, so that reproducibility tests see the seeds. */
    static final AccuracyEstimator SEED_NOISE = (arch, seed) -> Estimate.ok(0.5 + 0.4 * ((seed >>> 11) * 0x1.0p-53) * (arch.genome().length() % 7) / 6);

    static Engine.Builder<NasBench201Cell> engine(CandidateEvaluator<NasBench201Cell> ev) {
        return Engine.builder(ev).batchSize(4).seed(7).objective(Objective.mnasSoft(TARGET_MS));
    }

    @Test
    void historyDoesNotDependOnTheThreadCount() {
        CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10),
                new AnalyticLatencyStandIn(), SEED_NOISE);
        SearchResult one = engine(ev).budget(120).threads(1).build().run(SearchListener.NONE);
        SearchResult two = engine(ev).budget(120).threads(2).build().run(SearchListener.NONE);
        SearchResult four = engine(nb201cached(ev)).budget(120).threads(4).build().run(SearchListener.NONE);
        assertEquals(HistoryCsv.format(one.history()), HistoryCsv.format(two.history()));
        assertEquals(HistoryCsv.format(one.history()), HistoryCsv.format(four.history()));
        assertEquals(120, one.evaluations());
    }

    private static CandidateEvaluator<NasBench201Cell> nb201cached(CandidateEvaluator<NasBench201Cell> ev) {
        return new CandidateEvaluator<>(ev.space(), new AnalyticLatencyStandIn(), ev.accuracyEstimator());
    }

    @Test
    void differentSeedsGiveDifferentHistories() {
        CandidateEvaluator<NasBench201Cell> ev = nb201();
        SearchResult a = engine(ev).budget(40).build().run(SearchListener.NONE);
        SearchResult b = engine(ev).budget(40).seed(8).build().run(SearchListener.NONE);
        assertNotEquals(HistoryCsv.format(a.history()), HistoryCsv.format(b.history()));
    }

    /** 30 evaluations, then a resume to 60, equal 60 uninterrupted ones (30 is not a batch boundary). */
    @Test
    void resumedSearchReproducesTheUninterruptedRun(@TempDir Path dir) {
        CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10),
                new AnalyticLatencyStandIn(), SEED_NOISE);
        SearchResult full = engine(ev).budget(60).build().run(SearchListener.NONE);
        Path ckpt = dir.resolve("search.ckpt.json");
        SearchResult first = engine(ev).budget(30).checkpoint(ckpt, 10).build().run(SearchListener.NONE);
        assertEquals(30, first.evaluations());
        assertEquals(HistoryCsv.format(full.history().subList(0, 30)), HistoryCsv.format(first.history()));
        SearchResult resumed = engine(ev).budget(60).threads(2).checkpoint(ckpt, 10).build().resume(Checkpoint.read(ckpt), SearchListener.NONE);
        assertEquals(HistoryCsv.format(full.history()), HistoryCsv.format(resumed.history()));
        assertEquals(HistoryCsv.format(full.pareto()), HistoryCsv.format(resumed.pareto()));
        assertEquals(full.best(), resumed.best());
    }

    /** A search killed between checkpoints resumes from the last checkpoint to the same history. */
    @Test
    void killedSearchResumesFromItsLastCheckpoint(@TempDir Path dir) {
        CandidateEvaluator<NasBench201Cell> ev = nb201();
        SearchResult full = engine(ev).budget(60).build().run(SearchListener.NONE);
        Path ckpt = dir.resolve("c.json");
        SearchListener killer = new SearchListener() {
            @Override
            public void evaluated(Evaluation e, int done, int budget) {
                if (done == 37) throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> engine(ev).budget(60).checkpoint(ckpt, 6).build().run(killer));
        Checkpoint c = Checkpoint.read(ckpt);
        assertTrue(c.history().size() >= 30 && c.history().size() < 37, "checkpoint at " + c.history().size());
        SearchResult resumed = engine(ev).budget(60).checkpoint(ckpt, 6).build().resume(c, SearchListener.NONE);
        assertEquals(HistoryCsv.format(full.history()), HistoryCsv.format(resumed.history()));
    }

    @Test
    void resumeRejectsACheckpointOfAnotherSearch(@TempDir Path dir) {
        CandidateEvaluator<NasBench201Cell> ev = nb201();
        Path ckpt = dir.resolve("c.json");
        engine(ev).budget(12).checkpoint(ckpt, 4).build().run(SearchListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine(ev).budget(20).seed(99).population(12).build().resume(Checkpoint.read(ckpt), SearchListener.NONE));
        assertTrue(e.getMessage().contains("seed: 7 vs 99") && e.getMessage().contains("population: 10 vs 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine(ev).budget(5).build().resume(Checkpoint.read(ckpt), SearchListener.NONE));
        assertTrue(e.getMessage().contains("budget 5"), e.getMessage());
    }

    @Test
    void agingEvolutionKeepsThePopulationAndMutatesWinners() {
        CandidateEvaluator<NasBench201Cell> ev = nb201();
        Engine<NasBench201Cell> engine = engine(ev).budget(200).batchSize(1).build();
        SearchResult r = engine.run(SearchListener.NONE);
        NasBench201Space space = (NasBench201Space) ev.space();
        // after the random phase every child is one mutation from some member of the 10 most recent successes before it
        List<Evaluation> h = r.history();
        for (int i = 10; i < h.size(); i++) {
            NasBench201Cell child = space.parse(h.get(i).genome());
            boolean near = false;
            for (int j = i - 10; j < i; j++) near |= space.distance(child, space.parse(h.get(j).genome())) == 1;
            assertTrue(near, "candidate " + i + " is not a mutation of the population");
        }
        assertTrue(r.history().stream().anyMatch(e -> e.status() == Status.CACHED), "evolution revisits genomes");
    }

    @Test
    void randomSearchSamplesUniformly() {
        SearchResult r = engine(nb201()).budget(200).algorithm(Algorithm.RANDOM).build().run(SearchListener.NONE);
        Set<String> distinct = r.history().stream().map(Evaluation::genome).collect(Collectors.toSet());
        assertTrue(distinct.size() >= 195, "random search over 15625 cells repeats little, but had " + distinct.size() + " distinct");
    }

    @Test
    void paretoFrontIsTheNonDominatedSetOfTheHistory() {
        SearchResult r = engine(nb201()).budget(150).objective(Objective.pareto(TARGET_MS)).build().run(SearchListener.NONE);
        for (Evaluation e : r.history()) {
            if (!e.succeeded()) continue;
            boolean dominated = r.history().stream().anyMatch(o -> o.succeeded() && o.dominates(e));
            boolean onFront = r.pareto().stream().anyMatch(p -> p.accuracy() == e.accuracy() && p.latencyMs() == e.latencyMs());
            assertEquals(!dominated, onFront, e.toString());
        }
    }

    @Test
    void streamDeliversBatchesInOrder() {
        try (Stream<Batch> s = engine(nb201()).budget(22).threads(2).build().stream()) {
            List<Batch> batches = s.toList();
            assertEquals(6, batches.size());
            assertEquals(2, batches.get(5).evaluations().size());
            assertEquals(22, batches.get(5).done());
            int next = 0;
            for (Batch b : batches) for (Evaluation e : b.evaluations()) assertEquals(next++, e.eval());
        }
    }

    @Test
    void hardObjectivePrefersTheMostAccurateFeasibleCandidate() {
        SearchResult r = engine(nb201()).budget(100).objective(Objective.mnasHard(TARGET_MS)).build().run(SearchListener.NONE);
        Evaluation best = r.best().orElseThrow();
        assertTrue(best.latencyMs() <= TARGET_MS);
        assertEquals(r.bestFeasible().orElseThrow().accuracy(), best.accuracy());
    }

    /** An estimator that throws or fails is a failed trial; the search goes on and finishes. */
    @Test
    void failingEstimatorIsRecordedAndSkipped() {
        AccuracyEstimator flaky = (arch, seed) -> {
            int h = arch.genome().hashCode() & 3;
            if (h == 0) throw new IllegalStateException("trainer crashed");
            if (h == 1) return Estimate.failed("diverged");
            return Estimate.ok(0.5);
        };
        CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10),
                new AnalyticLatencyStandIn(), flaky);
        SearchResult r = engine(ev).budget(80).threads(2).build().run(SearchListener.NONE);
        assertEquals(80, r.evaluations());
        assertTrue(r.failed() > 0 && r.failed() < 80);
        for (Evaluation e : r.history()) {
            if (!e.succeeded()) assertTrue(e.reason().contains("trainer crashed") || e.reason().equals("diverged"), e.reason());
        }
    }

    @Test
    void worksOnTheEdgeTpuSpace() {
        CandidateEvaluator<EdgeTpuGenome> ev = new CandidateEvaluator<>(new EdgeTpuSpace(false), new AnalyticLatencyStandIn(),
                (arch, seed) -> Estimate.ok(Math.min(1, arch.graph().macs() / 5e9)));
        SearchResult r = Engine.builder(ev).population(8).sample(3).batchSize(4).budget(24).seed(1).threads(2)
                .objective(Objective.mnasSoft(6)).build().run(SearchListener.NONE);
        assertEquals(24, r.evaluations());
        assertEquals(0, r.failed());
        Set<String> g = new HashSet<>();
        r.history().forEach(e -> g.add(e.genome()));
        assertTrue(g.size() > 12);
    }

    @Test
    void builderRejectsBadSettingsAtOnce() {
        CandidateEvaluator<NasBench201Cell> ev = nb201();
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).population(1));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).sample(0));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> Engine.builder(ev).population(10).sample(11).objective(Objective.mnasSoft(1)).build());
        assertTrue(s.getMessage().contains("sample 11"), s.getMessage());
        assertEquals(4, Engine.builder(ev).population(4).objective(Objective.mnasSoft(1)).build().settings().sample() + 1,
                "the default sample (3) fits a population of 4");
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).budget(0));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).threads(0));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).checkpoint(Path.of("x"), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engine.builder(ev).build());
        assertTrue(e.getMessage().contains("objective"));
    }

    @Test
    void checkpointIsWrittenAtomicallyAndReadBack(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("c.json");
        SearchResult r = engine(nb201()).budget(16).checkpoint(ckpt, 5).build().run(SearchListener.NONE);
        Checkpoint c = Checkpoint.read(ckpt);
        assertEquals(r.history(), c.history());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(ckpt), files.toList(), "no temporary files left");
        }
        Files.writeString(ckpt, "{\"kind\": \"something else\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(ckpt));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
    }
}
