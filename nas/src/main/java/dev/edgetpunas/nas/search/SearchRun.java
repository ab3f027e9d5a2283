package dev.edgetpunas.nas.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.eval.LocalEvaluationService;
import dev.edgetpunas.nas.eval.LatencyEvaluator;
import dev.edgetpunas.nas.eval.NasBench201Table;
import dev.edgetpunas.nas.evolution.Checkpoint;
import dev.edgetpunas.nas.evolution.Engine;
import dev.edgetpunas.nas.evolution.Journal;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.report.SearchOutputs;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.nas.space.SearchSpace;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.CommandEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a whole search from a {@link SearchConfig}: builds the space, the accuracy estimator (table,
 * external command, or the proxy estimator the caller supplies) and the evaluator around the
 * caller's latency evaluator (the simulator under the chosen profile and compiler), picks the target
 * (given, or the space's median latency), runs or resumes the engine, and writes the output directory.
 *
 * <pre>{@code
 * SearchRun.Outcome o = SearchRun.builder(config)
 *         .latency(deployed -> simulator.simulate(deployed).totalMs())
 *         .versions("1", ToolInfo.version())
 *         .listener(progressBar)
 *         .build().run();
 * o.summary();   // what summary.json holds
 * }</pre>
 */
public final class SearchRun {
    private final SearchConfig config;
    private final LatencyEvaluator latency;
    private final Optional<AccuracyEstimator> proxy;
    private final String schemaVersion;
    private final String toolVersion;
    private final SearchListener listener;
    private final Map<String, Object> summaryExtra;
    private final LatencyTarget.Progress targetProgress;
    private final Optional<EvaluationService.Factory> evaluation;

    private SearchRun(Builder b) {
        this.evaluation = b.evaluation;
        this.config = b.config;
        this.latency = Objects.requireNonNull(b.latency, "latency evaluator (set it with latency(...))");
        this.proxy = b.proxy;
        this.schemaVersion = b.schemaVersion;
        this.toolVersion = b.toolVersion;
        this.listener = b.listener;
        this.summaryExtra = new LinkedHashMap<>(b.summaryExtra);
        this.targetProgress = b.targetProgress;
    }

    public static Builder builder(SearchConfig config) {
        return new Builder(config);
    }

    /**
     * What a run produced.
     *
     * @param result the search result
     * @param target the latency target and how it was chosen
     * @param summary the summary.json content
     */
    public record Outcome(SearchResult result, LatencyTarget target, ObjectNode summary) {}

    /** Runs (or resumes) the search and writes the outputs. */
    public Outcome run() {
        return run(space(config.space(), config.dataset(), config.swishAndSe()));
    }

    /** The search space {@code kind} with its settings (the driver's and a cluster worker's). */
    public static SearchSpace<?> space(SpaceKind kind, NasBench201Dataset dataset, boolean swishAndSe) {
        return kind == SpaceKind.NASBENCH201 ? new NasBench201Space(dataset) : new EdgeTpuSpace(swishAndSe);
    }

    private <G> Outcome run(SearchSpace<G> space) {
        CandidateEvaluator<G> evaluator = new CandidateEvaluator<>(space, latency, accuracyEstimator());
        LatencyTarget target = config.targetMs().isPresent() ? new LatencyTarget(config.targetMs().getAsDouble(), "given (--target-ms)")
                : LatencyTarget.median(evaluator, config.threads(), targetProgress);
        Engine.Builder<G> eb = Engine.builder(evaluator).population(config.population()).sample(config.sample()).batchSize(config.batchSize())
                .budget(config.budget()).seed(config.seed()).threads(config.threads()).algorithm(config.algorithm())
                .objective(new Objective(config.objective(), target.targetMs(), config.rewardExponent()));
        eb.schedule(config.schedule());
        config.checkpoint().ifPresent(f -> eb.checkpoint(f, config.checkpointEvery()));
        config.journal().ifPresent(eb::journal);
        SearchResult result;
        try (EvaluationService<G> svc = evaluation.orElse(LocalEvaluationService.factory(config.threads())).create(evaluator)) {
            Engine<G> engine = eb.service(svc).build();
            if (config.resume() && config.journal().isPresent()) {
                Path f = config.journal().get();
                if (!Files.exists(f)) throw new IllegalArgumentException("--resume: journal " + f + " does not exist");
                result = engine.resume(Journal.read(f), listener);
            } else if (config.resume()) {
                Path f = config.checkpoint().orElseThrow();
                if (!Files.exists(f)) throw new IllegalArgumentException("--resume: checkpoint " + f + " does not exist");
                result = engine.resume(Checkpoint.read(f), listener);
            } else {
                result = engine.run(listener);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        config.profile().ifPresent(p -> extra.put("profile", p));
        config.compiler().ifPresent(c -> extra.put("compiler", c));
        extra.put("threads", config.threads());
        if (config.space() == SpaceKind.NASBENCH201) extra.put("dataset", config.dataset().id());
        if (config.space() == SpaceKind.EDGETPU) extra.put("swish_and_se", config.swishAndSe());
        extra.putAll(summaryExtra);
        ObjectNode summary = SearchOutputs.write(config.out(), space, result,
                new SearchOutputs.Meta(schemaVersion, toolVersion, target.source(), extra));
        return new Outcome(result, target, summary);
    }

    private AccuracyEstimator accuracyEstimator() {
        return accuracyEstimator(config.accuracy(), config.dataset(), config.table(), config.accuracyCommand().orElse(""), config.accuracyTimeout(),
                () -> proxy.orElseThrow(() -> new IllegalArgumentException("--accuracy proxy: the proxy trainer is not available here")));
    }

    /**
     * The accuracy estimator {@code spec} names (the driver's and a cluster worker's): the NAS-Bench-201
     * table ({@code table}, else the shared data's) for {@code dataset}, the user's {@code command} with
     * its {@code timeout}, or the proxy trainer {@code proxy} supplies.
     */
    public static AccuracyEstimator accuracyEstimator(AccuracySpec spec, NasBench201Dataset dataset, Optional<Path> table, String command,
            Duration timeout, Supplier<AccuracyEstimator> proxy) {
        switch (spec.kind()) {
            case NB201: {
                Path csv = table.orElseGet(() -> SharedData.find(NasBench201Table.SHARED_PATH).orElseThrow(
                        () -> new IllegalArgumentException("NAS-Bench-201 table not found: " + SharedData.MISSING)));
                return NasBench201Table.load(csv, dataset);
            }
            case CMD:
                return CommandEstimator.shell(command).timeout(timeout).build();
            case PROXY:
                return proxy.get();
        }
        throw new AssertionError(spec);
    }

    /** Collaborators of a {@link SearchRun}. */
    public static final class Builder {
        private final SearchConfig config;
        private LatencyEvaluator latency;
        private Optional<AccuracyEstimator> proxy = Optional.empty();
        private String schemaVersion = "1";
        private String toolVersion = "unknown";
        private SearchListener listener = SearchListener.NONE;
        private final Map<String, Object> summaryExtra = new LinkedHashMap<>();
        private LatencyTarget.Progress targetProgress = (done, total) -> {};
        private Optional<EvaluationService.Factory> evaluation = Optional.empty();

        private Builder(SearchConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The latency evaluator (the simulator under the config's profile and compiler). Required. */
        public Builder latency(LatencyEvaluator l) {
            latency = Objects.requireNonNull(l, "latency");
            return this;
        }

        /** The proxy-training estimator, needed for {@code --accuracy proxy}. */
        public Builder proxyEstimator(AccuracyEstimator e) {
            proxy = Optional.of(Objects.requireNonNull(e, "proxy estimator"));
            return this;
        }

        /** Versions written into summary.json (the CLI's ToolInfo). */
        public Builder versions(String schema, String tool) {
            schemaVersion = Objects.requireNonNull(schema, "schema version");
            toolVersion = Objects.requireNonNull(tool, "tool version");
            return this;
        }

        /**
         * An extra key of summary.json (e.g. {@code profile_digest}); the value must be a string, a
         * number or a boolean. Overrides a key of the same name that the run writes from the config.
         */
        public Builder summaryExtra(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("summary key '" + key + "' must be a string, number or boolean, but was " + value);
            }
            summaryExtra.put(key, value);
            return this;
        }

        /** Progress of the default target's latency computation (the space's median; called from any thread). */
        public Builder targetProgress(LatencyTarget.Progress p) {
            targetProgress = Objects.requireNonNull(p, "target progress");
            return this;
        }

        /**
         * Where trials run (default: a local thread pool with the config's threads); the run creates
         * the service for its evaluator and closes it at the end.
         */
        public Builder evaluation(EvaluationService.Factory f) {
            evaluation = Optional.of(Objects.requireNonNull(f, "evaluation service factory"));
            return this;
        }

        public Builder listener(SearchListener l) {
            listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        public SearchRun build() {
            if (latency == null) throw new IllegalArgumentException("a latency evaluator is required");
            if (config.accuracy().kind() == AccuracySpec.Kind.PROXY && proxy.isEmpty()) {
                throw new IllegalArgumentException("--accuracy proxy needs the proxy trainer (not available in this build); use nb201 or cmd");
            }
            return new SearchRun(this);
        }
    }
}
