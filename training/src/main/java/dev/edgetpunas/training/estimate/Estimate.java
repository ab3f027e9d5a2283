package dev.edgetpunas.training.estimate;

import java.util.List;
import java.util.Objects;

/**
 * The result of one accuracy estimate: an accuracy in [0, 1] (with warnings, if any), or a failure
 * with a reason. A failure is a value, not an exception: the search records it and goes on.
 *
 * <pre>{@code
 * Estimate e = estimator.estimate(arch, seed);
 * if (e instanceof Estimate.Ok ok) use(ok.accuracy()); else log(((Estimate.Failed) e).reason());
 * }</pre>
 */
public sealed interface Estimate permits Estimate.Ok, Estimate.Failed {

    /** An accuracy in [0, 1]. */
    static Ok ok(double accuracy) {
        return new Ok(accuracy, List.of());
    }

    /** A failed trial. */
    static Failed failed(String reason) {
        return new Failed(reason);
    }

    /** True for {@link Ok}. */
    boolean isOk();

    /**
     * A successful estimate.
     *
     * @param accuracy a fraction in [0, 1]
     * @param warnings what the estimator noticed but accepted (for example a percentage read as such)
     */
    record Ok(double accuracy, List<String> warnings) implements Estimate {
        public Ok {
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException("accuracy must be in [0, 1], but was " + accuracy);
            }
            warnings = List.copyOf(warnings);
        }

        @Override
        public boolean isOk() {
            return true;
        }
    }

    /**
     * A failed estimate.
     *
     * @param reason one line saying why (exit code, timeout, unreadable output, ...)
     */
    record Failed(String reason) implements Estimate {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) throw new IllegalArgumentException("reason must not be blank");
        }

        @Override
        public boolean isOk() {
            return false;
        }
    }
}
