package dev.edgetpunas.training.optim;

import dev.edgetpunas.training.data.Normalization;

/**
 * Settings of one training run. {@link #defaults()} are the ones the Fashion-MNIST CNN evidence uses:
 * batch 64, SGD with Nesterov momentum 0.9, peak learning rate 0.05 after one warm-up epoch, cosine
 * decay to 0, weight decay 5e-4 on conv/dense weights, inputs in [0, 1].
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.defaults().withEpochs(8).withSeed(42);
 * }</pre>
 *
 * @param epochs         passes over the training set (each drops the last incomplete batch)
 * @param batchSize      samples per step
 * @param learningRate   peak learning rate (reached after the warm-up)
 * @param finalLearningRate learning rate at the end of the cosine decay
 * @param warmupEpochs   linear warm-up length in epochs (may be fractional or 0)
 * @param momentum       SGD momentum
 * @param nesterov       Nesterov momentum
 * @param weightDecay    L2 coefficient for parameters that decay (not BN, not biases)
 * @param seed           seed of the shuffles (weights are initialised from the model's own generator)
 * @param normalization  pixel to float mapping
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double finalLearningRate, double warmupEpochs,
                          float momentum, boolean nesterov, float weightDecay, long seed, Normalization normalization) {
    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, but was " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learningRate must be > 0, but was " + learningRate);
        if (!(finalLearningRate >= 0 && finalLearningRate <= learningRate)) {
            throw new IllegalArgumentException("finalLearningRate must be in [0, learningRate], but was " + finalLearningRate);
        }
        if (!(warmupEpochs >= 0 && warmupEpochs <= epochs)) throw new IllegalArgumentException("warmupEpochs must be in [0, epochs], but was " + warmupEpochs);
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), but was " + momentum);
        if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, but was " + weightDecay);
        if (normalization == null) throw new IllegalArgumentException("normalization must not be null");
    }

    /** The documented defaults (3 epochs, seed 1). */
    public static TrainConfig defaults() {
        return new TrainConfig(3, 64, 0.05, 0.0, 1.0, 0.9f, true, 5e-4f, 1L, Normalization.UNIT_RANGE);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, finalLearningRate, Math.min(warmupEpochs, e), momentum, nesterov, weightDecay, seed, normalization);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(epochs, b, learningRate, finalLearningRate, warmupEpochs, momentum, nesterov, weightDecay, seed, normalization);
    }

    public TrainConfig withLearningRate(double peak, double end) {
        return new TrainConfig(epochs, batchSize, peak, end, warmupEpochs, momentum, nesterov, weightDecay, seed, normalization);
    }

    public TrainConfig withWarmupEpochs(double w) {
        return new TrainConfig(epochs, batchSize, learningRate, finalLearningRate, w, momentum, nesterov, weightDecay, seed, normalization);
    }

    public TrainConfig withMomentum(float m, boolean nest) {
        return new TrainConfig(epochs, batchSize, learningRate, finalLearningRate, warmupEpochs, m, nest, weightDecay, seed, normalization);
    }

    public TrainConfig withWeightDecay(float wd) {
        return new TrainConfig(epochs, batchSize, learningRate, finalLearningRate, warmupEpochs, momentum, nesterov, wd, seed, normalization);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, finalLearningRate, warmupEpochs, momentum, nesterov, weightDecay, s, normalization);
    }

    public TrainConfig withNormalization(Normalization n) {
        return new TrainConfig(epochs, batchSize, learningRate, finalLearningRate, warmupEpochs, momentum, nesterov, weightDecay, seed, n);
    }
}
