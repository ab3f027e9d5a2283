package dev.edgetpunas.nas.evolution;

import java.util.Locale;
import java.util.Objects;

/**
 * How candidates are scheduled: which population state each child is generated from, how many are in
 * flight at most, and in which order results are applied.
 *
 * <pre>{@code
 * Schedule.batched(2);   // the default: batches of 2 generated from the population before the batch
 * Schedule.ordered(8);   // sliding window: at most 8 in flight, results applied in candidate order
 * Schedule.async(8);     // at most 8 in flight, results applied as they arrive (not reproducible)
 * }</pre>
 *
 * <ul>
 *   <li>{@code batched(B)}: candidate k is generated from the population after candidates
 *       {@code 0 .. floor(k/B)*B - 1} were applied; a batch waits for its slowest candidate.</li>
 *   <li>{@code ordered(W)}: candidate k is generated from the population after candidates
 *       {@code 0 .. k-W} were applied, so at most W are in flight; results are applied in candidate
 *       order. The history depends on the seed and W only, never on how many machines or threads
 *       evaluate. {@code ordered(1)} equals {@code batched(1)}, the sequential algorithm.</li>
 *   <li>{@code async(W)}: a new child is generated from the current population whenever fewer than W
 *       are in flight; results are applied on arrival, in an order that depends on timing (a
 *       journal records it, so a resume replays it).</li>
 * </ul>
 *
 * @param mode batched, ordered or async
 * @param size B for batched, W (the in-flight limit) otherwise; >= 1
 */
public record Schedule(Mode mode, int size) {
    /** The scheduling modes. */
    public enum Mode {
        BATCHED("batched"),
        ORDERED("ordered"),
        ASYNC("async");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** The name on the command line and in checkpoints and journals. */
        public String id() {
            return id;
        }

        /** Reads {@code batched|ordered|async}. */
        public static Mode parse(String s) {
            String k = Objects.requireNonNull(s, "mode").trim().toLowerCase(Locale.ROOT);
            for (Mode m : values()) if (m.id.equals(k)) return m;
            throw new IllegalArgumentException("unknown mode '" + s + "' (expected ordered or async)");
        }
    }

    public Schedule {
        Objects.requireNonNull(mode, "mode");
        if (size < 1) {
            throw new IllegalArgumentException((mode == Mode.BATCHED ? "batch size" : "in-flight limit") + " must be >= 1, but was " + size);
        }
    }

    public static Schedule batched(int batchSize) {
        return new Schedule(Mode.BATCHED, batchSize);
    }

    public static Schedule ordered(int inFlight) {
        return new Schedule(Mode.ORDERED, inFlight);
    }

    public static Schedule async(int inFlight) {
        return new Schedule(Mode.ASYNC, inFlight);
    }

    /** True unless results are applied on arrival. */
    public boolean deterministic() {
        return mode != Mode.ASYNC;
    }

    /**
     * The number of applied candidates whose population candidate {@code k} is generated from
     * (deterministic modes only).
     */
    int generationPoint(int k) {
        switch (mode) {
            case BATCHED:
                return k / size * size;
            case ORDERED:
                return Math.max(0, k - size + 1);
            case ASYNC:
                throw new IllegalStateException("async candidates are generated from the population of the moment");
        }
        throw new AssertionError(mode);
    }

    @Override
    public String toString() {
        return mode.id + "(" + size + ")";
    }
}
