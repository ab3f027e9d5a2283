package dev.edgetpunas.nas.evolution;

/**
 * What happened to one candidate: evaluated ({@code ok}), a genome already evaluated successfully
 * whose result was reused ({@code cached}), or a failed trial ({@code failed}, recorded and skipped).
 *
 * <pre>{@code
 * Status.CACHED.id();   // "cached"
 * }</pre>
 */
public enum Status {
    OK("ok"),
    CACHED("cached"),
    FAILED("failed");

    private final String id;

    Status(String id) {
        this.id = id;
    }

    /** The name in history.csv. */
    public String id() {
        return id;
    }

    /** Reads {@code ok|cached|failed}. */
    public static Status parse(String s) {
        for (Status v : values()) if (v.id.equals(s)) return v;
        throw new IllegalArgumentException("unknown status '" + s + "' (expected ok, cached or failed)");
    }
}
