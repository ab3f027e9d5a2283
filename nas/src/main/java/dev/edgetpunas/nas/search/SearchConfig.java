package dev.edgetpunas.nas.search;

import dev.edgetpunas.nas.evolution.Algorithm;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.evolution.Schedule;
import dev.edgetpunas.nas.space.EvolutionDefaults;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything {@code edgetpu-nas search} is asked to do, validated: built by {@link #builder}, whose
 * setters reject bad values at once and whose {@link Builder#build()} fills the per-space defaults and
 * checks the settings against each other.
 *
 * <pre>{@code
 * SearchConfig c = SearchConfig.builder(SpaceKind.NASBENCH201)
 *         .budget(300).seed(1).threads(2).out(Path.of("runs/nb201"))
 *         .build();                 // population 10, sample 3, accuracy nb201:cifar10, mnas-soft
 * }</pre>
 *
 * @param space the search space
 * @param profile the accelerator profile (the simulator's; empty: its default)
 * @param compiler the compiler version override (empty: the profile's)
 * @param budget candidates to evaluate
 * @param population P
 * @param sample S
 * @param batchSize children per batch (fixed; results do not depend on threads)
 * @param schedule batched(batchSize) (the default), ordered(W) or async(W)
 * @param targetMs the latency target (empty: the space's median simulated latency)
 * @param objective mnas-soft, mnas-hard or pareto
 * @param rewardExponent w of the soft reward
 * @param accuracy where accuracy comes from
 * @param dataset the NAS-Bench-201 dataset (network input size and classes; nasbench201 only)
 * @param accuracyCommand the external command ({@code cmd} only)
 * @param accuracyTimeout how long one external-command trial may take
 * @param algorithm evolution or random
 * @param seed the search seed
 * @param threads evaluation threads
 * @param checkpoint the checkpoint file (empty: none)
 * @param checkpointEvery evaluations between checkpoints
 * @param journal the append-only journal (empty: none); a search keeps a checkpoint or a journal
 * @param resume continue from the checkpoint or the journal
 * @param out the output directory
 * @param json print summary.json on stdout
 * @param swishAndSe whether swish and SE are searchable (the compiler maps them; edgetpu only)
 * @param table the NAS-Bench-201 table (empty: the shared data's)
 */
public record SearchConfig(SpaceKind space, Optional<String> profile, Optional<String> compiler, int budget, int population, int sample,
        int batchSize, Schedule schedule, OptionalDouble targetMs, Objective.Kind objective, double rewardExponent, AccuracySpec accuracy,
        NasBench201Dataset dataset, Optional<String> accuracyCommand, Duration accuracyTimeout, Algorithm algorithm, long seed, int threads,
        Optional<Path> checkpoint, int checkpointEvery, Optional<Path> journal, boolean resume, Path out, boolean json, boolean swishAndSe, Optional<Path> table) {

    public SearchConfig {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(targetMs, "targetMs");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(accuracyCommand, "accuracyCommand");
        Objects.requireNonNull(accuracyTimeout, "accuracyTimeout");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(table, "table");
        if (budget < 1) throw new IllegalArgumentException("--budget must be >= 1, but was " + budget);
        new EvolutionDefaults(population, sample, batchSize); // validates P, S, B
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, but was " + threads);
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1, but was " + checkpointEvery);
        if (targetMs.isPresent() && !(targetMs.getAsDouble() > 0 && Double.isFinite(targetMs.getAsDouble()))) {
            throw new IllegalArgumentException("--target-ms must be finite and > 0, but was " + targetMs.getAsDouble());
        }
        if (!(rewardExponent <= 0) || Double.isInfinite(rewardExponent)) {
            throw new IllegalArgumentException("reward exponent must be finite and <= 0, but was " + rewardExponent);
        }
        if (accuracy.kind() == AccuracySpec.Kind.NB201) {
            if (space != SpaceKind.NASBENCH201) throw new IllegalArgumentException("--accuracy nb201 needs --space nasbench201");
            if (accuracy.dataset().orElseThrow() != dataset) {
                throw new IllegalArgumentException("--accuracy " + accuracy + " disagrees with dataset " + dataset.id());
            }
        }
        if (accuracy.kind() == AccuracySpec.Kind.CMD && accuracyCommand.isEmpty()) {
            throw new IllegalArgumentException("--accuracy cmd needs --accuracy-cmd 'COMMAND'");
        }
        if (accuracy.kind() != AccuracySpec.Kind.CMD && accuracyCommand.isPresent()) {
            throw new IllegalArgumentException("--accuracy-cmd is only used with --accuracy cmd, but accuracy is " + accuracy);
        }
        if (accuracyTimeout.isNegative() || accuracyTimeout.isZero()) {
            throw new IllegalArgumentException("accuracy timeout must be > 0, but was " + accuracyTimeout);
        }
        if (schedule.mode() == Schedule.Mode.BATCHED && schedule.size() != batchSize) {
            throw new IllegalArgumentException("batched schedule " + schedule + " disagrees with batch size " + batchSize);
        }
        if (checkpoint.isPresent() && journal.isPresent()) throw new IllegalArgumentException("a search keeps a checkpoint or a journal, not both");
        if (checkpoint.isPresent() && !schedule.deterministic()) {
            throw new IllegalArgumentException("an async search resumes from its journal, not a checkpoint");
        }
        if (resume && checkpoint.isEmpty() && journal.isEmpty()) throw new IllegalArgumentException("--resume needs --checkpoint FILE");
        if (swishAndSe && space != SpaceKind.EDGETPU) throw new IllegalArgumentException("swish and SE are searchable only in the edgetpu space");
    }

    /** A builder for a search over {@code space}. */
    public static Builder builder(SpaceKind space) {
        return new Builder(space);
    }

    /**
     * Settings of a {@link SearchConfig}, each checked when set. Defaults: population, sample and
     * batch from the space ({@code nasbench201} 10/3/2, {@code edgetpu} 50/10/8), budget 100, objective
     * mnas-soft (w = -0.07), target the space's median latency, accuracy {@code nb201:cifar10} for
     * {@code nasbench201} and {@code proxy} for {@code edgetpu} ({@code cmd} when only an accuracy
     * command is given), algorithm evolution, seed 0, threads 1, a checkpoint every 50 evaluations,
     * accuracy-command timeout one hour.
     */
    public static final class Builder {
        private final SpaceKind space;
        private Optional<String> profile = Optional.empty();
        private Optional<String> compiler = Optional.empty();
        private int budget = 100;
        private Integer population;
        private Integer sample;
        private Integer batchSize;
        private Integer inFlight;
        private Schedule.Mode mode;
        private Optional<Path> journal = Optional.empty();
        private OptionalDouble targetMs = OptionalDouble.empty();
        private Objective.Kind objective = Objective.Kind.MNAS_SOFT;
        private double rewardExponent = Objective.DEFAULT_EXPONENT;
        private AccuracySpec accuracy;
        private Optional<String> accuracyCommand = Optional.empty();
        private Duration accuracyTimeout = Duration.ofHours(1);
        private Algorithm algorithm = Algorithm.EVOLUTION;
        private long seed;
        private int threads = 1;
        private Optional<Path> checkpoint = Optional.empty();
        private int checkpointEvery = 50;
        private boolean resume;
        private Path out;
        private boolean json;
        private boolean swishAndSe;
        private Optional<Path> table = Optional.empty();
        private NasBench201Dataset dataset;

        private Builder(SpaceKind space) {
            this.space = Objects.requireNonNull(space, "space");
        }

        public Builder profile(String p) {
            if (p == null || p.isBlank()) throw new IllegalArgumentException("--profile must not be blank");
            profile = Optional.of(p);
            return this;
        }

        public Builder compiler(String v) {
            if (v == null || v.isBlank()) throw new IllegalArgumentException("--compiler must not be blank");
            compiler = Optional.of(v);
            return this;
        }

        public Builder budget(int n) {
            if (n < 1) throw new IllegalArgumentException("--budget must be >= 1, but was " + n);
            budget = n;
            return this;
        }

        public Builder population(int p) {
            if (p < 2) throw new IllegalArgumentException("--population must be >= 2, but was " + p);
            population = p;
            return this;
        }

        public Builder sample(int s) {
            if (s < 1) throw new IllegalArgumentException("--sample must be >= 1, but was " + s);
            sample = s;
            return this;
        }

        public Builder batchSize(int b) {
            if (b < 1) throw new IllegalArgumentException("batch size must be >= 1, but was " + b);
            batchSize = b;
            return this;
        }

        /** At most {@code w} candidates in flight: an ordered schedule unless {@link #mode} says async. */
        public Builder inFlight(int w) {
            if (w < 1) throw new IllegalArgumentException("--in-flight must be >= 1, but was " + w);
            inFlight = w;
            return this;
        }

        /** The schedule's mode (ordered or async; W defaults to the batch size); batched is the default. */
        public Builder mode(Schedule.Mode m) {
            mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** Keeps an append-only journal (what a cluster search resumes from). */
        public Builder journal(Path f) {
            journal = Optional.of(Objects.requireNonNull(f, "journal"));
            return this;
        }

        public Builder targetMs(double t) {
            if (!(t > 0) || Double.isInfinite(t)) throw new IllegalArgumentException("--target-ms must be finite and > 0, but was " + t);
            targetMs = OptionalDouble.of(t);
            return this;
        }

        public Builder objective(Objective.Kind k) {
            objective = Objects.requireNonNull(k, "objective");
            return this;
        }

        public Builder rewardExponent(double w) {
            if (!(w <= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("reward exponent must be finite and <= 0, but was " + w);
            rewardExponent = w;
            return this;
        }

        public Builder accuracy(AccuracySpec a) {
            accuracy = Objects.requireNonNull(a, "accuracy");
            return this;
        }

        public Builder accuracyCommand(String cmd) {
            if (cmd == null || cmd.isBlank()) throw new IllegalArgumentException("--accuracy-cmd must not be blank");
            accuracyCommand = Optional.of(cmd);
            return this;
        }

        public Builder accuracyTimeout(Duration t) {
            Objects.requireNonNull(t, "accuracy timeout");
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("accuracy timeout must be > 0, but was " + t);
            accuracyTimeout = t;
            return this;
        }

        public Builder algorithm(Algorithm a) {
            algorithm = Objects.requireNonNull(a, "algorithm");
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder threads(int k) {
            if (k < 1) throw new IllegalArgumentException("--threads must be >= 1, but was " + k);
            threads = k;
            return this;
        }

        public Builder checkpoint(Path f) {
            checkpoint = Optional.of(Objects.requireNonNull(f, "checkpoint"));
            return this;
        }

        public Builder checkpointEvery(int n) {
            if (n < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1, but was " + n);
            checkpointEvery = n;
            return this;
        }

        public Builder resume(boolean r) {
            resume = r;
            return this;
        }

        public Builder out(Path dir) {
            out = Objects.requireNonNull(dir, "out");
            return this;
        }

        public Builder json(boolean j) {
            json = j;
            return this;
        }

        /** Whether swish and SE are searchable: true only when the target compiler maps them. */
        public Builder swishAndSe(boolean allowed) {
            swishAndSe = allowed;
            return this;
        }

        /** The NAS-Bench-201 dataset of the network (default: the nb201 accuracy's, else cifar10). */
        public Builder dataset(NasBench201Dataset d) {
            dataset = Objects.requireNonNull(d, "dataset");
            return this;
        }

        public Builder table(Path csv) {
            table = Optional.of(Objects.requireNonNull(csv, "table"));
            return this;
        }

        public SearchConfig build() {
            if (out == null) throw new IllegalArgumentException("--out DIR is required");
            EvolutionDefaults d = space.defaults();
            int p = population != null ? population : d.population();
            int s = sample != null ? sample : Math.min(d.sample(), p);
            int b = batchSize != null ? batchSize : d.batchSize();
            if (s > p) throw new IllegalArgumentException("--sample " + s + " must not exceed --population " + p);
            AccuracySpec acc = accuracy;
            if (acc == null) {
                if (accuracyCommand.isPresent()) acc = AccuracySpec.cmd();
                else acc = space == SpaceKind.NASBENCH201 ? AccuracySpec.nb201(NasBench201Dataset.CIFAR10) : AccuracySpec.proxy();
            }
            NasBench201Dataset ds = dataset != null ? dataset : acc.dataset().orElse(NasBench201Dataset.CIFAR10);
            Schedule sch;
            if (mode == null && inFlight == null) sch = Schedule.batched(b);
            else if (mode == Schedule.Mode.BATCHED) {
                if (inFlight != null) throw new IllegalArgumentException("--in-flight needs mode ordered or async, not batched");
                sch = Schedule.batched(b);
            } else sch = new Schedule(mode == null ? Schedule.Mode.ORDERED : mode, inFlight == null ? b : inFlight);
            return new SearchConfig(space, profile, compiler, budget, p, s, b, sch, targetMs, objective, rewardExponent, acc, ds, accuracyCommand,
                    accuracyTimeout, algorithm, seed, threads, checkpoint, checkpointEvery, journal, resume, out, json, swishAndSe, table);
        }
    }
}
