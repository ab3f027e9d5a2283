package dev.edgetpunas.nas.evolution;

/**
 * What happened to one candidate: evaluated ({@code ok}), a genome already evaluated successfully
 * whose result was reused ({@code cached}), a failed trial ({@code failed}: the candidate itself
 * failed, recorded and skipped, never retried), or a trial the evaluation infrastructure lost
 * ({@code lost}: a cluster member left or timed out on every allowed attempt; also skipped).
 *
 * <pre>{@code
 * Status.CACHED.id();   // "cached"
 * }</pre>
 */
public enum Status {
    OK("ok"),
    CACHED("cached"),
    FAILED("failed"),
    LOST("lost");

    private final String id;

    Status(String id) {
        this.id = id;
    }

    /** The name in history.csv. */
    public String id() {
        return id;
    }

    /** Reads {@code ok|cached|failed|lost}. */
    public static Status parse(String s) {
        for (Status v : values()) if (v.id.equals(s)) return v;
        throw new IllegalArgumentException("unknown status '" + s + "' (expected ok, cached, failed or lost)");
    }
}
