package dev.edgetpunas.scaling;

import dev.edgetpunas.training.estimate.Estimate;
import java.util.Objects;
import java.util.Optional;

/**
 * One grid point of the coefficient search: its coefficients, its member at phi = 1 and its score.
 *
 * <pre>{@code
 * GridPoint best = search.best();
 * best.coefficients(); best.member().latencyMs(); best.score();
 * }</pre>
 *
 * @param coefficients alpha, beta, gamma
 * @param member the base scaled at phi = 1 with these coefficients
 * @param accuracy the estimate at phi = 1, if an estimator was given
 * @param score accuracy per ms ({@code accuracy / latency_ms}) or, without an estimator, {@code 1 / latency_ms};
 *     NaN when the estimate failed
 */
public record GridPoint(CompoundCoefficients coefficients, Member member, Optional<Estimate> accuracy, double score) {
    public GridPoint {
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(accuracy, "accuracy");
    }

    /** True unless the accuracy estimate failed. */
    public boolean ok() {
        return !Double.isNaN(score);
    }

    /** Why the point has no score, if it has none. */
    public Optional<String> failure() {
        return accuracy.filter(e -> !e.isOk()).map(e -> ((Estimate.Failed) e).reason());
    }
}
