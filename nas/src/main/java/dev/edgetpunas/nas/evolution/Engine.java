package dev.edgetpunas.nas.evolution;

import dev.edgetpunas.nas.eval.Candidate;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.eval.LocalEvaluationService;
import dev.edgetpunas.nas.eval.LostTrialException;
import dev.edgetpunas.nas.space.EvolutionDefaults;
import dev.edgetpunas.nas.space.SearchSpace;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * Regularized (aging) evolution (Real et al. 2019) and its random-search baseline over any
 * {@link SearchSpace}, with trials evaluated in parallel by an {@link EvaluationService} (a local
 * thread pool by default, a cluster in {@code nas-cluster}) under a {@link Schedule} that makes the
 * history independent of the thread or machine count. Immutable; built by a {@link Builder} that
 * rejects bad values at once.
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
 * <h2>The batched variant (the default schedule)</h2>
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
 * joins the population and, once it holds more than P, the oldest member dies; a failed (or lost)
 * trial is recorded and skipped. The budget counts every candidate, failed and cached ones included.
 * With B = 1 this is exactly the sequential algorithm.
 *
 * <h2>Ordered and async schedules</h2>
 * {@link Schedule#ordered(int) ordered(W)} generates candidate k from the population after
 * candidates {@code 0..k-W} (a sliding window instead of batches: no waiting for a batch's slowest
 * trial) and applies results in candidate order; "before the batch" above reads "before candidate
 * k-W+1". {@link Schedule#async(int) async(W)} generates from the population of the moment and
 * applies results on arrival. In every schedule a candidate is generated from one population state
 * with the rules above, duplicates of candidates still in flight copy their outcome, and at most the
 * schedule's size are in flight.
 *
 * <p>Population, result cache and Pareto archive are functions of the history, so a
 * {@link Checkpoint} (settings + history) resumes a batched or ordered search exactly, even from the
 * middle of a batch and with a larger budget; a {@link Journal} resumes any schedule and also keeps
 * results that arrived out of order before the driver stopped.
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
    private final Optional<EvaluationService<G>> service;
    private final Optional<Path> journalFile;

    private Engine(Builder<G> b, Schedule schedule) {
        this.space = b.evaluator.space();
        this.evaluator = b.evaluator;
        this.settings = new EngineSettings(space.toString(), b.evaluator.accuracyEstimator().name(), b.algorithm, b.seed, b.population,
                b.sample, schedule, Objects.requireNonNull(b.objective, "objective (set it with objective(...))"));
        this.budget = b.budget;
        this.threads = b.threads;
        this.checkpointFile = b.checkpointFile;
        this.checkpointEvery = b.checkpointEvery;
        this.service = b.service;
        this.journalFile = b.journalFile;
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

    /** Runs a fresh search to the budget (a journal, if set, is created and must not exist yet). */
    public SearchResult run(SearchListener listener) {
        Objects.requireNonNull(listener, "listener");
        Journal.Writer journal = journalFile.map(f -> Journal.create(f, settings, budget)).orElse(null);
        return drive(new Run(listener, journal, List.of(), Map.of(), Map.of(), 0));
    }

    /**
     * Continues the search in {@code checkpoint} to this engine's budget. The checkpoint's settings
     * must equal this engine's (budget and threads may differ; the budget must not be below the
     * checkpoint's evaluations).
     */
    public SearchResult resume(Checkpoint checkpoint, SearchListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkSettings(checkpoint.settings(), "checkpoint");
        if (checkpoint.history().size() > budget) {
            throw new IllegalArgumentException("budget " + budget + " is below the checkpoint's " + checkpoint.history().size() + " evaluations");
        }
        if (journalFile.isPresent()) throw new IllegalStateException("a journaled search resumes from its journal, not a checkpoint");
        return drive(new Run(listener, null, checkpoint.history(), Map.of(), Map.of(), checkpoint.wallSeconds()));
    }

    /**
     * Continues the search whose journal is {@code replay} to this engine's budget, appending to this
     * engine's journal file (normally the same file). Results the journal holds are not evaluated
     * again; candidates submitted but never finished are submitted again. An ordered or batched search
     * reaches the history of an uninterrupted run; an async one continues from the journal's order.
     *
     * @throws IllegalStateException if no journal file is set
     * @throws IllegalArgumentException if the journal belongs to another search, or the budget is below its rows
     */
    public SearchResult resume(Journal.Replay replay, SearchListener listener) {
        Objects.requireNonNull(listener, "listener");
        Path file = journalFile.orElseThrow(() -> new IllegalStateException("resuming from a journal needs journal(file) to append to"));
        checkSettings(replay.settings(), "journal");
        if (replay.rows().size() > budget) {
            throw new IllegalArgumentException("budget " + budget + " is below the journal's " + replay.rows().size() + " evaluations");
        }
        Journal.Writer journal = Journal.append(file);
        journal.resumed(budget, replay.rows().size());
        Map<Integer, String> submitted = new HashMap<>();
        replay.submissions().forEach((k, s) -> submitted.put(k, s.genome()));
        if (!settings.schedule().deterministic()) return drive(new Run(listener, journal, replay));
        Map<Integer, Evaluation> byEval = new HashMap<>();
        for (Evaluation e : replay.rows()) byEval.put(e.eval(), e);
        List<Evaluation> prefix = new ArrayList<>();
        while (byEval.containsKey(prefix.size()) && prefix.size() < budget) prefix.add(byEval.remove(prefix.size()));
        return drive(new Run(listener, journal, prefix, byEval, submitted, replay.wallSeconds()));
    }

    private void checkSettings(EngineSettings other, String what) {
        List<String> diff = other.differences(settings);
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException(what + " does not match this search (" + what + " vs now): " + String.join("; ", diff));
        }
    }

    /**
     * The search as a lazy stream of batches (fresh start, no checkpoints or journal; a batch is
     * {@code settings().batchSize()} candidates); close it to release the evaluation threads.
     */
    public Stream<Batch> stream() {
        Run r = new Run(SearchListener.NONE, null, List.of(), Map.of(), Map.of(), 0);
        int b = settings.batchSize();
        Iterator<Batch> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return r.s.history.size() < budget;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                List<Evaluation> out = new ArrayList<>();
                do {
                    out.add(r.step());
                } while (r.s.history.size() < budget && r.s.history.size() % b != 0);
                return new Batch(out, r.s.history.size(), budget, r.s.archive.size());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(r::close);
    }

    private SearchResult drive(Run r) {
        try (r) {
            State s = r.s;
            r.listener.started(s.history.size(), budget);
            int lastCheckpoint = s.history.size();
            while (s.history.size() < budget) {
                Evaluation e = r.step();
                r.listener.evaluated(e, s.history.size(), budget);
                if (checkpointFile.isPresent() && s.history.size() - lastCheckpoint >= checkpointEvery && s.history.size() < budget) {
                    writeCheckpoint(s, r.wall(), r.listener);
                    lastCheckpoint = s.history.size();
                }
            }
            double wall = r.wall();
            if (checkpointFile.isPresent()) writeCheckpoint(s, wall, r.listener);
            SearchResult result = new SearchResult(settings, budget, s.history, s.archive.front(),
                    SearchResult.bestOf(s.history, settings.objective()), wall);
            r.listener.finished(result);
            return result;
        }
    }

    private void writeCheckpoint(State s, double wall, SearchListener listener) {
        Path f = checkpointFile.orElseThrow();
        new Checkpoint(settings, budget, s.history, wall).write(f);
        listener.checkpointed(f, s.history.size());
    }

    private record Member<G>(G genome, Evaluation evaluation) {}

    /** The state: history, and what follows from it. */
    private final class State {
        final List<Evaluation> history = new ArrayList<>();
        final Map<Integer, Evaluation> byEval = new HashMap<>();
        final ArrayDeque<Member<G>> population = new ArrayDeque<>();
        /** First successful evaluation of each genome. */
        final Map<String, Evaluation> firstSuccess = new HashMap<>();
        final ParetoArchive archive = new ParetoArchive();

        void insert(G genome, Evaluation e) {
            if (settings.schedule().deterministic() && e.eval() != history.size()) {
                throw new IllegalStateException("eval " + e.eval() + " inserted at " + history.size());
            }
            if (byEval.putIfAbsent(e.eval(), e) != null) throw new IllegalStateException("eval " + e.eval() + " inserted twice");
            history.add(e);
            if (e.succeeded()) {
                population.addLast(new Member<>(genome, e));
                if (population.size() > settings.population()) population.removeFirst();
                firstSuccess.putIfAbsent(e.genome(), e);
                archive.add(e);
            }
        }
    }

    /** A generated candidate that is not in the history yet. */
    private final class Pending {
        final int index;
        final G genome;
        final String key;
        final long seed;
        /** A success before the candidate's generation point with the same genome, or null. */
        final Evaluation cachedFrom;
        /** The earlier candidate in flight with the same genome whose outcome this one copies, or -1. */
        final int copyOf;

        Pending(int index, G genome, String key, long seed, Evaluation cachedFrom, int copyOf) {
            this.index = index;
            this.genome = genome;
            this.key = key;
            this.seed = seed;
            this.cachedFrom = cachedFrom;
            this.copyOf = copyOf;
        }

        boolean evaluated() {
            return cachedFrom == null && copyOf < 0;
        }
    }

    /** What the evaluation side tells the driver thread. */
    private sealed interface Signal permits Arrived, Retried, Broken {}

    private record Arrived(Evaluation evaluation) implements Signal {}

    private record Retried(int eval, int attempt, String reason) implements Signal {}

    private record Broken(int eval, Throwable error) implements Signal {}

    /** One run of the search loop: state, candidates in flight, the service and the journal. */
    private final class Run implements AutoCloseable {
        final State s = new State();
        final SearchListener listener;
        final Journal.Writer journal;
        final EvaluationService<G> svc;
        final boolean ownsService;
        /** Deterministic replay: the history rows still to be inserted while the run is set up. */
        final List<Evaluation> prefix;
        /** Results a journal already holds, for candidates beyond the replayed prefix. */
        final Map<Integer, Evaluation> known;
        /** Genomes a journal says were submitted, to check that the regenerated candidates match. */
        final Map<Integer, String> submittedGenomes;
        /** Candidates whose row is in the journal. */
        final Set<Integer> journaled = new HashSet<>();
        final TreeMap<Integer, Pending> pending = new TreeMap<>();
        /** Results that arrived and wait for their turn (in arrival order). */
        final Map<Integer, Evaluation> arrived = new LinkedHashMap<>();
        final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        final long t0 = System.nanoTime();
        final double wallBefore;
        int nextGen;

        private Run(SearchListener listener, Journal.Writer journal, double wallBefore, List<Evaluation> prefix, Map<Integer, Evaluation> known,
                Map<Integer, String> submittedGenomes) {
            this.listener = listener;
            this.journal = journal;
            this.wallBefore = wallBefore;
            this.prefix = List.copyOf(prefix);
            this.known = new HashMap<>(known);
            this.submittedGenomes = Map.copyOf(submittedGenomes);
            this.ownsService = service.isEmpty();
            this.svc = service.orElseGet(() -> new LocalEvaluationService<>(evaluator, threads));
            known.keySet().forEach(journaled::add);
        }

        /** A fresh or replayed run of a deterministic schedule (or a fresh async one). */
        Run(SearchListener listener, Journal.Writer journal, List<Evaluation> prefix, Map<Integer, Evaluation> known,
                Map<Integer, String> submittedGenomes, double wallBefore) {
            this(listener, journal, wallBefore, prefix, known, submittedGenomes);
            try {
                if (journal != null) prefix.forEach(e -> journaled.add(e.eval()));
                nextGen = prefix.size();
                if (settings.schedule().deterministic()) generateReady();
                for (Evaluation e : prefix) {
                    s.insert(parse(e.genome(), e.eval()), e);
                    if (settings.schedule().deterministic()) generateReady();
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** An async run continuing from a journal: its rows in order, its unfinished submissions resubmitted. */
        Run(SearchListener listener, Journal.Writer journal, Journal.Replay replay) {
            this(listener, journal, replay.wallSeconds(), List.of(), Map.of(), Map.of());
            try {
                int max = -1;
                for (Evaluation e : replay.rows()) {
                    s.insert(parse(e.genome(), e.eval()), e);
                    journaled.add(e.eval());
                    max = Math.max(max, e.eval());
                }
                for (Journal.Submission sub : replay.submissions().values()) {
                    max = Math.max(max, sub.eval());
                    if (s.byEval.containsKey(sub.eval()) || sub.eval() >= budget) continue;
                    Pending p = new Pending(sub.eval(), parse(sub.genome(), sub.eval()), sub.genome(), sub.seed(), null, sub.copyOf());
                    pending.put(p.index, p);
                }
                nextGen = max + 1;
                for (Pending p : List.copyOf(pending.values())) {
                    if (p.copyOf >= 0 && !s.byEval.containsKey(p.copyOf) && !pending.containsKey(p.copyOf)) {
                        throw new IllegalArgumentException("journal: candidate " + p.index + " copies candidate " + p.copyOf + ", which was never submitted");
                    }
                    if (p.evaluated()) submit(p);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private G parse(String genome, int eval) {
            try {
                return space.parse(genome);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("history[" + eval + "]: " + ex.getMessage(), ex);
            }
        }

        double wall() {
            return wallBefore + (System.nanoTime() - t0) / 1e9;
        }

        /** Deterministic schedules: generates every candidate whose generation point has been reached. */
        private void generateReady() {
            Schedule sch = settings.schedule();
            while (nextGen < budget && sch.generationPoint(nextGen) <= s.history.size()) {
                Pending p = generate(nextGen++);
                pending.put(p.index, p);
                if (p.evaluated()) submit(p);
            }
        }

        /** Async: keeps the schedule's size in flight. */
        private void fill() {
            while (nextGen < budget && pending.size() < settings.schedule().size()) {
                Pending p = generate(nextGen++);
                pending.put(p.index, p);
                if (p.evaluated()) {
                    submit(p);
                } else if (p.copyOf >= 0 && journal != null) {
                    journal.submitted(p.index, p.key, p.seed, p.copyOf);
                }
            }
        }

        /** Candidate {@code k} from the population of now (the number of applied candidates is its generation point). */
        private Pending generate(int k) {
            int h = s.history.size();
            SplittableRandom rng = CandidateRandom.of(settings.seed(), k);
            List<Member<G>> pop = List.copyOf(s.population);
            G child;
            if (settings.algorithm() == Algorithm.RANDOM || pop.isEmpty() || pop.size() + (k - h) < settings.population()) {
                child = space.sample(rng);
            } else {
                child = space.mutate(tournament(pop, rng), rng);
            }
            String key = space.encode(child);
            long seed = rng.nextLong();
            Evaluation prior = s.firstSuccess.get(key);
            if (prior != null) return new Pending(k, child, key, seed, prior, -1);
            if (settings.schedule().deterministic()) {
                for (int i = h; i < k; i++) {
                    String other = i < prefix.size() ? prefix.get(i).genome() : pending.get(i).key;
                    if (other.equals(key)) return new Pending(k, child, key, seed, null, i);
                }
            } else {
                for (Pending q : pending.values()) {
                    if (q.key.equals(key)) return new Pending(k, child, key, seed, null, q.index);
                }
            }
            return new Pending(k, child, key, seed, null, -1);
        }

        private void submit(Pending p) {
            String journaledGenome = submittedGenomes.get(p.index);
            Evaluation done = known.remove(p.index);
            String expected = done != null ? done.genome() : journaledGenome;
            if (expected != null && !expected.equals(p.key)) {
                throw new IllegalArgumentException("journal: candidate " + p.index + " was " + expected + ", but this search generates " + p.key
                        + " (a journal of another search or engine version)");
            }
            if (done != null) {
                signals.add(new Arrived(done));
                return;
            }
            if (journal != null) journal.submitted(p.index, p.key, p.seed, -1);
            int k = p.index;
            svc.submit(new Candidate<>(k, p.genome, p.key, p.seed), (eval, attempt, reason) -> signals.add(new Retried(eval, attempt, reason)))
                    .whenComplete((t, ex) -> {
                        try {
                            signals.add(ex == null ? new Arrived(fromTrial(p, t)) : failure(p, ex));
                        } catch (RuntimeException bad) {
                            signals.add(new Broken(k, bad));
                        }
                    });
        }

        private Signal failure(Pending p, Throwable ex) {
            Throwable c = ex;
            while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) c = c.getCause();
            if (c instanceof LostTrialException lost) {
                return new Arrived(new Evaluation(p.index, p.key, Double.NaN, Double.NaN, Double.NaN, Status.LOST, lost.getMessage(), List.of()));
            }
            return new Broken(p.index, c);
        }

        private Evaluation fromTrial(Pending p, CandidateEvaluator.Trial t) {
            Objective obj = settings.objective();
            return t.ok() ? new Evaluation(p.index, p.key, t.accuracy(), t.latencyMs(), obj.reward(t.accuracy(), t.latencyMs()), Status.OK, "",
                    t.warnings())
                    : new Evaluation(p.index, p.key, Double.NaN, t.latencyMs(), Double.NaN, Status.FAILED, t.failure(), t.warnings());
        }

        private Evaluation reuse(Pending p, Evaluation from) {
            if (from.succeeded()) {
                return new Evaluation(p.index, p.key, from.accuracy(), from.latencyMs(), settings.objective().reward(from.accuracy(), from.latencyMs()),
                        Status.CACHED, "", List.of());
            }
            return new Evaluation(p.index, p.key, Double.NaN, from.latencyMs(), Double.NaN, from.status(), from.reason(), List.of());
        }

        /** Handles one signal from the evaluation side (blocks until there is one). */
        private void handleNext() {
            Signal sig;
            try {
                sig = signals.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for trial results", e);
            }
            if (sig instanceof Retried r) {
                if (journal != null) journal.retried(r.eval(), r.attempt(), r.reason());
                listener.retried(r.eval(), r.attempt(), r.reason());
            } else if (sig instanceof Broken b) {
                Throwable c = b.error();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error err) throw err;
                throw new IllegalStateException("evaluating candidate " + b.eval() + " failed: " + c, c);
            } else {
                Evaluation e = ((Arrived) sig).evaluation();
                if (!pending.containsKey(e.eval()) || arrived.containsKey(e.eval())) return; // a late duplicate: the first result won
                arrived.put(e.eval(), e);
                // ordered: journal a result when it arrives, so a restarted driver does not evaluate it again
                if (settings.schedule().deterministic() && journal != null && journaled.add(e.eval())) journal.row(e, wall());
            }
        }

        /** Applies the next candidate and returns its history row. */
        Evaluation step() {
            return settings.schedule().deterministic() ? stepInOrder() : stepOnArrival();
        }

        private Evaluation stepInOrder() {
            int k = s.history.size();
            Pending p = pending.get(k);
            if (p == null) throw new IllegalStateException("candidate " + k + " was never generated");
            Evaluation e;
            if (p.cachedFrom != null) {
                e = reuse(p, p.cachedFrom);
            } else if (p.copyOf >= 0) {
                e = reuse(p, s.byEval.get(p.copyOf));
            } else {
                while (!arrived.containsKey(k)) handleNext();
                e = arrived.remove(k);
            }
            apply(p, e);
            generateReady();
            return e;
        }

        private Evaluation stepOnArrival() {
            fill();
            while (true) {
                for (Pending p : pending.values()) {
                    if (p.cachedFrom != null) return apply(p, reuse(p, p.cachedFrom));
                    if (p.copyOf >= 0 && s.byEval.containsKey(p.copyOf)) return apply(p, reuse(p, s.byEval.get(p.copyOf)));
                }
                if (!arrived.isEmpty()) {
                    Evaluation e = arrived.values().iterator().next();
                    arrived.remove(e.eval());
                    return apply(pending.get(e.eval()), e);
                }
                handleNext();
            }
        }

        private Evaluation apply(Pending p, Evaluation e) {
            pending.remove(p.index);
            s.insert(p.genome, e);
            if (journal != null && journaled.add(e.eval())) journal.row(e, wall());
            return e;
        }

        @Override
        public void close() {
            try {
                if (ownsService) svc.close();
            } finally {
                if (journal != null) journal.close();
            }
        }
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
        private Schedule schedule;
        private Optional<EvaluationService<G>> service = Optional.empty();
        private Optional<Path> journalFile = Optional.empty();
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

        /** Candidates per batch (>= 1) of the default, batched schedule; fixed, so results do not depend on the thread count. */
        public Builder<G> batchSize(int b) {
            if (b < 1) throw new IllegalArgumentException("batch size must be >= 1, but was " + b);
            batchSize = b;
            return this;
        }

        /** The schedule (default: batched with {@link #batchSize}); replaces the batch size. */
        public Builder<G> schedule(Schedule s) {
            schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /**
         * Where trials run (default: a {@link LocalEvaluationService} with {@link #threads} threads,
         * created and closed by each run). The caller owns {@code s} and closes it.
         */
        public Builder<G> service(EvaluationService<G> s) {
            service = Optional.of(Objects.requireNonNull(s, "service"));
            return this;
        }

        /**
         * Keeps an append-only {@link Journal} in {@code file}: {@link Engine#run} creates it (it must
         * not exist or be empty), {@link Engine#resume(Journal.Replay, SearchListener)} appends to it.
         */
        public Builder<G> journal(Path file) {
            journalFile = Optional.of(Objects.requireNonNull(file, "journal file"));
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
            Schedule sch = schedule != null ? schedule : Schedule.batched(batchSize);
            if (checkpointFile.isPresent() && journalFile.isPresent()) {
                throw new IllegalArgumentException("a search keeps a checkpoint or a journal, not both");
            }
            if (!sch.deterministic() && checkpointFile.isPresent()) {
                throw new IllegalArgumentException("an async search resumes from its journal, not a checkpoint (its history is not in candidate order)");
            }
            return new Engine<>(this, sch);
        }
    }
}
