package dev.edgetpunas.compiler.compile;

import java.util.Locale;

/**
 * How parameter tensors of mapped ops are put into the on-chip cache, whole tensors in execution
 * order (the real rule is not published; see docs/compiler-model.md for the fit against the logs).
 *
 * <pre>{@code
 * Placement.parse("first-fit");   // FIRST_FIT
 * }</pre>
 */
public enum Placement {
    /** Cache tensors in order until the first one that does not fit; it and every later one are streamed. */
    PREFIX,
    /** Cache every tensor that still fits, in order; skip (stream) those that do not. */
    FIRST_FIT;

    /** The name as written in files and options: {@code prefix}, {@code first-fit}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code prefix} or {@code first-fit} (case-insensitive, '-' or '_'). */
    public static Placement parse(String s) {
        if (s == null) throw new IllegalArgumentException("placement must not be null");
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Placement p : values()) if (p.name().equals(k)) return p;
        throw new IllegalArgumentException("unknown placement '" + s + "' (expected prefix or first-fit)");
    }
}
