package dev.edgetpunas.nas.evolution;

import java.util.Locale;
import java.util.Objects;

/**
 * What the search maximizes, from MnasNet (Tan et al. 2019): the soft reward
 * {@code acc * (lat / T)^w} with {@code w = -0.07}; the hard constraint ({@code w = 0} at or below
 * T, {@code -1} above, i.e. {@code acc * T / lat}); or Pareto (accuracy up, latency down: selection by
 * dominance, the soft reward breaking ties and naming the best). A candidate is feasible when its
 * latency is at most T.
 *
 * <pre>{@code
 * Objective o = Objective.mnasSoft(5.0);
 * o.reward(0.8, 6.0);   // 0.8 * (6/5)^-0.07
 * }</pre>
 *
 * @param kind soft, hard or Pareto
 * @param targetMs the latency target T in ms (> 0)
 * @param exponent w of the soft reward (<= 0; MnasNet's -0.07)
 */
public record Objective(Kind kind, double targetMs, double exponent) {
    /** MnasNet's soft exponent. */
    public static final double DEFAULT_EXPONENT = -0.07;

    /** The objectives, with their CLI names. */
    public enum Kind {
        MNAS_SOFT("mnas-soft"),
        MNAS_HARD("mnas-hard"),
        PARETO("pareto");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Reads {@code mnas-soft|mnas-hard|pareto}. */
        public static Kind parse(String s) {
            String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Kind v : values()) if (v.id.equals(k)) return v;
            throw new IllegalArgumentException("unknown objective '" + s + "' (expected mnas-soft, mnas-hard or pareto)");
        }
    }

    public Objective {
        Objects.requireNonNull(kind, "kind");
        if (!(targetMs > 0) || Double.isInfinite(targetMs)) throw new IllegalArgumentException("target_ms must be finite and > 0, but was " + targetMs);
        if (!(exponent <= 0) || Double.isInfinite(exponent)) throw new IllegalArgumentException("reward exponent must be finite and <= 0, but was " + exponent);
    }

    public static Objective mnasSoft(double targetMs) {
        return new Objective(Kind.MNAS_SOFT, targetMs, DEFAULT_EXPONENT);
    }

    public static Objective mnasHard(double targetMs) {
        return new Objective(Kind.MNAS_HARD, targetMs, DEFAULT_EXPONENT);
    }

    public static Objective pareto(double targetMs) {
        return new Objective(Kind.PARETO, targetMs, DEFAULT_EXPONENT);
    }

    /** The objective of {@code kind} with T and the default exponent. */
    public static Objective of(Kind kind, double targetMs) {
        return new Objective(kind, targetMs, DEFAULT_EXPONENT);
    }

    /** The reward of a candidate with accuracy {@code acc} and latency {@code latencyMs}. */
    public double reward(double acc, double latencyMs) {
        return switch (kind) {
            case MNAS_SOFT, PARETO -> acc * Math.pow(latencyMs / targetMs, exponent);
            case MNAS_HARD -> latencyMs <= targetMs ? acc : acc * (targetMs / latencyMs);
        };
    }

    /** True if the latency meets the target. */
    public boolean feasible(double latencyMs) {
        return latencyMs <= targetMs;
    }
}
