package dev.edgetpunas.training.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.data.Normalization;
import dev.edgetpunas.training.graph.GraphModel;
import dev.edgetpunas.training.graph.ProxyTask;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.SoftmaxCrossEntropy;
import dev.edgetpunas.training.optim.CosineSchedule;
import dev.edgetpunas.training.optim.Sgd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Proxy accuracy: the candidate, adapted to Fashion-MNIST ({@link ProxyTask}: 28x28x1, 10 classes, early
 * strides reduced, width times a factor), is trained for {@code steps} mini-batch steps on a seeded
 * subset of the training images and evaluated on a disjoint held-out subset of the training images
 * (the test set is never searched on). The subsets come from {@link Budget#dataSeed()} (the same for
 * every candidate); weight initialisation and batch order from the estimate's {@code seed}. Results are
 * cached per (adapted network, seed) and are bit-identical for any thread count.
 *
 * <p>Works for any architecture whose description lists EfficientNet block strings ({@code blocks}):
 * the {@code edgetpu} search space and compound scaling. Others get a failed estimate with the reason.
 *
 * <pre>{@code
 * ProxyEstimator proxy = ProxyEstimator.create(null, ProxyEstimator.Budget.defaults().withThreads(2));
 * Estimate e = proxy.estimate(architecture, 7L);   // Ok(0.6...) after 30 steps
 * ProxyEstimator.Result r = proxy.run(ProxyTask.adapt(EfficientNetSpec.EDGETPU_S, 0.125), 7L);
 * }</pre>
 */
public final class ProxyEstimator implements AccuracyEstimator {
    /** The generator algorithm of every draw. */
    public static final String RANDOM_ALGORITHM = "L64X128MixRandom";

    /**
     * How much training a candidate gets.
     *
     * @param steps         optimizer steps (K)
     * @param batch         samples per step
     * @param trainSamples  size of the training subset (passes over it are reshuffled)
     * @param evalSamples   size of the held-out subset accuracy is measured on
     * @param widthFactor   the candidate's width coefficient is multiplied by this
     * @param learningRate  peak learning rate (linear warm-up over the first tenth, cosine decay to 0)
     * @param weightDecay   L2 on conv and dense weights
     * @param bnMomentum    batch-norm running-average momentum (Keras sense; short runs need less than 0.99)
     * @param dataSeed      seed of the subsets, the same for every candidate
     * @param threads       kernel threads (results do not depend on it)
     */
    public record Budget(int steps, int batch, int trainSamples, int evalSamples, double widthFactor, double learningRate,
                         float weightDecay, float bnMomentum, long dataSeed, int threads) {
        public Budget {
            positive("steps", steps);
            positive("batch", batch);
            positive("train_samples", trainSamples);
            positive("eval_samples", evalSamples);
            positive("threads", threads);
            if (batch > trainSamples) throw new IllegalArgumentException("batch (" + batch + ") must be <= train_samples (" + trainSamples + ")");
            if (!(widthFactor > 0) || Double.isInfinite(widthFactor)) throw new IllegalArgumentException("width_factor must be > 0, but was " + widthFactor);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning_rate must be > 0, but was " + learningRate);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight_decay must be >= 0, but was " + weightDecay);
            if (!(bnMomentum >= 0 && bnMomentum < 1)) throw new IllegalArgumentException("bn_momentum must be in [0, 1), but was " + bnMomentum);
        }

        private static void positive(String name, int v) {
            if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, but was " + v);
        }

        /**
         * The default budget: 30 steps of 32 on 960 images (one pass), accuracy on 500 held-out images,
         * width factor 0.125, peak learning rate 0.1, weight decay 5e-5, BN momentum 0.9, data seed 0, 1 thread.
         * Chosen for cost (EfficientNet-EdgeTPU-S adapted: 11.3 M MACs per image, about 65 GFLOP of
         * training per candidate); see training/README.md for what it costs and how well it ranks.
         */
        public static Budget defaults() {
            return new Budget(30, 32, 960, 500, 0.125, 0.1, 5e-5f, 0.9f, 0L, 1);
        }

        public Budget withSteps(int s) {
            return new Budget(s, batch, trainSamples, evalSamples, widthFactor, learningRate, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withBatch(int b) {
            return new Budget(steps, b, trainSamples, evalSamples, widthFactor, learningRate, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withTrainSamples(int n) {
            return new Budget(steps, batch, n, evalSamples, widthFactor, learningRate, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withEvalSamples(int n) {
            return new Budget(steps, batch, trainSamples, n, widthFactor, learningRate, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withWidthFactor(double w) {
            return new Budget(steps, batch, trainSamples, evalSamples, w, learningRate, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withLearningRate(double lr) {
            return new Budget(steps, batch, trainSamples, evalSamples, widthFactor, lr, weightDecay, bnMomentum, dataSeed, threads);
        }

        public Budget withDataSeed(long s) {
            return new Budget(steps, batch, trainSamples, evalSamples, widthFactor, learningRate, weightDecay, bnMomentum, s, threads);
        }

        public Budget withThreads(int t) {
            return new Budget(steps, batch, trainSamples, evalSamples, widthFactor, learningRate, weightDecay, bnMomentum, dataSeed, t);
        }

        /** This budget trained {@code k} times longer: k times the steps on k times the training images. */
        public Budget times(int k) {
            return withSteps(steps * k).withTrainSamples(trainSamples * k);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d steps x %d on %d images, eval %d, width x%s, lr %s", steps, batch, trainSamples, evalSamples,
                    widthFactor, learningRate);
        }
    }

    /**
     * One proxy training run.
     *
     * @param accuracy      held-out accuracy in [0, 1]
     * @param finalLoss     mean training loss over the last tenth of the steps
     * @param steps         optimizer steps run
     * @param trainSeconds  wall time of the training steps
     * @param evalSeconds   wall time of the evaluation
     * @param macs          multiply-accumulates per image of the adapted network
     * @param parameters    trainable parameters of the adapted network
     */
    public record Result(double accuracy, double finalLoss, int steps, double trainSeconds, double evalSeconds, long macs, long parameters) {
        /** Training plus evaluation seconds. */
        public double seconds() {
            return trainSeconds + evalSeconds;
        }
    }

    private final Supplier<Dataset> source;
    private final Budget budget;
    private final ConcurrentMap<String, CompletableFuture<Estimate>> cache = new ConcurrentHashMap<>();
    private volatile Dataset[] subsets;

    private ProxyEstimator(Supplier<Dataset> source, Budget budget) {
        this.source = Objects.requireNonNull(source, "source");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * The estimator on Fashion-MNIST's training images, found as {@link FashionMnist#locate} says
     * ({@code dataDir} first when not null); the data is read on first use.
     *
     * @throws IllegalArgumentException with {@link FashionMnist#HOW_TO_GET} when the data is not found
     */
    public static ProxyEstimator create(Path dataDir, Budget budget) {
        Path dir = FashionMnist.locate(dataDir).orElseThrow(() -> new IllegalArgumentException(FashionMnist.HOW_TO_GET));
        return new ProxyEstimator(() -> FashionMnist.load(dir).train(), budget);
    }

    /** The estimator on any 28x28x1, 10-class image set (tests use synthetic ones). */
    public static ProxyEstimator on(Dataset images, Budget budget) {
        Objects.requireNonNull(images, "images");
        return new ProxyEstimator(() -> images, budget);
    }

    public Budget budget() {
        return budget;
    }

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public Estimate estimate(Architecture architecture, long seed) {
        Optional<EfficientNetSpec> spec;
        try {
            spec = specOf(architecture);
        } catch (IllegalArgumentException e) {
            return Estimate.failed(e.getMessage());
        }
        if (spec.isEmpty()) {
            return Estimate.failed("proxy training needs an EfficientNet-style architecture (block strings under 'blocks'); space '"
                    + architecture.space() + "' gives none");
        }
        EfficientNetSpec adapted = ProxyTask.adapt(spec.get(), budget.widthFactor());
        String key = BlocksFile.format(adapted.withName("proxy")) + "\nseed=" + seed;
        CompletableFuture<Estimate> mine = new CompletableFuture<>();
        CompletableFuture<Estimate> prior = cache.putIfAbsent(key, mine);
        if (prior != null) return prior.join();
        Estimate e;
        try {
            Result r = run(adapted, seed);
            e = Estimate.ok(r.accuracy());
        } catch (RuntimeException ex) {
            // a failure is returned, not cached (a later call retries), and never leaves waiters hanging
            String msg = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
            boolean expected = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException;
            e = Estimate.failed(expected && !msg.isBlank() ? msg : "proxy training failed: " + ex.getClass().getSimpleName() + (msg.isBlank() ? "" : ": " + msg));
            cache.remove(key, mine);
        }
        mine.complete(e);
        return e;
    }

    /**
     * The network an architecture describes, when its JSON description has {@code blocks} (block
     * strings, as the {@code edgetpu} search space and compound scaling write them), with optional
     * {@code stem_filters}, {@code head_filters} and {@code activation} (EfficientNet-EdgeTPU-S's
     * otherwise). Width and depth coefficients are 1: the blocks are taken as they are.
     */
    public static Optional<EfficientNetSpec> specOf(Architecture architecture) {
        JsonNode blocks = architecture.field("blocks");
        if (blocks.isMissingNode() || blocks.isNull()) return Optional.empty();
        List<BlockArgs> list = new ArrayList<>();
        try {
            if (blocks.isArray()) {
                for (JsonNode b : blocks) list.add(BlockString.parse(b.asText()));
            } else {
                list.addAll(BlockString.parseList(blocks.asText()));
            }
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("architecture " + architecture.genome() + ": bad block string: " + e.getMessage(), e);
        }
        if (list.isEmpty()) return Optional.empty();
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S.withName(architecture.space()).withBlocks(list);
        int stem = architecture.field("stem_filters").asInt(s.stemFilters());
        int head = architecture.field("head_filters").asInt(s.headFilters());
        s = s.withStemHead(stem, head);
        JsonNode act = architecture.field("activation");
        if (act.isTextual()) s = s.withActivation(Nonlinearity.parse(act.asText()));
        return Optional.of(s);
    }

    /** Number of cached estimates. */
    public int cachedEstimates() {
        return cache.size();
    }

    private Dataset[] subsets() {
        Dataset[] s = subsets;
        if (s == null) {
            synchronized (this) {
                s = subsets;
                if (s == null) {
                    Dataset all = source.get();
                    if (all.height() != ProxyTask.SIZE || all.width() != ProxyTask.SIZE || all.channels() != ProxyTask.CHANNELS
                            || all.classes() != ProxyTask.CLASSES) {
                        throw new IllegalArgumentException("proxy images must be 28x28x1 with 10 classes, but were " + all);
                    }
                    if (budget.trainSamples() + budget.evalSamples() > all.size()) {
                        throw new IllegalArgumentException("train_samples + eval_samples (" + (budget.trainSamples() + budget.evalSamples())
                                + ") exceed the " + all.size() + " images");
                    }
                    int[] p = Dataset.permutation(all.size(), RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(budget.dataSeed()));
                    Dataset train = all.subset(Arrays.copyOfRange(p, 0, budget.trainSamples()));
                    Dataset held = all.subset(Arrays.copyOfRange(p, all.size() - budget.evalSamples(), all.size()));
                    subsets = s = new Dataset[] {train, held};
                }
            }
        }
        return s;
    }

    /** Trains and evaluates an adapted network (see {@link ProxyTask#adapt}) with this budget. */
    public Result run(EfficientNetSpec adapted, long seed) {
        Dataset[] s = subsets();
        Dataset train = s[0], held = s[1];
        GraphModel model = GraphModel.initialise(ProxyTask.graph(adapted), RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(seed),
                budget.bnMomentum());
        RandomGenerator order = RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(seed ^ 0x5DEECE66DL);
        int bs = budget.batch();
        int steps = budget.steps();
        CosineSchedule lr = new CosineSchedule(budget.learningRate(), 0.0, Math.max(1, steps / 10), steps);
        Sgd sgd = new Sgd(model.params(), 0.9f, true, budget.weightDecay());
        int[] shape = {bs, ProxyTask.SIZE, ProxyTask.SIZE, ProxyTask.CHANNELS};
        float[] x = new float[bs * train.imageSize()];
        int[] y = new int[bs];
        float[] dLogits = new float[bs * ProxyTask.CLASSES];
        int perPass = train.size() / bs;
        int[] perm = null;
        double tailLoss = 0;
        int tailFrom = steps - Math.max(1, steps / 10);
        long t0 = System.nanoTime();
        try (Parallel par = Parallel.of(budget.threads())) {
            for (int step = 0; step < steps; step++) {
                int k = step % perPass;
                if (k == 0) perm = train.permutation(order);
                train.batch(perm, k * bs, bs, Normalization.UNIT_RANGE, x, y);
                var logits = model.forward(new dev.edgetpunas.training.nn.Tensor(shape, x), true, par);
                double loss = SoftmaxCrossEntropy.lossAndGradient(bs, ProxyTask.CLASSES, logits.data(), y, dLogits);
                if (!Double.isFinite(loss)) throw new IllegalStateException("proxy training diverged at step " + step + " (loss " + loss + ")");
                if (step >= tailFrom) tailLoss += loss;
                model.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {bs, ProxyTask.CLASSES}, dLogits), false, par);
                sgd.step((float) lr.at(step));
            }
            double trainS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int evalBatch = Math.min(250, held.size());
            float[] ex = new float[evalBatch * held.imageSize()];
            int[] ey = new int[evalBatch];
            long correct = 0;
            for (int from = 0; from < held.size(); from += evalBatch) {
                int n = Math.min(evalBatch, held.size() - from);
                held.batch(null, from, n, Normalization.UNIT_RANGE, ex, ey);
                float[] logits = model.predict(par, ex, n);
                correct += SoftmaxCrossEntropy.correct(n, ProxyTask.CLASSES, logits, ey);
            }
            double evalS = (System.nanoTime() - t1) / 1e9;
            return new Result((double) correct / held.size(), tailLoss / (steps - tailFrom), steps, trainS, evalS,
                    model.graph().macs(), model.parameterCount());
        }
    }

    @Override
    public String toString() {
        return "ProxyEstimator[" + budget + "]";
    }
}
