package dev.edgetpunas.nas.eval;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local {@link EvaluationService}: trials run on a fixed pool of daemon threads, or on the
 * caller's thread inside {@link #submit} with one thread. Nothing is lost, so nothing is retried.
 *
 * <pre>{@code
 * try (LocalEvaluationService<EdgeTpuGenome> svc = new LocalEvaluationService<>(evaluator, 2)) {
 *     Trial t = svc.submit(candidate, RetryListener.NONE).join();
 * }
 * }</pre>
 *
 * @param <G> the genome type
 */
public final class LocalEvaluationService<G> implements EvaluationService<G> {
    private final CandidateEvaluator<G> evaluator;
    private final ExecutorService pool;

    /** A service with {@code threads} (>= 1) evaluation threads. */
    public LocalEvaluationService(CandidateEvaluator<G> evaluator, int threads) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        if (threads == 1) {
            pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "nas-eval-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** The factory of local services with {@code threads} threads. */
    public static EvaluationService.Factory factory(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        return new EvaluationService.Factory() {
            @Override
            public <T> EvaluationService<T> create(CandidateEvaluator<T> evaluator) {
                return new LocalEvaluationService<>(evaluator, threads);
            }
        };
    }

    @Override
    public CompletableFuture<CandidateEvaluator.Trial> submit(Candidate<G> c, RetryListener retries) {
        Objects.requireNonNull(c, "candidate");
        if (pool == null) {
            CompletableFuture<CandidateEvaluator.Trial> f = new CompletableFuture<>();
            try {
                f.complete(evaluator.evaluate(c.genome(), c.seed()));
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
            return f;
        }
        return CompletableFuture.supplyAsync(() -> evaluator.evaluate(c.genome(), c.seed()), pool);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
