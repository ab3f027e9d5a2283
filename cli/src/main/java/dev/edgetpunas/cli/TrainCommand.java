package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.LoadedModel;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.compiler.zoo.Models;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.graph.GraphModel;
import dev.edgetpunas.training.graph.ProxyTask;
import dev.edgetpunas.training.graph.SavedModel;
import dev.edgetpunas.training.graph.SmallCnn;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.optim.EpochResult;
import dev.edgetpunas.training.optim.TrainConfig;
import dev.edgetpunas.training.optim.TrainListener;
import dev.edgetpunas.training.optim.TrainResult;
import dev.edgetpunas.training.optim.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGeneratorFactory;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas train MODEL --dataset fashion-mnist --out FILE.tflite}: trains a model on
 * Fashion-MNIST with the graph executor and saves it as a float {@code .tflite} (BN folded) plus a JSON
 * sidecar, ready for {@code quantize}.
 *
 * <pre>{@code
 * ./edgetpu-nas train small-cnn --dataset fashion-mnist --epochs 6 --threads 2 --out runs/cnn.tflite
 * ./edgetpu-nas train efficientnet-edgetpu-s --width-mult 0.25 --epochs 3 --out runs/ets.tflite --json
 * }</pre>
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on Fashion-MNIST (pure-Java float32; identical results for any --threads)",
            "and save it as a float .tflite (batch norm folded) plus a JSON sidecar.",
            "MODEL: small-cnn; an EfficientNet zoo name, a .blocks file or blocks:STRINGS (adapted:",
            "28x28x1 input, 10 classes, early strides reduced, width times --width-mult); or any",
            "model whose graph takes [1, 28, 28, 1] and gives 10 logits (a float .tflite continues)."})
public final class TrainCommand implements Callable<Integer> {
    /** Training FLOPs per sample per MAC: forward 2, input and weight gradients 2 each. */
    static final double FLOPS_PER_MAC = 6.0;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "small-cnn, a zoo EfficientNet, a .blocks file, blocks:..., or a 28x28x1 -> 10 model.")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist", description = "The dataset (only fashion-mnist; default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "5", description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--width-mult", paramLabel = "W", defaultValue = "1.0",
            description = "Width factor: EfficientNet width coefficient times W; small-cnn widths times W (default: ${DEFAULT-VALUE}).")
    double widthMult;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the initialisation and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "1", description = "Kernel threads; results never depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.05",
            description = "Peak learning rate: SGD with Nesterov momentum 0.9, one warm-up epoch, cosine decay (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--train-samples", paramLabel = "N", description = "Train on a seeded subset of N training images (default: all 60,000).")
    Integer trainSamples;

    @Option(names = "--test-samples", paramLabel = "N", description = "Evaluate on the first N test images (default: all 10,000).")
    Integer testSamples;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the four Fashion-MNIST .gz files (default: $EDGETPUNAS_DATA, "
            + "/usr/share/datasets/fashion-mnist, ~/.cache/edgetpu-nas/fashion-mnist).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.tflite", description = "Where to write the float model (its sidecar: FILE.json).")
    Path out;

    @Option(names = "--json", description = "Print JSON: {schema_version, tool_version, model, test_accuracy, train_loss, epochs, wall_s, samples_per_s, ...}.")
    boolean json;

    /** A model resolved from the MODEL argument. */
    record Resolved(Graph graph, String kind) {}

    @Override
    public Integer call() {
        if (!"fashion-mnist".equals(dataset.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("--dataset must be fashion-mnist, but was '" + dataset + "'");
        }
        if (epochs < 1) throw new BadInputException("--epochs must be >= 1, but was " + epochs);
        if (threads < 1) throw new BadInputException("--threads must be >= 1, but was " + threads);
        if (batch < 1) throw new BadInputException("--batch must be >= 1, but was " + batch);
        if (!(lr > 0)) throw new BadInputException("--lr must be > 0, but was " + lr);
        if (!(widthMult > 0) || Double.isInfinite(widthMult)) throw new BadInputException("--width-mult must be > 0, but was " + widthMult);
        if (!out.getFileName().toString().endsWith(TfliteReader.EXTENSION)) throw new BadInputException("--out must name a .tflite file, but was " + out);
        Resolved r = resolve(model, widthMult);
        FashionMnist fm = FashionMnist.load(FashionMnist.locate(data).orElseThrow(() -> new BadInputException(FashionMnist.HOW_TO_GET)));
        Dataset train = fm.train();
        if (trainSamples != null) {
            if (trainSamples < batch || trainSamples > train.size()) {
                throw new BadInputException("--train-samples must be in [" + batch + ", " + train.size() + "], but was " + trainSamples);
            }
            train = train.sample(trainSamples, RandomGeneratorFactory.of(Trainer.RANDOM_ALGORITHM).create(seed));
        }
        Dataset test = fm.test();
        if (testSamples != null) {
            if (testSamples < 1 || testSamples > test.size()) throw new BadInputException("--test-samples must be in [1, " + test.size() + "], but was " + testSamples);
            test = test.head(testSamples);
        }
        GraphModel net = GraphModel.initialise(r.graph(), RandomGeneratorFactory.of(Trainer.RANDOM_ALGORITHM).create(seed));
        long macs = r.graph().macs();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "train: %s (%s), %,d parameters, %,d MACs per image, %d training / %d test images, %d thread%s%n", r.graph().name(),
                r.kind(), net.parameterCount(), macs, train.size(), test.size(), threads, threads == 1 ? "" : "s");
        err.flush();
        TrainConfig cfg = TrainConfig.defaults().withEpochs(epochs).withBatchSize(batch).withSeed(seed).withLearningRate(lr, 0.0)
                .withWarmupEpochs(Math.min(1.0, epochs));
        int stepsPerEpoch = train.size() / batch;
        long start = System.nanoTime();
        TrainResult result;
        try (Parallel par = Parallel.of(threads); Progress progress = new Progress(err, (long) stepsPerEpoch * epochs)) {
            result = Trainer.train(net, train, test, cfg, par, progress);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        EpochResult last = result.last();
        double samplesPerS = (double) stepsPerEpoch * batch * epochs / result.trainSeconds();
        double gflops = samplesPerS * FLOPS_PER_MAC * macs / 1e9;

        ObjectNode meta = Json.report();
        meta.put("model", model);
        meta.put("model_kind", r.kind());
        meta.put("graph", r.graph().name());
        meta.put("dataset", "fashion-mnist");
        meta.put("normalization", "unit_range");
        meta.put("input_transform", "pixel / 255");
        meta.put("width_mult", widthMult);
        meta.put("epochs", epochs);
        meta.put("batch", batch);
        meta.put("learning_rate", lr);
        meta.put("seed", seed);
        meta.put("threads", threads);
        meta.put("train_samples", train.size());
        meta.put("test_samples", test.size());
        meta.put("test_accuracy", last.evalAccuracy());
        meta.put("test_loss", last.evalLoss());
        meta.put("train_loss", last.trainLoss());
        meta.put("train_accuracy", last.trainAccuracy());
        meta.put("wall_s", wall);
        meta.put("train_s", result.trainSeconds());
        meta.put("samples_per_s", samplesPerS);
        meta.put("train_gflops_per_s", gflops);
        ArrayNode names = meta.putArray("class_names");
        FashionMnist.CLASS_NAMES.forEach(names::add);
        Graph written = SavedModel.save(net, out, meta);

        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = meta.deepCopy();
            root.put("out", out.toString());
            root.put("sidecar", SavedModel.sidecarPath(out).toString());
            root.put("params", net.parameterCount());
            root.put("macs", macs);
            root.put("graph_digest", written.digest());
            ArrayNode hist = root.putArray("history");
            for (EpochResult e : result.epochs()) {
                ObjectNode h = hist.addObject();
                h.put("epoch", e.epoch());
                h.put("train_loss", e.trainLoss());
                h.put("train_accuracy", e.trainAccuracy());
                h.put("test_loss", e.evalLoss());
                h.put("test_accuracy", e.evalAccuracy());
                h.put("train_s", e.trainSeconds());
                h.put("samples_per_s", e.samplesPerSecond());
            }
            o.println(Json.pretty(root));
        } else {
            o.printf(Locale.ROOT, "%s on fashion-mnist: %,d parameters, %,d MACs per image, seed %d, %d thread%s%n%n", r.graph().name(),
                    net.parameterCount(), macs, seed, threads, threads == 1 ? "" : "s");
            TextTable t = new TextTable("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "train_s", "samples/s").rightAlign(0, 1, 2, 3, 4, 5, 6);
            for (EpochResult e : result.epochs()) {
                t.row(e.epoch(), f4(e.trainLoss()), f4(e.trainAccuracy()), f4(e.evalLoss()), f4(e.evalAccuracy()),
                        String.format(Locale.ROOT, "%.1f", e.trainSeconds()), String.format(Locale.ROOT, "%.0f", e.samplesPerSecond()));
            }
            o.print(t);
            o.printf(Locale.ROOT, "%ntest accuracy %.4f, %.1f s wall, %.0f samples/s, ~%.1f GFLOP/s (6 FLOP per MAC per sample)%n", last.evalAccuracy(),
                    wall, samplesPerS, gflops);
            o.printf(Locale.ROOT, "saved %s (float32, BN folded) and %s%n", out, SavedModel.sidecarPath(out));
        }
        o.flush();
        return 0;
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The graph to train for a MODEL argument (see the command's description). */
    static Resolved resolve(String model, double width) {
        String m = model.trim();
        if (m.equalsIgnoreCase(SmallCnn.NAME)) return new Resolved(SmallCnn.graph(width), SmallCnn.NAME);
        Optional<EfficientNetSpec> spec = Models.efficientNetSpec(m);
        if (spec.isPresent()) {
            EfficientNetSpec a = ProxyTask.adapt(spec.get(), width);
            return new Resolved(ProxyTask.graph(a), "efficientnet adapted to 28x28x1, 10 classes: " + BlockString.formatList(a.blocks()));
        }
        LoadedModel lm = Models.load(m);
        Graph g = lm.training().orElse(lm.deployed());
        if (!fitsTask(g)) {
            throw new BadInputException("model '" + model + "' is not an EfficientNet and its graph does not take [1, 28, 28, 1] float input with 10 "
                    + "outputs; use small-cnn, an EfficientNet zoo name, a .blocks file or blocks:...");
        }
        if (width != 1.0) throw new BadInputException("--width-mult applies to small-cnn and EfficientNets only, not to '" + model + "'");
        return new Resolved(g, lm.training().isPresent() ? "training graph" : "float model");
    }

    private static boolean fitsTask(Graph g) {
        if (g.inputs().size() != 1) return false;
        var in = g.tensor(g.inputs().get(0));
        if (in.dtype() != DType.FLOAT32 || !in.shape().equals(Shape.of(1, 28, 28, 1))) return false;
        return g.tensor(g.outputs().get(0)).elements() == 10;
    }

    /** Progress on stderr: a bar on a terminal, otherwise one line per epoch. */
    private static final class Progress implements TrainListener, AutoCloseable {
        private final PrintWriter err;
        private final ProgressBar bar;

        Progress(PrintWriter err, long steps) {
            this.err = err;
            this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void onStep(int epoch, int step, double loss, double learningRate) {
            if (bar != null) {
                bar.stepTo(step + 1L);
                bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.3f", epoch, loss));
            }
        }

        @Override
        public void onEpoch(EpochResult r) {
            if (bar != null) return;
            err.printf(Locale.ROOT, "epoch %d: train loss %.4f acc %.4f, test loss %.4f acc %.4f, %.1f s (%.0f samples/s)%n", r.epoch(),
                    r.trainLoss(), r.trainAccuracy(), r.evalLoss(), r.evalAccuracy(), r.trainSeconds(), r.samplesPerSecond());
            err.flush();
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
