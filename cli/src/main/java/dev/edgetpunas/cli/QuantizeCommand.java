package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.quant.image.Image8;
import dev.edgetpunas.quant.image.Images;
import dev.edgetpunas.quant.image.Resampler;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.quant.ptq.ExecutorForward;
import dev.edgetpunas.quant.ptq.LabelledSample;
import dev.edgetpunas.quant.ptq.PostTrainingQuantizer;
import dev.edgetpunas.quant.ptq.PtqOptions;
import dev.edgetpunas.quant.ptq.QuantReport;
import dev.edgetpunas.quant.ptq.QuantizedModel;
import dev.edgetpunas.quant.ptq.TensorRange;
import dev.edgetpunas.quant.ptq.WeightRange;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.data.Normalization;
import dev.edgetpunas.training.graph.SavedModel;
import dev.edgetpunas.training.kernels.Parallel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas quantize FLOAT.tflite --calibration fashion-mnist[:N] | DIR --out INT8.tflite}: full-integer
 * post-training quantization (TFLite's int8 scheme), float vs int8 top-1 on the test set, per-layer SQNR,
 * ranges, export, and a read-back check that the written file gives identical int8 outputs.
 *
 * <pre>{@code
 * ./edgetpu-nas quantize runs/cnn.tflite --calibration fashion-mnist:1000 --out runs/cnn_int8.tflite --report runs/cnn_ptq
 * }</pre>
 */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Post-training int8 quantization of a float .tflite, TFLite's scheme: per-channel",
            "symmetric weights, per-tensor activations from calibration, int32 biases. Reports float",
            "vs int8 top-1 (Fashion-MNIST test set for 28x28x1 -> 10 models), per-layer SQNR and",
            "ranges; writes the int8 .tflite and checks that it reads back with identical outputs."})
public final class QuantizeCommand implements Callable<Integer> {
    private static final String FMNIST = "fashion-mnist";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLOAT.tflite", description = "A float32 .tflite (as 'train' writes it, or your own).")
    Path model;

    @Option(names = "--calibration", required = true, paramLabel = "fashion-mnist[:N]|DIR",
            description = "Representative inputs: N seeded Fashion-MNIST training images (default N 1000), or a directory of images "
                    + "(BMP/JPEG/PNG, resized bilinearly to the model's input).")
    String calibration;

    @Option(names = "--out", required = true, paramLabel = "INT8.tflite", description = "Where to write the int8 model.")
    Path out;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write report.json, sqnr.csv, activations.csv and weights.csv here.")
    Path reportDir;

    @Option(names = "--test-samples", paramLabel = "N", description = "Evaluate on the first N Fashion-MNIST test images (default: all 10,000).")
    Integer testSamples;

    @Option(names = "--readback-samples", paramLabel = "N", defaultValue = "500",
            description = "Samples on which the written file's int8 outputs are compared with the in-memory model's (default: ${DEFAULT-VALUE}).")
    int readbackSamples;

    @Option(names = "--percentile", paramLabel = "P", description = "Percentile calibration (clip activations at the P and 100-P percentiles) instead of min/max.")
    Double percentile;

    @Option(names = "--float-io", description = "Keep float input and output (QUANTIZE / DEQUANTIZE at the edges) instead of int8.")
    boolean floatIo;

    @Option(names = "--normalization", paramLabel = "unit_range|standardized",
            description = "How pixels become model inputs (default: the sidecar's 'normalization', else unit_range = pixel / 255).")
    String normalization;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the calibration sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the Fashion-MNIST .gz files (default: as 'train').")
    Path data;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "1", description = "Threads; results never depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print JSON: {schema_version, tool_version, model, float_top1, int8_top1, top1_drop, agreement, layers, "
            + "activations, weights, calibration, readback, ...}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) throw new BadInputException("--threads must be >= 1, but was " + threads);
        if (readbackSamples < 1) throw new BadInputException("--readback-samples must be >= 1, but was " + readbackSamples);
        if (!Files.isRegularFile(model)) throw new BadInputException("no such model file: " + model);
        if (!out.getFileName().toString().endsWith(TfliteReader.EXTENSION)) throw new BadInputException("--out must name a .tflite file, but was " + out);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        SavedModel.Loaded loaded = SavedModel.load(model);
        Graph g = loaded.graph();
        if (g.inputs().size() != 1) throw new BadInputException(model + ": quantize takes single-input models, but this one has " + g.inputs().size());
        Shape inShape = g.tensor(g.inputs().get(0)).shape();
        if (g.tensor(g.inputs().get(0)).dtype() != DType.FLOAT32) {
            throw new BadInputException(model + " is already quantized (input " + g.tensor(g.inputs().get(0)).dtype() + "); pass a float32 model");
        }
        if (inShape.rank() != 4 || inShape.dim(0) != 1) throw new BadInputException(model + ": input must be [1, H, W, C], but was " + inShape);
        Normalization norm = normalization(loaded.metadata());
        boolean fmnistModel = inShape.equals(Shape.of(1, 28, 28, 1)) && g.tensor(g.outputs().get(0)).elements() == 10;

        // calibration
        String calibrationSource;
        List<float[]> calib;
        FashionMnist fm = null;
        if (calibration.toLowerCase(Locale.ROOT).startsWith(FMNIST)) {
            int n = 1000;
            String rest = calibration.substring(FMNIST.length());
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new BadInputException("--calibration must be fashion-mnist[:N] or a directory, but was '" + calibration + "'");
                try {
                    n = Integer.parseInt(rest.substring(1));
                } catch (NumberFormatException e) {
                    throw new BadInputException("--calibration fashion-mnist:N needs a whole number N, but was '" + rest.substring(1) + "'");
                }
            }
            if (!fmnistModel) throw new BadInputException("--calibration fashion-mnist needs a model taking [1, 28, 28, 1] with 10 outputs, but " + model
                    + " takes " + inShape);
            fm = fashionMnist();
            if (n < 1 || n > fm.train().size()) throw new BadInputException("--calibration fashion-mnist:N needs N in [1, 60000], but was " + n);
            Dataset sample = fm.train().sample(n, RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
            calib = floats(sample, norm);
            calibrationSource = "fashion-mnist train, " + n + " seeded images (seed " + seed + ")";
        } else {
            Path dir = Path.of(calibration);
            if (!Files.isDirectory(dir)) throw new BadInputException("--calibration must be fashion-mnist[:N] or a directory of images, but '" + calibration
                    + "' is neither");
            calib = imagesFrom(dir, inShape, norm);
            calibrationSource = "directory " + dir + ", " + calib.size() + " images";
        }

        // test set: Fashion-MNIST test images with labels, or the calibration images (agreement only)
        List<LabelledSample> test = new ArrayList<>();
        String testSource;
        boolean labelled;
        if (fmnistModel) {
            if (fm == null) fm = fashionMnist();
            Dataset t = fm.test();
            int n = testSamples == null ? t.size() : testSamples;
            if (n < 1 || n > t.size()) throw new BadInputException("--test-samples must be in [1, " + t.size() + "], but was " + n);
            t = t.head(n);
            List<float[]> xs = floats(t, norm);
            for (int i = 0; i < n; i++) test.add(LabelledSample.of(xs.get(i), t.label(i)));
            testSource = "fashion-mnist test, first " + n;
            labelled = true;
        } else {
            for (float[] x : calib) test.add(LabelledSample.of(x, 0));
            testSource = "calibration images (no labels: agreement only)";
            labelled = false;
        }

        PtqOptions options = PtqOptions.defaults().withFloatEdges(floatIo, floatIo);
        if (percentile != null) options = options.withPercentile(percentile);
        QuantizedModel qm;
        QuantReport report;
        Parallel par = Parallel.of(threads);
        try (par; Parallelism qpar = Parallelism.threads(threads)) {
            ExecutorForward forward = ExecutorForward.on(par);
            err.printf(Locale.ROOT, "quantize: calibrating on %s...%n", calibrationSource);
            err.flush();
            qm = new PostTrainingQuantizer(forward).quantize(g, PostTrainingQuantizer.singleInput(calib), options);
            err.printf(Locale.ROOT, "quantize: evaluating float and int8 on %d samples (%s)...%n", test.size(), testSource);
            err.flush();
            report = QuantReport.evaluate(qm, forward, test, qpar);
            TfliteWriter.write(qm.graph(), out);
            // read back: the written file must give the same int8 outputs as the in-memory model
            Interpreter mem = Interpreter.prepare(qm.graph());
            Interpreter file = Interpreter.prepare(TfliteReader.read(out));
            int k = Math.min(readbackSamples, test.size());
            int identical = 0;
            for (int i = 0; i < k; i++) {
                float[] x = test.get(i).inputs().get(0);
                List<TensorValue> a = mem.run(List.of(TensorValue.quantizing(mem.inputTensor(0), x)), qpar);
                List<TensorValue> b = file.run(List.of(TensorValue.quantizing(file.inputTensor(0), x)), qpar);
                if (TensorValue.sameValues(a, b)) identical++;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            ObjectNode root = Json.report();
            root.put("model", model.toString());
            root.put("out", out.toString());
            root.put("float_bytes", Files.size(model));
            root.put("int8_bytes", Files.size(out));
            root.put("seed", seed);
            root.put("threads", threads);
            root.put("normalization", norm.name().toLowerCase(Locale.ROOT));
            ObjectNode c = root.putObject("calibration");
            c.put("source", calibrationSource);
            c.put("samples", qm.calibrationSamples());
            c.put("method", percentile == null ? "min_max" : "percentile");
            if (percentile != null) c.put("percentile", percentile);
            root.put("test_set", testSource);
            root.put("labelled", labelled);
            ObjectNode body = report.toJson();
            if (!labelled) {
                body.putNull("float_top1");
                body.putNull("int8_top1");
                body.putNull("top1_drop");
            }
            root.setAll(body);
            ObjectNode rb = root.putObject("readback");
            rb.put("samples", k);
            rb.put("identical_samples", identical);
            rb.put("identical", identical == k);
            root.put("float_io", floatIo);
            root.put("wall_s", wall);
            if (reportDir != null) writeReport(reportDir, root, report);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.pretty(root));
            } else {
                printText(o, report, labelled, k, identical, wall, testSource);
            }
            o.flush();
            if (identical != k) {
                err.printf(Locale.ROOT, "quantize: the written file gave different int8 outputs on %d of %d samples%n", k - identical, k);
                err.flush();
                return Main.EXIT_INTERNAL;
            }
        }
        return 0;
    }

    private FashionMnist fashionMnist() {
        return FashionMnist.load(FashionMnist.locate(data).orElseThrow(() -> new BadInputException(FashionMnist.HOW_TO_GET)));
    }

    private Normalization normalization(Optional<ObjectNode> meta) {
        String n = normalization != null ? normalization : meta.map(m -> m.path("normalization").asText("unit_range")).orElse("unit_range");
        switch (n.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "unit_range":
                return Normalization.UNIT_RANGE;
            case "standardized":
                return Normalization.STANDARDIZED;
            default:
                throw new BadInputException("normalization must be unit_range or standardized, but was '" + n + "'");
        }
    }

    private static List<float[]> floats(Dataset d, Normalization norm) {
        List<float[]> out = new ArrayList<>(d.size());
        int[] y = new int[1];
        for (int i = 0; i < d.size(); i++) {
            float[] x = new float[d.imageSize()];
            d.batch(null, i, 1, norm, x, y);
            out.add(x);
        }
        return out;
    }

    private static List<float[]> imagesFrom(Path dir, Shape in, Normalization norm) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp"));
            }).sorted().toList();
        }
        if (files.isEmpty()) throw new BadInputException("calibration directory " + dir + " has no .png, .jpg, .jpeg or .bmp images");
        int h = in.dim(1), w = in.dim(2), c = in.dim(3);
        if (c != 1 && c != 3) throw new BadInputException("image calibration needs a model with 1 or 3 input channels, but it has " + c);
        List<float[]> out = new ArrayList<>();
        for (Path f : files) {
            Image8 img = Resampler.BILINEAR.resize(Images.read(f, c == 1 ? Images.Mode.GREY : Images.Mode.RGB), w, h);
            byte[] px = img.pixels();
            float[] x = new float[px.length];
            for (int i = 0; i < px.length; i++) x[i] = norm.apply(px[i] & 0xFF);
            out.add(x);
        }
        return out;
    }


    private void printText(PrintWriter o, QuantReport r, boolean labelled, int k, int identical, double wall, String testSource) {
        o.printf(Locale.ROOT, "%s -> %s (int8%s)%n%n", model.getFileName(), out, floatIo ? ", float input/output" : "");
        if (labelled) {
            o.printf(Locale.ROOT, "top-1 on %s: float %.4f, int8 %.4f, drop %+.2f percentage points; agreement %.4f%n", testSource, r.floatTop1(),
                    r.int8Top1(), 100 * r.top1Drop(), r.agreement());
        } else {
            o.printf(Locale.ROOT, "float vs int8 top-1 agreement on %d calibration images: %.4f (no labels)%n", r.samples(), r.agreement());
        }
        o.println();
        TextTable t = new TextTable("op", "kind", "tensor", "sqnr_db").rightAlign(0, 3);
        for (QuantReport.LayerSqnr l : r.layers()) {
            t.row(l.opIndex(), l.op(), l.tensor(), Double.isFinite(l.sqnrDb()) ? String.format(Locale.ROOT, "%.1f", l.sqnrDb()) : "inf");
        }
        o.print(t);
        o.println();
        TextTable w = new TextTable("weights", "op", "channels", "min", "max", "zero_channels").rightAlign(2, 3, 4, 5);
        for (WeightRange x : r.weights()) {
            w.row(x.name(), x.op(), x.channels(), String.format(Locale.ROOT, "%.4f", x.min()), String.format(Locale.ROOT, "%.4f", x.max()), x.zeroChannels());
        }
        o.print(w);
        o.printf(Locale.ROOT, "%nwrote %s; read back: %s int8 outputs on %d of %d samples; %.1f s%n", out, identical == k ? "identical" : "DIFFERENT",
                identical, k, wall);
    }

    private static void writeReport(Path dir, ObjectNode root, QuantReport r) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("report.json"), Json.pretty(root) + "\n");
        StringBuilder s = new StringBuilder("op_index,op,tensor,sqnr_db\n");
        for (QuantReport.LayerSqnr l : r.layers()) {
            s.append(l.opIndex()).append(',').append(l.op()).append(',').append(csv(l.tensor())).append(',')
                    .append(Double.isFinite(l.sqnrDb()) ? String.format(Locale.ROOT, "%.3f", l.sqnrDb()) : "").append('\n');
        }
        AtomicFiles.writeString(dir.resolve("sqnr.csv"), s.toString());
        StringBuilder a = new StringBuilder("tensor,min,max,scale,zero_point,source\n");
        for (TensorRange x : r.activations()) {
            a.append(csv(x.name())).append(',').append(x.min()).append(',').append(x.max()).append(',').append(x.scale()).append(',')
                    .append(x.zeroPoint()).append(',').append(x.source().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("activations.csv"), a.toString());
        StringBuilder w = new StringBuilder("tensor,op,channels,min,max,min_scale,max_scale,zero_channels\n");
        for (WeightRange x : r.weights()) {
            w.append(csv(x.name())).append(',').append(x.op()).append(',').append(x.channels()).append(',').append(x.min()).append(',').append(x.max())
                    .append(',').append(x.minScale()).append(',').append(x.maxScale()).append(',').append(x.zeroChannels()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("weights.csv"), w.toString());
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
