package dev.edgetpunas.nas.eval;

/**
 * The evaluation infrastructure gave up on a candidate (a member left or timed out on every allowed
 * attempt): an {@link EvaluationService}'s future completes with it, and the search records the
 * candidate as {@code lost}, apart from candidates that failed by themselves.
 *
 * <pre>{@code
 * future.completeExceptionally(new LostTrialException(4, "member left"));
 * }</pre>
 */
public final class LostTrialException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int attempts;
    private final String reason;

    /**
     * @param attempts the attempts made (>= 1)
     * @param reason why the last attempt was lost, without host names or paths
     */
    public LostTrialException(int attempts, String reason) {
        super("lost after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": " + reason);
        if (attempts < 1) throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
        this.attempts = attempts;
        this.reason = reason;
    }

    public int attempts() {
        return attempts;
    }

    public String reason() {
        return reason;
    }
}
