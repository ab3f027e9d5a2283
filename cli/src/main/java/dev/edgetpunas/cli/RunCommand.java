package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.quant.classify.ClassScore;
import dev.edgetpunas.quant.classify.ImageClassifier;
import dev.edgetpunas.quant.classify.Labels;
import dev.edgetpunas.quant.image.Image8;
import dev.edgetpunas.quant.image.Images;
import dev.edgetpunas.quant.image.Resampler;
import dev.edgetpunas.quant.kernels.Parallelism;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas run MODEL.tflite --image FILE}: classifies an image with the integer interpreter
 * (TFLite's reference integer kernels), as Coral's {@code classify_image.py} does on the CPU model.
 *
 * <pre>{@code
 * ./edgetpu-nas run ../shared/data/tflite/mobilenet_v2_1.0_224_inat_bird_quant.tflite \
 *     --image ../shared/data/tflite/parrot.jpg --labels ../shared/data/tflite/inat_bird_labels.txt --top 3
 * }</pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify an image with a quantized (int8 or uint8) .tflite model on the integer interpreter.",
            "The image is resized to the model's input size and fed as raw pixels (uint8 input) or pixels - 128 (int8),",
            "as Coral's classify example does; prints the top-K classes with their dequantized scores."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.tflite", description = "A quantized CPU .tflite model (not an *_edgetpu.tflite).")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image (BMP, JPEG, PNG).")
    Path image;

    @Option(names = "--resize", paramLabel = "nearest|bilinear|lanczos", defaultValue = "lanczos",
            description = "Resampling filter, Pillow-exact (default: ${DEFAULT-VALUE}, as Coral's example).")
    String resize;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels: one per line, or 'N label' / 'N: label' lines (Coral's formats).")
    Path labels;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "How many classes to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "1", description = "Threads for the kernels; results never depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print JSON: {schema_version, tool_version, model, image, resize, top: [{index, label, score}]}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (top < 1) throw new BadInputException("--top must be >= 1, but was " + top);
        if (threads < 1) throw new BadInputException("--threads must be >= 1, but was " + threads);
        Resampler resampler = Resampler.parse(resize);
        if (!model.getFileName().toString().endsWith(TfliteReader.EXTENSION)) {
            throw new BadInputException("MODEL must be a .tflite file, but was " + model);
        }
        if (!Files.isRegularFile(image)) throw new BadInputException("no such image file: " + image);
        Optional<Labels> labelSet = Optional.empty();
        if (labels != null) {
            if (!Files.isRegularFile(labels)) throw new BadInputException("no such labels file: " + labels);
            labelSet = Optional.of(Labels.read(labels));
        }
        Graph g = TfliteReader.read(model);
        ImageClassifier classifier = ImageClassifier.of(g);
        Image8 img = Images.read(image, classifier.colourMode());
        long start = System.nanoTime();
        float[] scores;
        try (Parallelism p = Parallelism.threads(threads)) {
            scores = classifier.scores(img, resampler, p);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        List<ClassScore> best = ImageClassifier.top(scores, top, labelSet);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.report();
            root.put("model", g.name());
            root.put("image", image.getFileName().toString());
            root.put("resize", resampler.name().toLowerCase(Locale.ROOT));
            ArrayNode arr = root.putArray("top");
            for (ClassScore c : best) {
                ObjectNode o = arr.addObject();
                o.put("index", c.index());
                if (c.label().isPresent()) o.put("label", c.label().get());
                else o.putNull("label");
                o.put("score", c.score());
            }
            out.println(Json.pretty(root));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%dx%d, %s)%n%n", g.name(), image.getFileName(), classifier.inputWidth(),
                    classifier.inputHeight(), resampler.name().toLowerCase(Locale.ROOT));
            TextTable t = new TextTable("rank", "index", "score", "label").rightAlign(0, 1, 2);
            int rank = 1;
            for (ClassScore c : best) t.row(rank++, c.index(), String.format(Locale.ROOT, "%.5f", c.score()), c.label().orElse(""));
            out.print(t);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "inference: %.1f ms on %d thread%s (integer reference kernels)%n", ms, threads, threads == 1 ? "" : "s");
        err.flush();
        return 0;
    }
}
