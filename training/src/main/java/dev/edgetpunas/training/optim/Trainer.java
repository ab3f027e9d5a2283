package dev.edgetpunas.training.optim;

import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.Normalization;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.SoftmaxCrossEntropy;
import dev.edgetpunas.training.nn.Layer;
import dev.edgetpunas.training.nn.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Mini-batch training of a classifier (a {@link Layer}: a {@code Sequential} or a {@code GraphModel}) with softmax cross-entropy, {@link Sgd} and a
 * {@link CosineSchedule}. Each epoch visits the training set in a fresh permutation drawn from one
 * {@code L64X128MixRandom} generator seeded with {@link TrainConfig#seed()}, in {@code floor(n / batch)}
 * full batches. Kernels are bit-identical for any thread count, so a run is reproducible from its seed
 * (and the model's initialisation seed) on any number of threads.
 *
 * <pre>{@code
 * try (Parallel par = Parallel.of(2)) {
 *     TrainResult r = Trainer.train(net, data.train(), data.test(), TrainConfig.defaults(), par, TrainListener.NONE);
 * }
 * }</pre>
 */
public final class Trainer {
    /** The generator algorithm of the shuffles. */
    public static final String RANDOM_ALGORITHM = "L64X128MixRandom";

    private Trainer() {}

    /** Trains {@code net} in place; evaluates on {@code eval} after every epoch when it is not null. */
    public static TrainResult train(Layer net, Dataset train, Dataset eval, TrainConfig cfg, Parallel par, TrainListener listener) {
        if (net == null || train == null || cfg == null || par == null) throw new IllegalArgumentException("net, train, cfg and par must not be null");
        TrainListener l = listener == null ? TrainListener.NONE : listener;
        int bs = cfg.batchSize();
        int stepsPerEpoch = train.size() / bs;
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("batchSize " + bs + " is larger than the training set (" + train.size() + " samples)");
        }
        int[] sampleShape = {bs, train.height(), train.width(), train.channels()};
        int[] outShape = net.outputShape(sampleShape);
        int classes = train.classes();
        if (outShape.length != 2 || outShape[1] != classes) {
            throw new IllegalArgumentException("model output must be [N, " + classes + "], but is " + java.util.Arrays.toString(outShape));
        }
        int total = stepsPerEpoch * cfg.epochs();
        int warmup = (int) Math.round(cfg.warmupEpochs() * stepsPerEpoch);
        CosineSchedule schedule = new CosineSchedule(cfg.learningRate(), cfg.finalLearningRate(), warmup, total);
        Sgd sgd = new Sgd(net.params(), cfg.momentum(), cfg.nesterov(), cfg.weightDecay());
        RandomGenerator rng = RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(cfg.seed());
        float[] x = new float[bs * train.imageSize()];
        int[] y = new int[bs];
        float[] dLogits = new float[bs * classes];
        List<EpochResult> results = new ArrayList<>();
        int step = 0;
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            int[] order = train.permutation(rng);
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            double lr = 0;
            for (int s = 0; s < stepsPerEpoch; s++, step++) {
                train.batch(order, s * bs, bs, cfg.normalization(), x, y);
                Tensor logits = net.forward(new Tensor(sampleShape, x), true, par);
                double loss = SoftmaxCrossEntropy.lossAndGradient(bs, classes, logits.data(), y, dLogits);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged at epoch " + epoch + ", step " + step + " (loss " + loss
                            + "); lower the learning rate (" + cfg.learningRate() + ")");
                }
                correct += SoftmaxCrossEntropy.correct(bs, classes, logits.data(), y);
                net.backward(new Tensor(outShape, dLogits), false, par);
                lr = schedule.at(step);
                sgd.step((float) lr);
                lossSum += loss;
                l.onStep(epoch, step, loss, lr);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Evaluation ev = eval == null ? null : evaluate(net, eval, Math.max(bs, 256), cfg.normalization(), par);
            EpochResult r = new EpochResult(epoch, stepsPerEpoch, lossSum / stepsPerEpoch, (double) correct / ((long) stepsPerEpoch * bs),
                    ev == null ? Double.NaN : ev.loss(), ev == null ? Double.NaN : ev.accuracy(), secs,
                    stepsPerEpoch * (double) bs / secs, lr);
            results.add(r);
            l.onEpoch(r);
        }
        return new TrainResult(cfg, par.threads(), results);
    }

    /** Loss and accuracy of {@code net} (inference mode) on all of {@code data}, in batches of {@code batchSize}. */
    public static Evaluation evaluate(Layer net, Dataset data, int batchSize, Normalization norm, Parallel par) {
        if (data.size() < 1) throw new IllegalArgumentException("cannot evaluate on an empty dataset");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
        int classes = data.classes();
        float[] x = new float[batchSize * data.imageSize()];
        int[] y = new int[batchSize];
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int n = Math.min(batchSize, data.size() - from);
            data.batch(null, from, n, norm, x, y);
            Tensor logits = net.forward(new Tensor(new int[] {n, data.height(), data.width(), data.channels()}, x), false, par);
            lossSum += SoftmaxCrossEntropy.lossAndGradient(n, classes, logits.data(), y, null) * n;
            correct += SoftmaxCrossEntropy.correct(n, classes, logits.data(), y);
        }
        return new Evaluation(data.size(), lossSum / data.size(), (double) correct / data.size());
    }
}
