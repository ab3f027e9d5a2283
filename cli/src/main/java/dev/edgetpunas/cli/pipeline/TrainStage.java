package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.cli.ToolInfo;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.graph.GraphModel;
import dev.edgetpunas.training.graph.ProxyTask;
import dev.edgetpunas.training.graph.SavedModel;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.optim.EpochResult;
import dev.edgetpunas.training.optim.TrainConfig;
import dev.edgetpunas.training.optim.TrainListener;
import dev.edgetpunas.training.optim.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;

/**
 * Stage {@code train}: the Edge TPU winner adapted to Fashion-MNIST ({@code training.graph.ProxyTask}:
 * 28x28x1 input, 10 classes, early strides reduced, widths times {@code --train-width}) trained with
 * the graph executor on a seeded subset of the training images (SGD Nesterov 0.9, peak lr
 * {@value #LEARNING_RATE} after a warm-up of a fifth of the run, cosine to 0, weight decay 5e-4, BN
 * momentum {@value #BN_MOMENTUM}: a short run), evaluated after each epoch on the first test images, and
 * saved as a float {@code .tflite} with its sidecar. When the next step would end after the stage's
 * deadline, training stops there and the model is saved as it is.
 */
final class TrainStage {
    static final double LEARNING_RATE = 0.05;
    static final float BN_MOMENTUM = 0.9f;
    static final String FLOAT_TFLITE = "model/winner-float.tflite";

    private TrainStage() {}

    /** Thrown from the listener to stop at the deadline (the model keeps the weights of the last step). */
    private static final class Stop extends RuntimeException {
        Stop() {
            super("deadline", null, false, false);
        }
    }

    static StageOutcome run(Run r) {
        PipelineSettings s = r.settings;
        EdgeTpuSpace space = r.space();
        String genome = r.result(Stage.SEARCH_EDGETPU).path("search").path("best").path("genome").asText();
        EfficientNetSpec adapted = ProxyTask.adapt(space.spec(space.parse(genome)), s.trainWidth());
        Graph g = ProxyTask.graph(adapted.withName("edgetpu-winner-fashion-mnist"));
        FashionMnist fm = r.data();
        Dataset train = fm.train().sample(s.trainImages(), RandomGeneratorFactory.of(Trainer.RANDOM_ALGORITHM).create(s.seed()));
        Dataset test = fm.test().head(s.testImages());
        GraphModel net = GraphModel.initialise(g, RandomGeneratorFactory.of(Trainer.RANDOM_ALGORITHM).create(s.seed()), BN_MOMENTUM);
        double warmup = 0.2 * s.trainEpochs();
        TrainConfig cfg = TrainConfig.defaults().withEpochs(s.trainEpochs()).withBatchSize(s.trainBatch()).withSeed(s.seed())
                .withLearningRate(LEARNING_RATE, 0.0).withWarmupEpochs(warmup);
        int stepsPerEpoch = train.size() / s.trainBatch();
        long planned = (long) stepsPerEpoch * s.trainEpochs();
        List<EpochResult> epochs = new ArrayList<>();
        List<String> cuts = new ArrayList<>();
        int[] stepsRun = {0};
        double[] lastLoss = {Double.NaN};
        long t0 = System.nanoTime();
        try (StageProgress p = r.progress(planned, " steps"); Parallel par = Parallel.of(r.threads)) {
            TrainListener l = new TrainListener() {
                @Override
                public void onStep(int epoch, int step, double loss, double lr) {
                    stepsRun[0] = step + 1;
                    lastLoss[0] = loss;
                    p.stepTo(step + 1L, String.format(Locale.ROOT, "epoch %d loss %.3f", epoch, loss));
                    double perStep = (System.nanoTime() - t0) / 1e9 / (step + 1);
                    if (step + 1 < planned && r.deadline.wouldPass(perStep)) throw new Stop();
                }

                @Override
                public void onEpoch(EpochResult e) {
                    epochs.add(e);
                }
            };
            try {
                Trainer.train(net, train, test, cfg, par, l);
            } catch (Stop e) {
                cuts.add(String.format(Locale.ROOT, "train stopped at its share of the time budget after %d of %d steps (%.2f of %d epochs)",
                        stepsRun[0], planned, (double) stepsRun[0] / stepsPerEpoch, s.trainEpochs()));
            }
        }
        double trainS = (System.nanoTime() - t0) / 1e9;
        ObjectNode meta = Json.report();
        meta.put("model", "edgetpu-nas pipeline: the Edge TPU winner adapted to Fashion-MNIST");
        meta.put("genome", genome);
        meta.put("dataset", "fashion-mnist");
        meta.put("normalization", "unit_range");
        meta.put("input_transform", "pixel / 255");
        meta.put("width_mult", s.trainWidth());
        meta.put("epochs", s.trainEpochs());
        meta.put("steps_run", stepsRun[0]);
        meta.put("batch", s.trainBatch());
        meta.put("learning_rate", LEARNING_RATE);
        meta.put("seed", s.seed());
        meta.put("train_samples", train.size());
        meta.put("test_samples", test.size());
        if (!epochs.isEmpty()) meta.put("test_accuracy", epochs.get(epochs.size() - 1).evalAccuracy());
        ArrayNode names = meta.putArray("class_names");
        FashionMnist.CLASS_NAMES.forEach(names::add);
        SavedModel.save(net, r.dir.resolve(FLOAT_TFLITE), meta);

        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("tool_version", ToolInfo.VERSION);
        out.put("genome", genome);
        out.put("width_factor", s.trainWidth());
        ArrayNode blocks = out.putArray("adapted_blocks");
        adapted.blocks().forEach(b -> blocks.add(BlockString.format(b)));
        out.put("stem_filters", adapted.roundFilters(adapted.stemFilters()));
        out.put("head_filters", adapted.roundFilters(adapted.headFilters()));
        out.put("params", net.parameterCount());
        out.put("macs_per_image", g.macs());
        out.put("train_images", train.size());
        out.put("test_images", test.size());
        out.put("epochs_planned", s.trainEpochs());
        out.put("steps_planned", planned);
        out.put("steps_run", stepsRun[0]);
        out.put("batch", s.trainBatch());
        out.put("learning_rate", LEARNING_RATE);
        out.put("warmup_epochs", warmup);
        out.put("bn_momentum", BN_MOMENTUM);
        out.put("seed", s.seed());
        out.put("train_s", trainS);
        out.put("samples_per_s", stepsRun[0] * (double) s.trainBatch() / trainS);
        out.put("last_loss", lastLoss[0]);
        ArrayNode h = out.putArray("history");
        for (EpochResult e : epochs) {
            h.addObject().put("epoch", e.epoch()).put("train_loss", e.trainLoss()).put("train_accuracy", e.trainAccuracy())
                    .put("test_loss", e.evalLoss()).put("test_accuracy", e.evalAccuracy()).put("train_s", e.trainSeconds())
                    .put("samples_per_s", e.samplesPerSecond());
        }
        out.put("float_tflite", FLOAT_TFLITE);
        out.put("sidecar", "model/" + SavedModel.sidecarPath(r.dir.resolve(FLOAT_TFLITE)).getFileName());
        String line = String.format(Locale.ROOT, "%d of %d steps, %,d parameters, %.1f M MACs per image, %.0f samples/s%s", stepsRun[0], planned,
                net.parameterCount(), g.macs() / 1e6, stepsRun[0] * (double) s.trainBatch() / trainS,
                epochs.isEmpty() ? "" : String.format(Locale.ROOT, "; test accuracy %.4f", epochs.get(epochs.size() - 1).evalAccuracy()));
        return new StageOutcome(out, cuts, line);
    }
}
