package dev.edgetpunas.nas.eval;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.nas.space.SearchSpace;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Evaluates candidates of one search space: latency on the deployed network (decode, {@link Deploy},
 * then the {@link LatencyEvaluator}; cached by the space's {@link SearchSpace#latencyKey latency key},
 * which equivalent genomes share, since latency does not depend on the seed) and
 * accuracy from an {@link AccuracyEstimator} (seeded, not cached here: the engine caches successful
 * results by genome in its history, so that a resumed search sees the same cache).
 *
 * <pre>{@code
 * CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(space, latency, table);
 * Trial t = ev.evaluate(cell, seed);   // accuracy, latency_ms, or a failure reason
 * double ms = ev.latencyMs(cell);      // cached
 * }</pre>
 *
 * <p>Failures never escape as exceptions: an estimator's {@link Estimate.Failed}, an exception thrown
 * by the estimator or by the latency evaluator, or a latency that is not finite and positive all give
 * a failed {@link Trial} with a reason. Thread-safe.
 *
 * @param <G> the genome type
 */
public final class CandidateEvaluator<G> {
    private final SearchSpace<G> space;
    private final LatencyEvaluator latency;
    private final AccuracyEstimator accuracy;
    /** Latency per latency key; a key being computed holds its task, so concurrent callers wait instead of computing it again. */
    private final ConcurrentHashMap<String, FutureTask<Double>> latencyCache = new ConcurrentHashMap<>();

    public CandidateEvaluator(SearchSpace<G> space, LatencyEvaluator latency, AccuracyEstimator accuracy) {
        this.space = Objects.requireNonNull(space, "space");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
    }

    public SearchSpace<G> space() {
        return space;
    }

    public AccuracyEstimator accuracyEstimator() {
        return accuracy;
    }

    /**
     * The outcome of evaluating one candidate.
     *
     * @param accuracy fraction in [0, 1], NaN if the trial failed
     * @param latencyMs latency in ms, NaN if it could not be computed
     * @param failure the reason the trial failed, or null
     * @param warnings what the estimator noticed but accepted
     */
    public record Trial(double accuracy, double latencyMs, String failure, List<String> warnings) {
        public Trial {
            warnings = List.copyOf(warnings);
            if (failure == null && (Double.isNaN(accuracy) || Double.isNaN(latencyMs))) {
                throw new IllegalArgumentException("a successful trial needs accuracy and latency");
            }
        }

        public boolean ok() {
            return failure == null;
        }
    }

    /** The latency of {@code genome} in ms (cached by genome); throws if the latency evaluator fails. */
    public double latencyMs(G genome) {
        return latencyMs(space.latencyKey(genome), genome, () -> space.decode(genome));
    }

    private double latencyMs(String key, G genome, Supplier<Graph> training) {
        FutureTask<Double> task = latencyCache.get(key);
        if (task == null) {
            FutureTask<Double> mine = new FutureTask<>(() -> {
                double ms = latency.latencyMs(Deploy.apply(training.get()));
                if (!(ms > 0) || Double.isInfinite(ms)) {
                    throw new IllegalStateException("latency must be finite and > 0 ms, but was " + ms + " for " + key);
                }
                return ms;
            });
            task = latencyCache.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing a latency", e);
        } catch (ExecutionException e) {
            latencyCache.remove(key, task); // a failure is not cached: a later call tries again
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** Latencies of {@code genomes} in order, computed on {@code threads} threads (the result does not depend on it). */
    public double[] latenciesMs(List<G> genomes, int threads) {
        return latenciesMs(genomes, threads, done -> {});
    }

    /**
     * Latencies of {@code genomes} in order, computed on {@code threads} threads (the result does not
     * depend on it); {@code progress} receives the number of genomes finished so far, from any thread
     * (every genome with several threads, every 16th and the last with one).
     */
    public double[] latenciesMs(List<G> genomes, int threads, IntConsumer progress) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        Objects.requireNonNull(progress, "progress");
        double[] out = new double[genomes.size()];
        if (threads == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = latencyMs(genomes.get(i));
                if ((i + 1) % 16 == 0 || i + 1 == out.length) progress.accept(i + 1);
            }
            return out;
        }
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = Math.max(1, (genomes.size() + threads * 8 - 1) / (threads * 8));
            List<Future<?>> fs = new ArrayList<>();
            for (int start = 0; start < out.length; start += chunk) {
                int s = start, e = Math.min(out.length, start + chunk);
                fs.add(pool.submit(() -> {
                    for (int i = s; i < e; i++) {
                        out[i] = latencyMs(genomes.get(i));
                        progress.accept(finished.incrementAndGet());
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing latencies", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Number of genomes whose latency is cached. */
    public int cachedLatencies() {
        return latencyCache.size();
    }

    /** Evaluates {@code genome}: latency, then accuracy with {@code seed}. Never throws for a bad trial. */
    public Trial evaluate(G genome, long seed) {
        String key = space.encode(genome);
        String latencyKey = space.latencyKey(genome);
        Graph[] decoded = new Graph[1];
        Supplier<Graph> graph = () -> {
            synchronized (decoded) {
                if (decoded[0] == null) decoded[0] = space.decode(genome);
                return decoded[0];
            }
        };
        double ms;
        try {
            ms = latencyMs(latencyKey, genome, graph);
        } catch (RuntimeException e) {
            return new Trial(Double.NaN, Double.NaN, "latency evaluation failed: " + message(e), List.of());
        }
        Estimate est;
        try {
            est = accuracy.estimate(new Architecture(space.name(), key, space.describe(genome), graph), seed);
        } catch (RuntimeException e) {
            return new Trial(Double.NaN, ms, "accuracy estimator " + accuracy.name() + " failed: " + message(e), List.of());
        }
        if (est instanceof Estimate.Ok ok) return new Trial(ok.accuracy(), ms, null, ok.warnings());
        return new Trial(Double.NaN, ms, ((Estimate.Failed) est).reason(), List.of());
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
    }
}
