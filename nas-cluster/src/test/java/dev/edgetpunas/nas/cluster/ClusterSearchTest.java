package dev.edgetpunas.nas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.evolution.Engine;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Journal;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.evolution.Schedule;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.evolution.Status;
import dev.edgetpunas.nas.report.HistoryCsv;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.nas.search.SearchRun;
import dev.edgetpunas.nas.search.SpaceKind;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches through a 2-worker cluster on loopback (plus the driver, a lite member) against the same searches run locally. */
class ClusterSearchTest {
    private static final HazelcastEvaluationService.Options OPTIONS = new HazelcastEvaluationService.Options(3, Duration.ofSeconds(20),
            Duration.ofSeconds(5));
    private static String name;
    private static int[] ports;
    private static Worker w1;
    private static Worker w2;

    @BeforeAll
    static void startWorkers() {
        name = Loopback.clusterName();
        ports = Loopback.freePorts(4);
        w1 = Worker.start(Loopback.settings(name, ports[0], ports[0], ports[1]), 2);
        w2 = Worker.start(Loopback.settings(name, ports[1], ports[0], ports[1]), 2);
        assertEquals(2, Members.workers(w2.instance()).size(), w2.members().toString());
    }

    @AfterAll
    static void stopWorkers() {
        if (w2 != null) w2.close();
        if (w1 != null) w1.close();
    }

    private static EvaluationService.Factory cluster(TrialWork work) {
        return HazelcastEvaluationService.factory(Loopback.settings(name, ports[2], ports[0], ports[1]), () -> work, OPTIONS);
    }

    @SuppressWarnings("unchecked")
    private static CandidateEvaluator<NasBench201Cell> local(TrialWork work) {
        return (CandidateEvaluator<NasBench201Cell>) work.evaluator();
    }

    private static Engine.Builder<NasBench201Cell> engine(CandidateEvaluator<NasBench201Cell> ev, int w, int budget) {
        return Engine.builder(ev).schedule(Schedule.ordered(w)).budget(budget).seed(3).objective(Objective.mnasSoft(0.645));
    }

    /** Must show 1: NAS-Bench-201 (table accuracy, simulated latency) through the cluster = the local run with the same seed and W. */
    @Test
    void clusterSearchGivesTheLocalHistory() {
        SharedDataLookup.assumeNasBench201Table();
        SearchWork work = new SearchWork("nasbench201", "cifar10", false, "edgetpu-usb3-max", ProfileLoader.toYaml(ProfileLoader.load("edgetpu-usb3-max")),
                "nb201:cifar10", "", 60_000);
        CandidateEvaluator<NasBench201Cell> ev = local(work);
        SearchResult local = engine(ev, 4, 60).threads(2).build().run(SearchListener.NONE);
        long before = EvaluateTask.trialsRun(w1.instance()) + EvaluateTask.trialsRun(w2.instance());
        SearchResult remote;
        try (EvaluationService<NasBench201Cell> svc = cluster(work).create(ev)) {
            remote = engine(ev, 4, 60).service(svc).build().run(SearchListener.NONE);
        }
        assertEquals(HistoryCsv.format(local.history()), HistoryCsv.format(remote.history()));
        long trials = EvaluateTask.trialsRun(w1.instance()) + EvaluateTask.trialsRun(w2.instance()) - before;
        long evaluated = remote.history().stream().filter(e -> e.status() == Status.OK).count();
        assertEquals(evaluated, trials, "every evaluated candidate ran once, on a worker");
        assertTrue(EvaluateTask.trialsRun(w1.instance()) > 0 && EvaluateTask.trialsRun(w2.instance()) > 0, "both workers ran trials");
    }

    /** Must show 3: the driver dies mid-search; a new driver resumes from the journal and reaches the uninterrupted history. */
    @Test
    void resumedDriverReachesTheUninterruptedHistory(@TempDir Path dir) throws IOException {
        SharedDataLookup.assumeNasBench201Table();
        Profile profile = ProfileLoader.load("edgetpu-usb3-max");
        Simulator simulator = new Simulator(profile, 0);
        Path journal = dir.resolve("out").resolve("journal.jsonl");
        SearchConfig.Builder cb = SearchConfig.builder(SpaceKind.NASBENCH201).budget(50).seed(11).targetMs(0.645).inFlight(5).journal(journal)
                .out(dir.resolve("out")).profile(profile.name());
        SearchConfig config = cb.build();
        SearchWork work = SearchWork.of(config, profile);
        SearchRun.Outcome local = SearchRun.builder(SearchConfig.builder(SpaceKind.NASBENCH201).budget(50).seed(11).targetMs(0.645).inFlight(5)
                .out(dir.resolve("local")).build()).latency(d -> simulator.simulate(d).latencyMs()).build().run();

        SearchListener killer = new SearchListener() {
            @Override
            public void evaluated(Evaluation e, int done, int budget) {
                if (done == 23) throw new IllegalStateException("driver killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> SearchRun.builder(config).latency(d -> simulator.simulate(d).latencyMs()).listener(killer)
                .evaluation(cluster(work)).build().run());
        Journal.Replay partial = Journal.read(journal);
        assertTrue(partial.rows().size() >= 23 && partial.rows().size() < 50, partial.rows().size() + " rows");

        // the new driver: another process, another port, the same journal (copied anywhere: it holds no paths or hosts)
        Path moved = dir.resolve("elsewhere").resolve("journal.jsonl");
        Files.createDirectories(moved.getParent());
        Files.copy(journal, moved);
        String text = Files.readString(moved);
        assertTrue(!text.contains("127.0.0.1") && !text.contains(dir.toString()), "no host names or paths in the journal");
        SearchConfig again = cb.journal(moved).out(dir.resolve("elsewhere")).resume(true).build();
        SearchRun.Outcome resumed = SearchRun.builder(again).latency(d -> simulator.simulate(d).latencyMs())
                .evaluation(HazelcastEvaluationService.factory(Loopback.settings(name, ports[3], ports[0], ports[1]), () -> work, OPTIONS)).build().run();
        assertEquals(HistoryCsv.format(local.result().history()), HistoryCsv.format(resumed.result().history()));
        assertEquals(Files.readString(dir.resolve("local").resolve("history.csv")), Files.readString(dir.resolve("elsewhere").resolve("history.csv")));
        Journal.Replay full = Journal.read(moved);
        assertEquals(50, full.rows().size(), "one row per candidate");
    }

    /** Must show 4: the cost of a trial through the cluster against a local one, with a trivial evaluator. */
    @Test
    void overheadPerTrialThroughTheCluster() throws IOException {
        SyntheticWork work = SyntheticWork.instant("overhead");
        CandidateEvaluator<NasBench201Cell> ev = local(work);
        StringBuilder md = new StringBuilder("| W | trials | local ms/trial | cluster ms/trial | overhead ms/trial |\n|---:|---:|---:|---:|---:|\n");
        try (EvaluationService<NasBench201Cell> svc = cluster(work).create(ev)) {
            engine(ev, 8, 200).service(svc).seed(99).build().run(SearchListener.NONE); // warm-up: class loading, JIT, connections
            engine(ev, 8, 200).threads(2).seed(99).build().run(SearchListener.NONE);
            for (int w : new int[] {1, 8}) {
                int budget = w == 1 ? 300 : 600;
                CandidateEvaluator<NasBench201Cell> fresh = local(work); // no latency cache shared with the warm-up
                long t0 = System.nanoTime();
                SearchResult l = engine(fresh, w, budget).threads(2).build().run(SearchListener.NONE);
                double localMs = (System.nanoTime() - t0) / 1e6 / budget;
                t0 = System.nanoTime();
                SearchResult r = engine(fresh, w, budget).service(svc).build().run(SearchListener.NONE);
                double clusterMs = (System.nanoTime() - t0) / 1e6 / budget;
                assertEquals(HistoryCsv.format(l.history()), HistoryCsv.format(r.history()));
                md.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.3f |%n", w, budget, localMs, clusterMs, clusterMs - localMs));
            }
        }
        Path out = Path.of("target", "cluster-overhead.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println("cluster overhead (2 workers x 2 slots + driver, loopback, trivial evaluator):\n" + md);
    }

    @Test
    void noWorkerMeansLostTrials() {
        // a driver in a cluster of its own: every attempt waits for a worker, then is lost; the search still ends
        int[] p = Loopback.freePorts(1);
        SyntheticWork work = SyntheticWork.instant("alone");
        CandidateEvaluator<NasBench201Cell> ev = local(work);
        var f = HazelcastEvaluationService.factory(Loopback.settings(Loopback.clusterName(), p[0], p[0]), () -> work,
                new HazelcastEvaluationService.Options(1, Duration.ofSeconds(5), Duration.ofMillis(300)));
        SearchResult r;
        List<String> retries = new java.util.ArrayList<>();
        try (EvaluationService<NasBench201Cell> svc = f.create(ev)) {
            r = engine(ev, 2, 3).service(svc).build().run(new SearchListener() {
                @Override
                public void retried(int eval, int attempt, String reason) {
                    retries.add(eval + ":" + attempt + ":" + reason);
                }
            });
        }
        assertEquals(3, r.lost());
        assertEquals(3, retries.size(), retries.toString());
        assertTrue(r.history().get(0).reason().contains("no worker member"), r.history().get(0).reason());
    }
}
