package dev.edgetpunas.nas.eval;

import java.util.concurrent.CompletableFuture;

/**
 * Where a search's trials run: takes a candidate (id, genome, seed) and returns a future result. The
 * engine generates candidates, submits those that need an evaluation and applies the results; it
 * never sees threads, machines or retries. {@link LocalEvaluationService} (the default) runs trials on
 * a thread pool; the {@code nas-cluster} module runs them on an embedded Hazelcast cluster.
 *
 * <pre>{@code
 * try (EvaluationService<NasBench201Cell> svc = new LocalEvaluationService<>(evaluator, 4)) {
 *     CompletableFuture<Trial> f = svc.submit(new Candidate<>(0, cell, space.encode(cell), 7L), RetryListener.NONE);
 *     Trial t = f.join();
 * }
 * }</pre>
 *
 * <p>Contract: the future completes with the candidate's {@link CandidateEvaluator.Trial} (a
 * candidate that fails by itself is a failed trial, never retried), or exceptionally with a
 * {@link LostTrialException} when the infrastructure gave up on it after its retries (each retry is
 * reported to the {@link RetryListener} first). Any other exceptional completion is a bug and stops
 * the search. A trial's result must depend only on the candidate (genome and seed), never on where or
 * when it ran. Implementations are thread-safe; the futures may complete on any thread.
 *
 * @param <G> the genome type
 */
public interface EvaluationService<G> extends AutoCloseable {

    /** Starts evaluating {@code candidate}; see the class comment for how the future completes. */
    CompletableFuture<CandidateEvaluator.Trial> submit(Candidate<G> candidate, RetryListener retries);

    /** Releases threads and connections; pending futures may never complete afterwards. */
    @Override
    default void close() {}

    /** Told about every retry of a lost attempt, from any thread. */
    @FunctionalInterface
    interface RetryListener {
        /**
         * Attempt {@code attempt} (2, 3, ...) of candidate {@code eval} starts because the previous one
         * was lost for {@code reason} (no host names or paths).
         */
        void retrying(int eval, int attempt, String reason);

        /** A listener that ignores retries. */
        RetryListener NONE = (eval, attempt, reason) -> {};
    }

    /** Creates a service for an evaluator (the search builds the evaluator, then the service). */
    interface Factory {
        /** A service evaluating with {@code evaluator} (or with an equivalent one elsewhere). */
        <G> EvaluationService<G> create(CandidateEvaluator<G> evaluator);
    }
}
