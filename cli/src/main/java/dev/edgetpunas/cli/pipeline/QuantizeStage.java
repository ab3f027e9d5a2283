package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.quant.ptq.ExecutorForward;
import dev.edgetpunas.quant.ptq.LabelledSample;
import dev.edgetpunas.quant.ptq.PostTrainingQuantizer;
import dev.edgetpunas.quant.ptq.PtqOptions;
import dev.edgetpunas.quant.ptq.QuantReport;
import dev.edgetpunas.quant.ptq.QuantizedModel;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.data.Normalization;
import dev.edgetpunas.training.graph.SavedModel;
import dev.edgetpunas.training.kernels.Parallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.random.RandomGeneratorFactory;

/**
 * Stage {@code quantize}: full-integer post-training quantization of the trained float model
 * ({@code quant.ptq}: per-channel int8 weights, per-tensor int8 activations from min/max calibration on
 * seeded training images, int8 input and output), float vs int8 top-1 on the first test images, per-layer
 * SQNR, the int8 {@code .tflite}, and a read-back check (the written file gives the in-memory model's int8
 * outputs). Evaluation stops early at the stage's deadline (after at least {@value #MIN_TEST} images).
 */
final class QuantizeStage {
    static final String INT8_TFLITE = "model/winner-int8.tflite";
    static final int MIN_TEST = 100;
    static final int READBACK = 50;

    private QuantizeStage() {}

    static StageOutcome run(Run r) {
        PipelineSettings s = r.settings;
        SavedModel.Loaded loaded = SavedModel.load(r.dir.resolve(TrainStage.FLOAT_TFLITE));
        Graph g = loaded.graph();
        FashionMnist fm = r.data();
        Dataset calib = fm.train().sample(s.calibrationImages(), RandomGeneratorFactory.of("L64X128MixRandom").create(s.seed()));
        Dataset test = fm.test().head(s.testImages());
        List<float[]> calibX = floats(calib);
        List<String> cuts = new ArrayList<>();
        int[] used = {0};
        QuantReport report;
        QuantizedModel qm;
        int identical = 0, readback;
        try (StageProgress p = r.progress(s.testImages(), " images"); Parallel par = Parallel.of(r.threads);
                Parallelism qpar = Parallelism.threads(r.threads)) {
            ExecutorForward forward = ExecutorForward.on(par);
            qm = new PostTrainingQuantizer(forward).quantize(g, PostTrainingQuantizer.singleInput(calibX), PtqOptions.defaults());
            p.stepTo(0, "calibrated on " + calibX.size());
            Iterable<LabelledSample> samples = () -> new Iterator<>() {
                private int i;
                private final float[] x = new float[test.imageSize()];
                private final int[] y = new int[1];

                @Override
                public boolean hasNext() {
                    return i < test.size() && (i < MIN_TEST || !r.deadline.passed());
                }

                @Override
                public LabelledSample next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    test.batch(null, i, 1, Normalization.UNIT_RANGE, x, y);
                    i++;
                    used[0] = i;
                    p.stepTo(i, null);
                    return LabelledSample.of(x.clone(), y[0]);
                }
            };
            report = QuantReport.evaluate(qm, forward, samples, qpar);
            if (used[0] < test.size()) {
                cuts.add(String.format(Locale.ROOT, "quantize measured float and int8 accuracy on %d of %d test images (the stage reached its share of "
                        + "the time budget)", used[0], test.size()));
            }
            TfliteWriter.write(qm.graph(), r.dir.resolve(INT8_TFLITE));
            Interpreter mem = Interpreter.prepare(qm.graph());
            Interpreter file = Interpreter.prepare(TfliteReader.read(r.dir.resolve(INT8_TFLITE)));
            readback = Math.min(READBACK, test.size());
            float[] x = new float[test.imageSize()];
            int[] y = new int[1];
            for (int i = 0; i < readback; i++) {
                test.batch(null, i, 1, Normalization.UNIT_RANGE, x, y);
                List<TensorValue> a = mem.run(List.of(TensorValue.quantizing(mem.inputTensor(0), x)), qpar);
                List<TensorValue> b = file.run(List.of(TensorValue.quantizing(file.inputTensor(0), x)), qpar);
                if (TensorValue.sameValues(a, b)) identical++;
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("dataset", "fashion-mnist (proxy task: 28x28x1, 10 classes; not ImageNet)");
        out.put("calibration", "min/max on " + calibX.size() + " seeded Fashion-MNIST training images (seed " + s.seed() + ")");
        out.put("calibration_images", calibX.size());
        out.put("test_images_planned", test.size());
        out.put("test_images", report.samples());
        out.put("float_accuracy", report.floatTop1());
        out.put("int8_accuracy", report.int8Top1());
        out.put("top1_drop", report.top1Drop());
        out.put("agreement", report.agreement());
        double[] sq = report.layers().stream().mapToDouble(QuantReport.LayerSqnr::sqnrDb).filter(Double::isFinite).sorted().toArray();
        if (sq.length > 0) {
            out.put("sqnr_min_db", sq[0]);
            out.put("sqnr_median_db", sq[sq.length / 2]);
            out.put("sqnr_max_db", sq[sq.length - 1]);
        }
        out.put("layers", report.layers().size());
        out.set("report", report.toJson());
        out.put("float_tflite", TrainStage.FLOAT_TFLITE);
        out.put("int8_tflite", INT8_TFLITE);
        try {
            out.put("float_bytes", Files.size(r.dir.resolve(TrainStage.FLOAT_TFLITE)));
            out.put("int8_bytes", Files.size(r.dir.resolve(INT8_TFLITE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.put("readback_samples", readback);
        out.put("readback_identical", identical);
        if (identical != readback) {
            throw new IllegalStateException("the written int8 model gave different outputs on " + (readback - identical) + " of " + readback + " samples");
        }
        String line = String.format(Locale.ROOT, "float %.4f, int8 %.4f on %d test images (drop %+.2f pp), %d bytes int8", report.floatTop1(),
                report.int8Top1(), report.samples(), 100 * report.top1Drop(), out.path("int8_bytes").asLong());
        return new StageOutcome(out, cuts, line);
    }

    private static List<float[]> floats(Dataset d) {
        List<float[]> out = new ArrayList<>(d.size());
        int[] y = new int[1];
        for (int i = 0; i < d.size(); i++) {
            float[] x = new float[d.imageSize()];
            d.batch(null, i, 1, Normalization.UNIT_RANGE, x, y);
            out.add(x);
        }
        return out;
    }

}
