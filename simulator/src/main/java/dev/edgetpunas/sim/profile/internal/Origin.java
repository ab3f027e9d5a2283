package dev.edgetpunas.sim.profile.internal;

/**
 * Where a key was written: file and 1-based line and column (0 when unknown, e.g. a tree built in code).
 *
 * <pre>{@code
 * Origin o = new Origin("big-array.yaml", 4, 3);
 * }</pre>
 */
public record Origin(String file, int line, int column) {
    public Origin {
        file = file == null ? "" : file;
    }

    /** An origin in {@code file} with no line. */
    public static Origin fileOnly(String file) {
        return new Origin(file, 0, 0);
    }
}
