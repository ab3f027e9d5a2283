package dev.edgetpunas.nas.evolution;

import java.util.Locale;

/**
 * The search algorithm: regularized evolution, or random search with the same budget as a baseline.
 *
 * <pre>{@code
 * Algorithm.parse("random");   // RANDOM
 * }</pre>
 */
public enum Algorithm {
    EVOLUTION("evolution"),
    RANDOM("random");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Reads {@code evolution|random}. */
    public static Algorithm parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) if (a.id.equals(k)) return a;
        throw new IllegalArgumentException("unknown algorithm '" + s + "' (expected evolution or random)");
    }
}
