package dev.edgetpunas.nas.evolution;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.space.EvolutionDefaults;
import dev.edgetpunas.nas.space.SearchSpace;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * Regularized (aging) evolution (Real et al. 2019) and its random-search baseline over any
 * {@link SearchSpace}, evaluated in parallel in fixed-size batches so that the history never depends
 * on the thread count. Immutable; built by a {@link Builder} that rejects bad values at once.
 *
 * <pre>{@code
 * Engine<NasBench201Cell> engine = Engine.builder(evaluator)
 *         .population(10).sample(3).budget(300).seed(42).threads(2)
 *         .objective(Objective.mnasSoft(targetMs))
 *         .checkpoint(Path.of("search.ckpt.json"), 50)
 *         .build();
 * SearchResult r = engine.run(listener);
 * SearchResult again = engine.resume(Checkpoint.read(Path.of("search.ckpt.json")), listener);
 * }</pre>
 *
 * <h2>The batched variant</h2>
 * Candidates are numbered 0, 1, 2, ...; batch k holds candidates {@code [kB, (k+1)B)} (B fixed by the
 * settings, never by the thread count or the budget). Every candidate of a batch is generated from
 * the population as it was before the batch, with randomness from
 * {@link CandidateRandom#of(long, long) (seed, index)} alone:
 * <ul>
 *   <li>random search, or while the population plus the candidates before it in the batch number
 *       fewer than P: a uniform sample of the space;</li>
 *   <li>otherwise: S members drawn uniformly with replacement from the population (as the
 *       NAS-Bench-201 baseline does), the best by reward wins (Pareto: fewest sample members
 *       dominating it, then reward), the child is the winner with one mutation.</li>
 * </ul>
 * A candidate whose genome already succeeded before the batch reuses that result ({@code cached}); a
 * later duplicate within the batch copies the earlier one's outcome; the others are evaluated in
 * parallel, each with its own seed. Then all are inserted in candidate order: a successful candidate
 * joins the population and, once it holds more than P, the oldest member dies; a failed trial is
 * recorded and skipped. The budget counts every candidate, failed and cached ones included. With
 * B = 1 this is exactly the sequential algorithm.
 *
 * <p>Population, result cache and Pareto archive are functions of the history, so a
 * {@link Checkpoint} (settings + history) resumes the search exactly, even from the middle of a batch
 * and with a larger budget.
 *
 * @param <G> the genome type
 */
public final class Engine<G> {
    private final SearchSpace<G> space;
    private final CandidateEvaluator<G> evaluator;
    private final EngineSettings settings;
    private final int budget;
    private final int threads;
    private final Optional<Path> checkpointFile;
    private final int checkpointEvery;

    private Engine(Builder<G> b) {
        this.space = b.evaluator.space();
        this.evaluator = b.evaluator;
        this.settings = new EngineSettings(space.toString(), b.evaluator.accuracyEstimator().name(), b.algorithm, b.seed, b.population,
                b.sample, b.batchSize, Objects.requireNonNull(b.objective, "objective (set it with objective(...))"));
        this.budget = b.budget;
        this.threads = b.threads;
        this.checkpointFile = b.checkpointFile;
        this.checkpointEvery = b.checkpointEvery;
    }

    /** A builder with the space's default population, sample and batch size. */
    public static <G> Builder<G> builder(CandidateEvaluator<G> evaluator) {
        return new Builder<>(evaluator);
    }

    public EngineSettings settings() {
        return settings;
    }

    public int budget() {
        return budget;
    }

    public int threads() {
        return threads;
    }

    public SearchSpace<G> space() {
        return space;
    }

    /** Runs a fresh search to the budget. */
    public SearchResult run(SearchListener listener) {
        return drive(new State(), 0, listener);
    }

    /**
     * Continues the search in {@code checkpoint} to this engine's budget. The checkpoint's settings
     * must equal this engine's (budget and threads may differ; the budget must not be below the
     * checkpoint's evaluations).
     */
    public SearchResult resume(Checkpoint checkpoint, SearchListener listener) {
        List<String> diff = checkpoint.settings().differences(settings);
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException("checkpoint does not match this search (checkpoint vs now): " + String.join("; ", diff));
        }
        if (checkpoint.history().size() > budget) {
            throw new IllegalArgumentException("budget " + budget + " is below the checkpoint's " + checkpoint.history().size() + " evaluations");
        }
        State s = new State();
        for (Evaluation e : checkpoint.history()) {
            G g;
            try {
                g = space.parse(e.genome());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("checkpoint history[" + e.eval() + "]: " + ex.getMessage(), ex);
            }
            s.insert(g, e);
        }
        return drive(s, checkpoint.wallSeconds(), listener);
    }

    /**
     * The search as a lazy stream of batches (fresh start, no checkpoints); close it to release the
     * evaluation threads.
     */
    public Stream<Batch> stream() {
        State s = new State();
        ExecutorService pool = newPool();
        Iterator<Batch> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return s.history.size() < budget;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                List<Evaluation> b = nextBatch(s, pool);
                return new Batch(b, s.history.size(), budget, s.archive.size());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    if (pool != null) pool.shutdownNow();
                });
    }

    private SearchResult drive(State s, double wallBefore, SearchListener listener) {
        Objects.requireNonNull(listener, "listener");
        long t0 = System.nanoTime();
        listener.started(s.history.size(), budget);
        ExecutorService pool = newPool();
        try {
            int lastCheckpoint = s.history.size();
            while (s.history.size() < budget) {
                for (Evaluation e : nextBatch(s, pool)) listener.evaluated(e, e.eval() + 1, budget);
                if (checkpointFile.isPresent() && s.history.size() - lastCheckpoint >= checkpointEvery && s.history.size() < budget) {
                    writeCheckpoint(s, wallBefore + seconds(t0), listener);
                    lastCheckpoint = s.history.size();
                }
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        double wall = wallBefore + seconds(t0);
        if (checkpointFile.isPresent()) writeCheckpoint(s, wall, listener);
        SearchResult r = new SearchResult(settings, budget, s.history, s.archive.front(), SearchResult.bestOf(s.history, settings.objective()),
                wall);
        listener.finished(r);
        return r;
    }

    private void writeCheckpoint(State s, double wall, SearchListener listener) {
        Path f = checkpointFile.orElseThrow();
        new Checkpoint(settings, budget, s.history, wall).write(f);
        listener.checkpointed(f, s.history.size());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private ExecutorService newPool() {
        if (threads == 1) return null;
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nas-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private record Member<G>(G genome, Evaluation evaluation) {}

    /** The state: history, and what follows from it. */
    private final class State {
        final List<Evaluation> history = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final ArrayDeque<Member<G>> population = new ArrayDeque<>();
        /** The population as it was when the history length was the current batch's start. */
        List<Member<G>> batchStartPopulation = List.of();
        /** First successful evaluation of each genome. */
        final Map<String, Evaluation> firstSuccess = new HashMap<>();
        final ParetoArchive archive = new ParetoArchive();

        void insert(G genome, Evaluation e) {
            if (e.eval() != history.size()) throw new IllegalStateException("eval " + e.eval() + " inserted at " + history.size());
            history.add(e);
            keys.add(e.genome());
            if (e.succeeded()) {
                population.addLast(new Member<>(genome, e));
                if (population.size() > settings.population()) population.removeFirst();
                firstSuccess.putIfAbsent(e.genome(), e);
                archive.add(e);
            }
            if (history.size() % settings.batchSize() == 0) batchStartPopulation = List.copyOf(population);
        }
    }

    private List<Evaluation> nextBatch(State s, ExecutorService pool) {
        int b = settings.batchSize();
        int start = s.history.size();
        int batchStart = start / b * b;
        int end = Math.min(budget, batchStart + b);
        List<Member<G>> pop = s.batchStartPopulation;
        int n = end - start;
        List<G> children = new ArrayList<>(n);
        List<String> keys = new ArrayList<>(n);
        long[] seeds = new long[n];
        for (int j = 0; j < n; j++) {
            int index = start + j;
            SplittableRandom rng = CandidateRandom.of(settings.seed(), index);
            G child;
            if (settings.algorithm() == Algorithm.RANDOM || pop.isEmpty() || pop.size() + (index - batchStart) < settings.population()) {
                child = space.sample(rng);
            } else {
                child = space.mutate(tournament(pop, rng), rng);
            }
            children.add(child);
            keys.add(space.encode(child));
            seeds[j] = rng.nextLong();
        }
        // decide for each candidate: cached before the batch, copy of an earlier one in the batch, or evaluate
        Evaluation[] reuse = new Evaluation[n];
        int[] copyOf = new int[n];
        List<Integer> toEvaluate = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            copyOf[j] = -1;
            String key = keys.get(j);
            Evaluation prior = s.firstSuccess.get(key);
            if (prior != null && prior.eval() < batchStart) {
                reuse[j] = prior;
                continue;
            }
            int earlier = -1;
            for (int i = batchStart; i < start + j && earlier < 0; i++) {
                String k = i < start ? s.keys.get(i) : keys.get(i - start);
                if (k.equals(key)) earlier = i;
            }
            if (earlier >= 0) {
                if (earlier < start) reuse[j] = s.history.get(earlier);
                else copyOf[j] = earlier - start;
                continue;
            }
            toEvaluate.add(j);
        }
        CandidateEvaluator.Trial[] trials = evaluate(children, seeds, toEvaluate, pool);
        List<Evaluation> out = new ArrayList<>(n);
        Evaluation[] made = new Evaluation[n];
        Objective obj = settings.objective();
        for (int j = 0; j < n; j++) {
            int index = start + j;
            Evaluation e;
            Evaluation from = reuse[j] != null ? reuse[j] : copyOf[j] >= 0 ? made[copyOf[j]] : null;
            if (from != null) {
                e = from.succeeded()
                        ? new Evaluation(index, keys.get(j), from.accuracy(), from.latencyMs(), obj.reward(from.accuracy(), from.latencyMs()),
                                Status.CACHED, "", List.of())
                        : new Evaluation(index, keys.get(j), Double.NaN, from.latencyMs(), Double.NaN, Status.FAILED, from.reason(), List.of());
            } else {
                CandidateEvaluator.Trial t = trials[j];
                e = t.ok() ? new Evaluation(index, keys.get(j), t.accuracy(), t.latencyMs(), obj.reward(t.accuracy(), t.latencyMs()), Status.OK,
                        "", t.warnings())
                        : new Evaluation(index, keys.get(j), Double.NaN, t.latencyMs(), Double.NaN, Status.FAILED, t.failure(), t.warnings());
            }
            made[j] = e;
            s.insert(children.get(j), e);
            out.add(e);
        }
        return out;
    }

    private CandidateEvaluator.Trial[] evaluate(List<G> children, long[] seeds, List<Integer> which, ExecutorService pool) {
        CandidateEvaluator.Trial[] out = new CandidateEvaluator.Trial[children.size()];
        if (pool == null || which.size() <= 1) {
            for (int j : which) out[j] = evaluator.evaluate(children.get(j), seeds[j]);
            return out;
        }
        List<Future<CandidateEvaluator.Trial>> fs = new ArrayList<>(which.size());
        for (int j : which) fs.add(pool.submit(() -> evaluator.evaluate(children.get(j), seeds[j])));
        try {
            for (int k = 0; k < which.size(); k++) out[which.get(k)] = fs.get(k).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating candidates", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
        return out;
    }

    private G tournament(List<Member<G>> pop, SplittableRandom rng) {
        int s = settings.sample();
        List<Member<G>> sample = new ArrayList<>(s);
        for (int k = 0; k < s; k++) sample.add(pop.get(rng.nextInt(pop.size())));
        boolean pareto = settings.objective().kind() == Objective.Kind.PARETO;
        Member<G> best = null;
        int bestDominated = Integer.MAX_VALUE;
        for (Member<G> m : sample) {
            int dominated = 0;
            if (pareto) for (Member<G> o : sample) if (o.evaluation().dominates(m.evaluation())) dominated++;
            boolean better = best == null || dominated < bestDominated
                    || (dominated == bestDominated && m.evaluation().reward() > best.evaluation().reward());
            if (better) {
                best = m;
                bestDominated = dominated;
            }
        }
        return best.genome();
    }

    /**
     * Settings of an {@link Engine}, each checked when set. Population, sample and batch size default
     * to the space's {@link EvolutionDefaults}; budget to 100, seed to 0, threads to 1, algorithm to
     * evolution; the objective has no default (its target comes from the caller).
     *
     * @param <G> the genome type
     */
    public static final class Builder<G> {
        private final CandidateEvaluator<G> evaluator;
        private int population;
        private int sample;
        private int batchSize;
        private int budget = 100;
        private long seed;
        private int threads = 1;
        private Algorithm algorithm = Algorithm.EVOLUTION;
        private Objective objective;
        private Optional<Path> checkpointFile = Optional.empty();
        private int checkpointEvery = 50;
        private boolean sampleSet;

        private Builder(CandidateEvaluator<G> evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
            EvolutionDefaults d = evaluator.space().defaults();
            population = d.population();
            sample = d.sample();
            batchSize = d.batchSize();
        }

        /** Population size P (>= 2). */
        public Builder<G> population(int p) {
            if (p < 2) throw new IllegalArgumentException("population must be >= 2, but was " + p);
            population = p;
            return this;
        }

        /** Tournament sample size S (>= 1, and at most P when built; default: the space's, capped at P). */
        public Builder<G> sample(int s) {
            if (s < 1) throw new IllegalArgumentException("sample must be >= 1, but was " + s);
            sample = s;
            sampleSet = true;
            return this;
        }

        /** Candidates per batch (>= 1); fixed, so results do not depend on the thread count. */
        public Builder<G> batchSize(int b) {
            if (b < 1) throw new IllegalArgumentException("batch size must be >= 1, but was " + b);
            batchSize = b;
            return this;
        }

        /** Number of candidates to evaluate (>= 1), failed and cached ones included. */
        public Builder<G> budget(int n) {
            if (n < 1) throw new IllegalArgumentException("budget must be >= 1, but was " + n);
            budget = n;
            return this;
        }

        public Builder<G> seed(long s) {
            seed = s;
            return this;
        }

        /** Evaluation threads (>= 1); the history does not depend on it. */
        public Builder<G> threads(int k) {
            if (k < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + k);
            threads = k;
            return this;
        }

        public Builder<G> algorithm(Algorithm a) {
            algorithm = Objects.requireNonNull(a, "algorithm");
            return this;
        }

        public Builder<G> objective(Objective o) {
            objective = Objects.requireNonNull(o, "objective");
            return this;
        }

        /** Writes a checkpoint to {@code file} after every {@code every} (>= 1) evaluations and at the end. */
        public Builder<G> checkpoint(Path file, int every) {
            Objects.requireNonNull(file, "checkpoint file");
            if (every < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1 evaluations, but was " + every);
            checkpointFile = Optional.of(file);
            checkpointEvery = every;
            return this;
        }

        public Engine<G> build() {
            if (objective == null) throw new IllegalArgumentException("objective must be set (it carries the latency target)");
            if (!sampleSet) sample = Math.min(sample, population);
            if (sample > population) throw new IllegalArgumentException("sample " + sample + " must not exceed the population " + population);
            return new Engine<>(this);
        }
    }
}
