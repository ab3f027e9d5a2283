package dev.edgetpunas.cli.pipeline;

/**
 * The time a stage must end by, on {@link System#nanoTime()}.
 *
 * <pre>{@code
 * Deadline d = Deadline.in(120.0);
 * if (d.wouldPass(lastBatchSeconds)) stop();
 * }</pre>
 */
record Deadline(long endNanos) {
    static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    /** A deadline {@code seconds} from now. */
    static Deadline in(double seconds) {
        return new Deadline(System.nanoTime() + (long) (seconds * 1e9));
    }

    /** Seconds left (negative once passed). */
    double remainingS() {
        if (endNanos == Long.MAX_VALUE) return Double.POSITIVE_INFINITY;
        return (endNanos - System.nanoTime()) / 1e9;
    }

    boolean passed() {
        return remainingS() <= 0;
    }

    /** True if work taking {@code seconds} more would end after the deadline. */
    boolean wouldPass(double seconds) {
        return remainingS() < seconds;
    }
}
