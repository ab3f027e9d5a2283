package dev.edgetpunas.training.estimate;

/**
 * Estimates the accuracy of an architecture: a benchmark table, short proxy training, or the user's
 * own command. Implementations must be thread-safe (the search calls them from several threads) and
 * should be deterministic in {@code (architecture, seed)}; a search is reproducible only as far as its
 * estimator is. Expected failures (a crashed trainer, a timeout, unreadable output) are returned as
 * {@link Estimate.Failed}, never thrown.
 *
 * <pre>{@code
 * AccuracyEstimator est = CommandEstimator.shell("python train.py").build();
 * Estimate e = est.estimate(architecture, 7L);
 * }</pre>
 */
@FunctionalInterface
public interface AccuracyEstimator {

    /** The accuracy of {@code architecture} (a fraction in [0, 1]) or a failure with a reason. */
    Estimate estimate(Architecture architecture, long seed);

    /** A short name for reports ({@code cmd}, {@code nb201:cifar10}, {@code proxy}). */
    default String name() {
        return getClass().getSimpleName();
    }
}
