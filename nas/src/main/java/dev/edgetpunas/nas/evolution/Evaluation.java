package dev.edgetpunas.nas.evolution;

import java.util.List;
import java.util.Objects;

/**
 * One row of the search history: a candidate, its accuracy, latency and reward, or why it failed.
 *
 * <pre>{@code
 * Evaluation e = result.history().get(0);
 * e.eval();        // 0-based candidate index
 * e.succeeded();   // ok or cached
 * }</pre>
 *
 * @param eval the candidate's index (0-based, in the order candidates were generated)
 * @param genome the genome as the space prints it
 * @param accuracy fraction in [0, 1]; NaN for a failed or lost trial
 * @param latencyMs latency in ms; NaN if it could not be computed
 * @param reward the objective's reward; NaN for a failed trial
 * @param status ok, cached, failed (the candidate failed) or lost (the infrastructure gave up on it)
 * @param reason why the trial failed or was lost ({@code ""} otherwise)
 * @param warnings what the estimator noticed but accepted
 */
public record Evaluation(int eval, String genome, double accuracy, double latencyMs, double reward, Status status, String reason,
        List<String> warnings) {
    public Evaluation {
        if (eval < 0) throw new IllegalArgumentException("eval must be >= 0, but was " + eval);
        Objects.requireNonNull(genome, "genome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        warnings = List.copyOf(warnings);
        if (status == Status.FAILED || status == Status.LOST) {
            if (reason.isBlank()) throw new IllegalArgumentException("a failed evaluation needs a reason");
        } else {
            if (!(accuracy >= 0 && accuracy <= 1)) throw new IllegalArgumentException("accuracy must be in [0, 1], but was " + accuracy);
            if (!(latencyMs > 0)) throw new IllegalArgumentException("latency_ms must be > 0, but was " + latencyMs);
            if (Double.isNaN(reward)) throw new IllegalArgumentException("reward must be a number");
        }
    }

    /** True for ok and cached. */
    public boolean succeeded() {
        return status == Status.OK || status == Status.CACHED;
    }

    /** True if {@code this} is at least as good as {@code o} in both objectives and better in one. */
    public boolean dominates(Evaluation o) {
        return accuracy >= o.accuracy && latencyMs <= o.latencyMs && (accuracy > o.accuracy || latencyMs < o.latencyMs);
    }
}
