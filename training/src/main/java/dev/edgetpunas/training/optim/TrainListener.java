package dev.edgetpunas.training.optim;

/**
 * Progress callbacks of {@link Trainer} (library code prints nothing; the CLI prints from here).
 *
 * <pre>{@code
 * TrainListener l = new TrainListener() {
 *     public void onEpoch(EpochResult r) { System.err.println(r); }
 * };
 * }</pre>
 */
public interface TrainListener {
    /** Does nothing. */
    TrainListener NONE = new TrainListener() { };

    /** After every optimizer step ({@code step} counts from 0 over the whole run). */
    default void onStep(int epoch, int step, double loss, double learningRate) {
    }

    /** After every epoch (and its evaluation). */
    default void onEpoch(EpochResult result) {
    }
}
