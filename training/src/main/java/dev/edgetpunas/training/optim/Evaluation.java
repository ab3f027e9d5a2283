package dev.edgetpunas.training.optim;

/**
 * Loss and accuracy of a model on a dataset.
 *
 * <pre>{@code
 * Evaluation e = Trainer.evaluate(net, data.test(), 256, Normalization.UNIT_RANGE, par);
 * e.accuracy();   // fraction in [0, 1]
 * }</pre>
 *
 * @param samples  samples evaluated
 * @param loss     mean softmax cross-entropy
 * @param accuracy fraction of samples whose top-1 prediction is right
 */
public record Evaluation(int samples, double loss, double accuracy) {
    public Evaluation {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, but was " + samples);
        if (!(accuracy >= 0 && accuracy <= 1)) throw new IllegalArgumentException("accuracy must be in [0, 1], but was " + accuracy);
    }
}
