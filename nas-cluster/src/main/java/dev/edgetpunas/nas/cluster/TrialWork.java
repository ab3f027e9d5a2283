package dev.edgetpunas.nas.cluster;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import java.io.Serializable;

/**
 * What a worker needs to evaluate a search's candidates, carried by every task: serializable,
 * self-contained (no file paths of the driver's machine), and able to rebuild the evaluator on the
 * worker. Workers cache the evaluator by {@link #id()}. {@link SearchWork} is the search's; tests plug
 * in trivial ones.
 *
 * <pre>{@code
 * TrialWork work = SearchWork.of(config, profile);
 * CandidateEvaluator<?> ev = work.evaluator();   // on the worker, once per id
 * }</pre>
 */
public interface TrialWork extends Serializable {
    /** A key that equal work shares (a digest of the content); the worker's evaluator cache key. */
    String id();

    /** Builds the evaluator (space, latency, accuracy estimator) on the worker. */
    CandidateEvaluator<?> evaluator();
}
