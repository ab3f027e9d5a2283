package dev.edgetpunas.scaling;

/**
 * Progress of a scaling run, for a progress bar or a log. Called from worker threads; implementations
 * must be thread-safe. The library itself prints nothing.
 *
 * <pre>{@code
 * ScalingListener l = new ScalingListener() {
 *     public void measured(Member m) { progress.step(); }
 * };
 * }</pre>
 */
public interface ScalingListener {
    /** No-op listener. */
    ScalingListener NONE = new ScalingListener() {};

    /** A network was built and simulated (cache hits are not reported). */
    default void measured(Member m) {}

    /** A grid point of the coefficient search is done ({@code done} of {@code total}). */
    default void gridPoint(GridPoint p, int done, int total) {}
}
