package dev.edgetpunas.training.optim;

import java.util.List;

/**
 * The outcome of {@link Trainer#train}: per-epoch results and the configuration used (with its seed).
 *
 * <pre>{@code
 * TrainResult r = Trainer.train(net, train, test, cfg, par, TrainListener.NONE);
 * r.last().evalAccuracy();
 * }</pre>
 */
public record TrainResult(TrainConfig config, int threads, List<EpochResult> epochs) {
    public TrainResult {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) throw new IllegalArgumentException("epochs must not be empty");
    }

    /** The last epoch. */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Total training wall time in seconds (evaluation excluded). */
    public double trainSeconds() {
        return epochs.stream().mapToDouble(EpochResult::trainSeconds).sum();
    }
}
