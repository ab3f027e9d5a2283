package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.cli.ToolInfo;
import dev.edgetpunas.nas.evolution.Checkpoint;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.report.ParetoChart;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.nas.search.SearchRun;
import dev.edgetpunas.nas.search.SpaceKind;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Stages {@code search-edgetpu} and {@code search-cpu}: {@code nas.search.SearchRun} on the {@code edgetpu}
 * space (regularized evolution, MnasNet soft reward, target = the space's median latency on the
 * profile, proxy accuracy from the shared {@link ProxyCache}), with a checkpoint after every batch in
 * {@code DIR/STAGE/checkpoint.json}. A run resumes from that checkpoint. When the next batch would end
 * after the stage's deadline the search stops at the last checkpoint and finishes with the evaluations
 * it has (the history is then a prefix of the uninterrupted run's).
 */
final class SearchStage {
    /** Candidates listed per search in the result (best rewards first). */
    static final int TOP = 10;

    private SearchStage() {}

    /** Thrown from the listener to stop the engine at a checkpoint. */
    private static final class DeadlineReached extends RuntimeException {
        DeadlineReached() {
            super("deadline reached", null, false, false);
        }
    }

    static StageOutcome run(Run r, Stage stage) {
        Profile p = stage == Stage.SEARCH_EDGETPU ? r.profile : r.cpu;
        Path dir = r.mkdirs(stage.id());
        Path ckpt = dir.resolve("checkpoint.json");
        int budget = r.settings.budget();
        Simulator sim = new Simulator(p, 0);
        ProxyCache proxy = r.proxy();
        int hits0 = proxy.hits(), trained0 = proxy.trained();
        List<String> cuts = new ArrayList<>();
        if (Files.exists(ckpt)) {
            r.err.printf(Locale.ROOT, "pipeline %s: resuming from %s at %d of %d evaluations%n", r.label, r.dir.relativize(ckpt),
                    Checkpoint.read(ckpt).history().size(), budget);
            r.err.flush();
        }
        SearchRun.Outcome o;
        try (StageProgress progress = r.progress(budget, " evals")) {
            Listener l = new Listener(progress, r, ckpt);
            try {
                o = search(r, p, sim, dir, ckpt, budget, Files.exists(ckpt), l);
            } catch (DeadlineReached e) {
                int n = Checkpoint.read(ckpt).history().size();
                cuts.add(String.format(Locale.ROOT, "%s stopped at its share of the time budget after %d of %d evaluations", stage.id(), n, budget));
                o = search(r, p, sim, dir, ckpt, n, true, new Listener(progress, null, ckpt));
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("profile", p.name());
        out.put("profile_digest", p.digest());
        out.put("compiler", p.accelerator().present() ? p.compiler().version().id() : "-");
        out.put("swish_and_se", r.swishAndSe());
        out.put("budget_requested", budget);
        out.put("proxy_trained", proxy.trained() - trained0);
        out.put("proxy_reused", proxy.hits() - hits0);
        out.put("history_csv", stage.id() + "/history.csv");
        out.put("pareto_csv", stage.id() + "/pareto.csv");
        out.put("pareto_png", stage.id() + "/report-pareto.png");
        out.put("best_blocks", stage.id() + "/best.blocks");
        out.set("search", o.summary());
        EdgeTpuSpace space = r.space();
        SearchResult res = o.result();
        XYChart chart = ParetoChart.chart(res, (stage == Stage.SEARCH_EDGETPU ? "Edge TPU search" : "cpu-only search") + " on " + p.name());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        // latencies of random candidates span two orders of magnitude: on a linear axis the good ones crowd at the left
        chart.getStyler().setXAxisLogarithmic(true);
        chart.setXAxisTitle("simulated latency (ms, log scale)");
        chart.setYAxisTitle("proxy accuracy (Fashion-MNIST)");
        Charts.writePng(chart, dir.resolve("report-pareto.png"), 560, 420);
        List<Evaluation> ranked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Evaluation e : res.history().stream().filter(Evaluation::succeeded)
                .sorted(Comparator.comparingDouble(Evaluation::reward).reversed().thenComparingInt(Evaluation::eval)).toList()) {
            if (seen.add(e.genome())) ranked.add(e);
        }
        ArrayNode top = out.putArray("top");
        for (Evaluation e : ranked.subList(0, Math.min(TOP, ranked.size()))) top.add(candidate(space, e));
        ArrayNode front = out.putArray("pareto");
        for (Evaluation e : res.pareto()) front.add(candidate(space, e));
        out.set("fused_share_top", fusedShare(space, ranked.subList(0, Math.min(TOP, ranked.size()))));
        out.set("fused_share_all", fusedShare(space, ranked));
        String line = res.best().map(b -> String.format(Locale.ROOT, "%d evaluations (%d proxy trainings, %d reused); best %.3f at %.3f ms: %s",
                res.evaluations(), proxy.trained() - trained0, proxy.hits() - hits0, b.accuracy(), b.latencyMs(), b.genome()))
                .orElse(res.evaluations() + " evaluations, no successful candidate");
        if (res.best().isEmpty()) throw new IllegalStateException(stage.id() + ": no candidate succeeded (" + res.failed() + " failed); see " + dir.resolve("history.csv"));
        return new StageOutcome(out, cuts, line);
    }

    private static SearchRun.Outcome search(Run r, Profile p, Simulator sim, Path dir, Path ckpt, int budget, boolean resume, Listener l) {
        SearchConfig.Builder b = SearchConfig.builder(SpaceKind.EDGETPU).profile(p.name()).compiler(p.compiler().version().id()).budget(budget)
                .population(r.settings.population()).sample(r.settings.sample()).seed(r.settings.seed()).threads(r.threads)
                .swishAndSe(r.swishAndSe()).checkpoint(ckpt).out(dir).resume(resume);
        b.checkpointEvery(SpaceKind.EDGETPU.defaults().batchSize());
        SearchConfig config = b.build();
        return SearchRun.builder(config).latency(deployed -> sim.simulate(deployed).latencyMs())
                .versions(Integer.toString(ToolInfo.SCHEMA_VERSION), ToolInfo.VERSION).summaryExtra("profile_digest", p.digest())
                .proxyEstimator(r.proxy()).listener(l).build().run();
    }

    private static ObjectNode candidate(EdgeTpuSpace space, Evaluation e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("eval", e.eval());
        o.put("genome", e.genome());
        o.put("accuracy", e.accuracy());
        o.put("latency_ms", e.latencyMs());
        o.put("reward", e.reward());
        o.put("types", types(space.parse(e.genome())));
        return o;
    }

    /** {@code c1 c1 c0 ...}: fused (c1) or MBConv (c0) per stage. */
    static String types(EdgeTpuGenome g) {
        StringBuilder sb = new StringBuilder();
        for (var s : g.stages()) sb.append(sb.length() > 0 ? " " : "").append(s.fused() ? "c1" : "c0");
        return sb.toString();
    }

    /** Per stage, the fraction of {@code es} whose stage is fused. */
    private static ArrayNode fusedShare(EdgeTpuSpace space, List<Evaluation> es) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        int[] fused = new int[EdgeTpuSpace.STAGES];
        for (Evaluation e : es) {
            EdgeTpuGenome g = space.parse(e.genome());
            for (int i = 0; i < fused.length; i++) if (g.stages().get(i).fused()) fused[i]++;
        }
        for (int f : fused) a.add(es.isEmpty() ? 0.0 : (double) f / es.size());
        return a;
    }

    /** Progress, the deadline (checked at every checkpoint, i.e. after every batch) and the test interrupt. */
    private static final class Listener implements SearchListener {
        private final StageProgress progress;
        private final Run run;
        private final Path ckpt;
        private Evaluation best;
        private int budget = Integer.MAX_VALUE;
        private long lastNanos = System.nanoTime();

        /** {@code run == null}: progress only (no deadline, no hooks). */
        Listener(StageProgress progress, Run run, Path ckpt) {
            this.progress = progress;
            this.run = run;
            this.ckpt = ckpt;
        }

        @Override
        public void started(int done, int budget) {
            this.budget = budget;
            lastNanos = System.nanoTime();
            progress.stepTo(done, done > 0 ? "resumed at " + done : "");
        }

        @Override
        public void evaluated(Evaluation e, int done, int budget) {
            if (e.succeeded() && (best == null || e.reward() > best.reward())) best = e;
            progress.stepTo(done, best == null ? "" : String.format(Locale.ROOT, "best %.1f%% at %.3f ms", 100 * best.accuracy(), best.latencyMs()));
        }

        @Override
        public void checkpointed(Path file, int done) {
            long now = System.nanoTime();
            double batchS = (now - lastNanos) / 1e9;
            lastNanos = now;
            if (run == null) return;
            int stop = run.hooks.interruptSearchAfter();
            if (stop > 0 && done >= stop) {
                run.hooks = Run.Hooks.NONE;
                throw new Run.Interrupted("interrupted after " + done + " evaluations (test hook); checkpoint " + ckpt);
            }
            // stop if the next batch, taking as long as this one, would end after the deadline (no next batch after the last one)
            if (done < budget && run.deadline.wouldPass(batchS)) throw new DeadlineReached();
        }
    }
}
