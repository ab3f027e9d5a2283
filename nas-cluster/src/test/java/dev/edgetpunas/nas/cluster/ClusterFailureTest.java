package dev.edgetpunas.nas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.evolution.Engine;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.evolution.Schedule;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.evolution.Status;
import dev.edgetpunas.nas.report.HistoryCsv;
import dev.edgetpunas.nas.space.NasBench201Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Infrastructure failures (a killed worker, a timed-out attempt) against candidate failures, each on its own small cluster. */
class ClusterFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static CandidateEvaluator<NasBench201Cell> local(TrialWork work) {
        return (CandidateEvaluator<NasBench201Cell>) work.evaluator();
    }

    private static Engine.Builder<NasBench201Cell> engine(CandidateEvaluator<NasBench201Cell> ev, int w, int budget) {
        return Engine.builder(ev).schedule(Schedule.ordered(w)).budget(budget).seed(5).objective(Objective.mnasSoft(0.9));
    }

    private static List<JsonNode> events(Path journal, String event) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode o = JSON.readTree(line);
            if (o.path("event").asText().equals(event)) out.add(o);
        }
        return out;
    }

    /** Must show 2: a worker dies mid-evaluation; its trials are retried elsewhere, nothing is counted twice, the journal shows it. */
    @Test
    void killedWorkersTrialsAreRetriedAndCountedOnce(@TempDir Path dir) throws Exception {
        String name = Loopback.clusterName();
        int[] p = Loopback.freePorts(3);
        SyntheticWork work = new SyntheticWork("kill", 150, 0, 0, 0);
        CandidateEvaluator<NasBench201Cell> ev = local(work);
        SearchResult local = engine(ev, 4, 30).threads(4).build().run(SearchListener.NONE);
        Path journal = dir.resolve("journal.jsonl");
        try (Worker w1 = Worker.start(Loopback.settings(name, p[0], p[0], p[1]), 2);
                Worker w2 = Worker.start(Loopback.settings(name, p[1], p[0], p[1]), 2);
                EvaluationService<NasBench201Cell> svc = HazelcastEvaluationService.factory(Loopback.settings(name, p[2], p[0], p[1]), () -> work,
                        new HazelcastEvaluationService.Options(3, Duration.ofSeconds(20), Duration.ofSeconds(5))).create(ev)) {
            Thread[] killer = new Thread[1];
            SearchResult r = engine(ev, 4, 30).service(svc).journal(journal).build().run(new SearchListener() {
                @Override
                public void evaluated(Evaluation e, int done, int budget) {
                    if (done == 6) {
                        // w2 has trials running now (4 in flight, 150 ms each, spread over both workers)
                        killer[0] = new Thread(w2::kill);
                        killer[0].start();
                    }
                }
            });
            killer[0].join();
            assertEquals(HistoryCsv.format(local.history()), HistoryCsv.format(r.history()), "the retries changed nothing");
            assertTrue(r.history().stream().noneMatch(e -> e.status() == Status.LOST));
            assertEquals(1, Members.workers(w1.instance()).size(), "the killed worker left the cluster");
        }
        List<JsonNode> retried = events(journal, "retried");
        assertTrue(!retried.isEmpty(), "the journal shows the retries");
        for (JsonNode r : retried) {
            assertEquals(2, r.path("attempt").asInt(), r.toString());
            assertTrue(r.path("reason").asText().matches("member left|member no longer in the cluster|connection to the member lost"), r.toString());
        }
        Map<Integer, Integer> rows = new HashMap<>();
        for (JsonNode f : events(journal, "finished")) rows.merge(f.path("eval").asInt(), 1, Integer::sum);
        assertEquals(30, rows.size());
        assertTrue(rows.values().stream().allMatch(n -> n == 1), "one row per candidate: " + rows);
        Set<Integer> retriedEvals = new HashSet<>();
        retried.forEach(r -> retriedEvals.add(r.path("eval").asInt()));
        assertTrue(rows.keySet().containsAll(retriedEvals), "every retried candidate finished");
    }

    /** An attempt without an answer in time is retried on the other worker; the slow original still answers first and wins; the retry's answer is dropped. */
    @Test
    void timedOutAttemptIsRetriedAndTheFirstResultWins(@TempDir Path dir) throws Exception {
        String name = Loopback.clusterName();
        int[] p = Loopback.freePorts(3);
        SyntheticWork work = new SyntheticWork("slow", 0, 4, 700, 0); // every 4th genome (by hash) takes 700 ms
        CandidateEvaluator<NasBench201Cell> ev = local(work);
        SearchResult local = engine(ev, 3, 16).threads(3).build().run(SearchListener.NONE);
        Path journal = dir.resolve("journal.jsonl");
        long dropped;
        try (Worker w1 = Worker.start(Loopback.settings(name, p[0], p[0], p[1]), 2);
                Worker w2 = Worker.start(Loopback.settings(name, p[1], p[0], p[1]), 2)) {
            var f = HazelcastEvaluationService.factory(Loopback.settings(name, p[2], p[0], p[1]), () -> work,
                    new HazelcastEvaluationService.Options(3, Duration.ofMillis(500), Duration.ofSeconds(5)));
            HazelcastEvaluationService<NasBench201Cell> svc = (HazelcastEvaluationService<NasBench201Cell>) f.create(ev);
            try (svc) {
                SearchResult r = engine(ev, 3, 16).service(svc).journal(journal).build().run(SearchListener.NONE);
                assertEquals(HistoryCsv.format(local.history()), HistoryCsv.format(r.history()));
                Thread.sleep(1500); // let the retries' late answers arrive
                dropped = svc.duplicatesDropped();
            }
        }
        List<JsonNode> retried = events(journal, "retried");
        assertTrue(!retried.isEmpty(), "slow trials were retried");
        assertTrue(retried.stream().allMatch(r -> r.path("reason").asText().equals("no answer within 0.5 s")), retried.toString());
        assertTrue(dropped >= 1, "late answers were dropped: " + dropped);
    }

    /** A candidate that fails by itself (the trainer throws, or the task cannot even build its evaluator) is failed, never retried. */
    @Test
    void candidateFailuresAreRecordedAndNeverRetried(@TempDir Path dir) throws Exception {
        String name = Loopback.clusterName();
        int[] p = Loopback.freePorts(2);
        SyntheticWork crashing = new SyntheticWork("crash", 0, 0, 0, 3);
        TrialWork broken = new BrokenWork();
        CandidateEvaluator<NasBench201Cell> ev = local(crashing);
        SearchResult local = engine(ev, 4, 24).build().run(SearchListener.NONE);
        try (Worker w = Worker.start(Loopback.settings(name, p[0], p[0]), 2)) {
            HazelcastEvaluationService.Options o = new HazelcastEvaluationService.Options(3, Duration.ofSeconds(20), Duration.ofSeconds(5));
            Path journal = dir.resolve("j1.jsonl");
            try (var svc = (HazelcastEvaluationService<NasBench201Cell>) HazelcastEvaluationService
                    .factory(Loopback.settings(name, p[1], p[0]), () -> crashing, o).create(ev)) {
                SearchResult r = engine(ev, 4, 24).service(svc).journal(journal).build().run(SearchListener.NONE);
                assertEquals(HistoryCsv.format(local.history()), HistoryCsv.format(r.history()));
                assertTrue(r.failed() > 0, "some candidates crashed");
                assertTrue(r.history().stream().filter(e -> e.status() == Status.FAILED).allMatch(e -> e.reason().contains("trainer crashed")));
                assertEquals(r.history().stream().filter(e -> e.status() == Status.OK || e.status() == Status.FAILED).count(), svc.attempts());
            }
            assertTrue(events(journal, "retried").isEmpty());
            Path j2 = dir.resolve("j2.jsonl");
            try (var svc = (HazelcastEvaluationService<NasBench201Cell>) HazelcastEvaluationService
                    .factory(Loopback.settings(name, p[1], p[0]), () -> broken, o).create(ev)) {
                SearchResult r = engine(ev, 4, 6).service(svc).journal(j2).build().run(SearchListener.NONE);
                assertEquals(6, r.failed());
                assertEquals(6, svc.attempts(), "no retries");
                assertTrue(r.history().get(0).reason().startsWith("worker: IllegalArgumentException: no such dataset here"), r.history().get(0).reason());
            }
            assertTrue(events(j2, "retried").isEmpty());
        }
    }

    /** Work whose evaluator cannot be built on the worker (as a missing data file would). */
    static final class BrokenWork implements TrialWork {
        private static final long serialVersionUID = 1L;

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public CandidateEvaluator<?> evaluator() {
            throw new IllegalArgumentException("no such dataset here");
        }
    }
}
