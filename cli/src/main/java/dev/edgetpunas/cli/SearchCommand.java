package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.nas.evolution.Algorithm;
import dev.edgetpunas.cli.cluster.ClusterOptions;
import dev.edgetpunas.cli.cluster.ClusterSearch;
import dev.edgetpunas.nas.evolution.Checkpoint;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Journal;
import dev.edgetpunas.nas.evolution.Schedule;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.search.AccuracySpec;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.nas.search.SearchRun;
import dev.edgetpunas.nas.search.SpaceKind;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas search}: hardware-aware architecture search, latency from the simulator under
 * {@code --profile}/{@code --compiler}, accuracy from the NAS-Bench-201 table, the proxy trainer or
 * the user's command; writes {@code history.csv}, {@code pareto.csv}, the best genome, the Pareto
 * plot and {@code summary.json} into {@code --out DIR}.
 *
 * <pre>{@code
 * ./edgetpu-nas search --space nasbench201 --budget 300 --seed 1 --out runs/nb201
 * ./edgetpu-nas search --space edgetpu --budget 200 --accuracy cmd --accuracy-cmd 'python train.py' \
 *     --checkpoint runs/et.ckpt.json --out runs/et
 * ./edgetpu-nas search --space edgetpu --budget 400 --checkpoint runs/et.ckpt.json --resume --out runs/et
 * }</pre>
 *
 * <p>Swish and SE are searchable in the {@code edgetpu} space only when the chosen compiler maps
 * them: the command compiles a probe network (EfficientNet-EdgeTPU-S with swish and SE on every
 * MBConv stage) and allows them if every op lands on the Edge TPU (true for 16.0, false for 2.0).
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search architectures by regularized (aging) evolution or random search.",
            "Latency is simulated on the profile; accuracy comes from the NAS-Bench-201",
            "table, proxy training or your own command. Results go to --out DIR."})
public final class SearchCommand implements Callable<Integer> {

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "edgetpu",
            description = "Search space: edgetpu (EfficientNet-EdgeTPU-like, 224x224) or nasbench201 (default: ${DEFAULT-VALUE}).")
    String space;

    @Mixin ProfileOption profileOption;

    @Option(names = "--budget", paramLabel = "N", description = "Candidates to evaluate (cached and failed ones count). Required, "
            + "except with --resume (default: the checkpoint's budget).")
    Integer budget;

    @Option(names = "--population", paramLabel = "P", description = "Population size (default: nasbench201 10, edgetpu 50).")
    Integer population;

    @Option(names = "--sample", paramLabel = "S", description = "Tournament sample size (default: nasbench201 3, edgetpu 10).")
    Integer sample;

    @Option(names = "--target-ms", paramLabel = "T", description = "Latency target in ms (default: the space's median simulated latency).")
    Double targetMs;

    @Option(names = "--objective", paramLabel = "OBJ", defaultValue = "mnas-soft",
            description = "mnas-soft (acc * (lat/T)^-0.07), mnas-hard (w = -1 above T) or pareto (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--accuracy", paramLabel = "SRC",
            description = "nb201[:cifar10|cifar100|imagenet16], proxy or cmd (default: nb201 for nasbench201, proxy for edgetpu; "
                    + "cmd when --accuracy-cmd is given).")
    String accuracy;

    @Option(names = "--accuracy-cmd", paramLabel = "CMD",
            description = "Shell command that reads the architecture as JSON on stdin and prints an accuracy (fraction or percent).")
    String accuracyCmd;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "evolution", description = "evolution or random (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Search seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "K", description = "Evaluation threads; the results do not depend on it (default: all processors).")
    Integer threads;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (JSON), written every --checkpoint-every evaluations and at the end.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "50",
            description = "Evaluations between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue the search in --checkpoint FILE (or its journal); the result equals an uninterrupted run.")
    boolean resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (required).")
    Path out;

    @Option(names = "--json", description = "Print summary.json on stdout.")
    boolean json;

    @Option(names = "--in-flight", paramLabel = "W", description = "At most W candidates in flight, child k bred from the population after "
            + "candidates 0..k-W (default: batches of the space's size; 8 on a cluster). The history depends on the seed and W, not on machines.")
    Integer inFlight;

    @Option(names = "--mode", paramLabel = "MODE", description = "ordered (results applied in candidate order: reproducible; the default) "
            + "or async (applied on arrival, order kept in the journal).")
    String mode;

    @Option(names = "--journal", paramLabel = "FILE", description = "Append-only journal (JSON lines) that --resume continues from "
            + "(default on a cluster: OUT/journal.jsonl).")
    Path journal;

    @Mixin ClusterOptions cluster;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Cluster: times a trial lost by the infrastructure (member left, timeout) is retried (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--task-timeout", paramLabel = "S", description = "Cluster: seconds without an answer after which a trial's attempt "
            + "is lost and retried (default: the accuracy timeout plus 10 minutes).")
    Long taskTimeout;

    /** The in-flight limit of a cluster search when --in-flight is not given. */
    static final int CLUSTER_IN_FLIGHT = 8;

    @Override
    public Integer call() {
        Profile profile = profileOption.profile();
        SpaceKind kind = SpaceKind.parse(space);
        SearchConfig config = config(kind, profile);
        // made first: without Fashion-MNIST this is the one-line error (exit 2) before any work
        AccuracyEstimator proxy = config.accuracy().kind() == AccuracySpec.Kind.PROXY ? proxyEstimator() : null;
        // no simulator caches: the evaluator caches latencies by genome, and retained graphs cost GC time
        Simulator simulator = new Simulator(profile, 0);
        boolean swishAndSe = kind == SpaceKind.EDGETPU && EdgeTpuSpace.swishAndSeMapped(simulator);
        if (swishAndSe) config = withSwishAndSe(kind, profile);

        ProgressListener progress = ProgressListener.forStderr(kind.id() + " " + config.algorithm().id());
        SearchRun.Builder run = SearchRun.builder(config)
                .latency(deployed -> simulator.simulate(deployed).latencyMs())
                .versions(Integer.toString(ToolInfo.SCHEMA_VERSION), ToolInfo.VERSION)
                .summaryExtra("profile_digest", profile.digest())
                .targetProgress(progress.targetProgress())
                .listener(new RetryLog(progress));
        if (proxy != null) run.proxyEstimator(proxy);
        if (cluster.given()) {
            Duration timeout = taskTimeout != null ? Duration.ofSeconds(taskTimeout) : config.accuracyTimeout().plusMinutes(10);
            if (timeout.isNegative() || timeout.isZero()) throw new BadInputException("--task-timeout must be > 0, but was " + taskTimeout);
            run.evaluation(ClusterSearch.factory(cluster.settings(), config, profile, retries, timeout)).summaryExtra("cluster", cluster.name());
        }
        SearchRun.Outcome o;
        try {
            o = run.build().run();
        } finally {
            progress.close();
        }
        if (json) {
            System.out.println(Json.pretty(o.summary()));
        } else {
            System.out.print(humanSummary(o.summary(), config));
        }
        return 0;
    }

    /**
     * The proxy accuracy estimator: short training of the candidate, adapted to Fashion-MNIST (28x28x1,
     * 10 classes), on a seeded subset, accuracy on held-out images ({@code training.estimate.ProxyEstimator},
     * default budget). One kernel thread: the search already evaluates candidates in parallel.
     * Without Fashion-MNIST this fails with one line saying how to get it (exit code 2).
     */
    static AccuracyEstimator proxyEstimator() {
        return ProxyEstimator.create(null, ProxyEstimator.Budget.defaults());
    }

    private SearchConfig config(SpaceKind kind, Profile profile) {
        return builder(kind, profile).build();
    }

    private SearchConfig withSwishAndSe(SpaceKind kind, Profile profile) {
        return builder(kind, profile).swishAndSe(true).build();
    }

    private SearchConfig.Builder builder(SpaceKind kind, Profile profile) {
        SearchConfig.Builder b = SearchConfig.builder(kind);
        b.profile(profile.name()).compiler(profile.compiler().version().id());
        if (out == null) throw new BadInputException("--out DIR is required");
        if (retries < 0) throw new BadInputException("--retries must be >= 0, but was " + retries);
        boolean onCluster = cluster.given();
        if (!onCluster && (taskTimeout != null || retries != 3)) throw new BadInputException("--retries and --task-timeout need --cluster NAME");
        if (onCluster) cluster.settings(); // bad cluster options are reported before any work
        Path journalFile = journal != null ? journal : onCluster ? out.resolve("journal.jsonl") : null;
        if (journalFile != null && checkpoint != null) {
            throw new BadInputException("--checkpoint: " + (onCluster ? "a cluster search" : "a journaled search")
                    + " keeps its state in its journal (--journal, default OUT/journal.jsonl on a cluster)");
        }
        if (resume && checkpoint == null && journalFile == null) throw new BadInputException("--resume needs --checkpoint FILE (or --journal FILE)");
        if (budget != null) {
            b.budget(budget);
        } else if (resume && journalFile != null) {
            if (!Files.exists(journalFile)) throw new BadInputException("--resume: journal " + journalFile + " does not exist");
            b.budget(Journal.read(journalFile).budget());
        } else if (resume) {
            if (!Files.exists(checkpoint)) throw new BadInputException("--resume: checkpoint " + checkpoint + " does not exist");
            b.budget(Checkpoint.read(checkpoint).budget());
        } else {
            throw new BadInputException("--budget N is required (the number of candidates to evaluate)");
        }
        if (journalFile != null) b.journal(journalFile);
        if (mode != null) {
            Schedule.Mode m = Schedule.Mode.parse(mode);
            if (m == Schedule.Mode.BATCHED) throw new BadInputException("--mode must be ordered or async, but was " + mode);
            b.mode(m);
        }
        if (inFlight != null) b.inFlight(inFlight);
        else if (onCluster) b.inFlight(CLUSTER_IN_FLIGHT);
        if (population != null) b.population(population);
        if (sample != null) b.sample(sample);
        if (targetMs != null) b.targetMs(targetMs);
        b.objective(Objective.Kind.parse(objective));
        if (accuracy != null) b.accuracy(AccuracySpec.parse(accuracy));
        if (accuracyCmd != null) b.accuracyCommand(accuracyCmd);
        b.algorithm(Algorithm.parse(algorithm));
        b.seed(seed);
        b.threads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        if (checkpoint != null) b.checkpoint(checkpoint).checkpointEvery(checkpointEvery);
        else if (checkpointEvery != 50) throw new BadInputException("--checkpoint-every needs --checkpoint FILE");
        b.resume(resume);
        b.out(out);
        b.json(json);
        return b;
    }

    static String humanSummary(JsonNode s, SearchConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "search %s, %s, %s, accuracy %s, profile %s (compiler %s), seed %d%n", s.path("space").asText(),
                s.path("algorithm").asText(), s.path("objective").asText(), s.path("accuracy").asText(), s.path("profile").asText(),
                s.path("compiler").asText(), s.path("seed").asLong()));
        sb.append(String.format(Locale.ROOT, "target         %.4f ms (%s)%n", s.path("target_ms").asDouble(), s.path("target_source").asText()));
        sb.append(String.format(Locale.ROOT, "evaluations    %d of %d (%d cached, %d failed%s) in %.1f s%n", s.path("evaluations").asInt(),
                s.path("budget").asInt(), s.path("cached").asInt(), s.path("failed").asInt(),
                s.has("lost") ? ", " + s.path("lost").asInt() + " lost" : "", s.path("wall_s").asDouble()));
        candidate(sb, "best", s.path("best"));
        candidate(sb, "best feasible", s.path("best_feasible"));
        List<String> files = new ArrayList<>(List.of("history.csv", "pareto.csv"));
        JsonNode best = s.path("best");
        if (!best.isNull() && !best.isMissingNode()) files.add(c.space() == SpaceKind.EDGETPU ? "best.blocks" : "best.cell");
        files.addAll(List.of("pareto.png", "pareto.svg", "summary.json"));
        c.journal().filter(j -> c.out().equals(j.getParent())).ifPresent(j -> files.add(j.getFileName().toString()));
        sb.append("wrote          ").append(c.out()).append("/{").append(String.join(",", files)).append("}\n");
        return sb.toString();
    }

    private static void candidate(StringBuilder sb, String label, JsonNode e) {
        if (e == null || e.isNull() || e.isMissingNode()) {
            sb.append(String.format(Locale.ROOT, "%-14s none%n", label));
            return;
        }
        sb.append(String.format(Locale.ROOT, "%-14s accuracy %.2f %%, latency %.4f ms, reward %.4f (eval %d)%n%-14s %s%n", label,
                100 * e.path("accuracy").asDouble(), e.path("latency_ms").asDouble(), e.path("reward").asDouble(), e.path("eval").asInt(), "",
                e.path("genome").asText()));
    }

    /** Logs every retry on stderr (a diagnostic, shown with or without a terminal) and passes the rest on. */
    private static final class RetryLog implements SearchListener {
        private final ProgressListener progress;

        RetryLog(ProgressListener progress) {
            this.progress = progress;
        }

        @Override
        public void started(int done, int budget) {
            progress.started(done, budget);
        }

        @Override
        public void evaluated(Evaluation e, int done, int budget) {
            progress.evaluated(e, done, budget);
        }

        @Override
        public void retried(int eval, int attempt, String reason) {
            System.err.println("edgetpu-nas: retrying candidate " + eval + " (attempt " + attempt + "): " + reason);
        }

        @Override
        public void checkpointed(Path file, int done) {
            progress.checkpointed(file, done);
        }

        @Override
        public void finished(SearchResult result) {
            progress.finished(result);
        }
    }
}
