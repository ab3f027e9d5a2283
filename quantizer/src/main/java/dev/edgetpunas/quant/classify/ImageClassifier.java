package dev.edgetpunas.quant.classify;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.quant.image.Image8;
import dev.edgetpunas.quant.image.Images;
import dev.edgetpunas.quant.image.InputTensors;
import dev.edgetpunas.quant.image.Resampler;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Classifies an image with a quantized image classifier as Coral's {@code classify_image.py} does: the
 * model takes one image {@code [1, H, W, 3]} (RGB), {@code [1, H, W, 1]} or {@code [1, H, W]} (grey); the
 * image is resized to the model's input size (Lanczos by default, Pillow-exact) and fed as raw pixels
 * (uint8 input), pixels minus 128 (int8 input, the same real values for an int8 zero point 128 below
 * the uint8 one), or, for a float input followed by QUANTIZE, the real values that QUANTIZE maps back
 * to the raw pixels. This assumes, like Coral's example, that the input's quantization maps raw pixels
 * to the values the model was trained on (true of Coral's models: scale 1/128, zero point 128, i.e.
 * {@code (p - 128) / 128}). The scores are output 0, dequantized; the top K are sorted by score, ties
 * by index.
 *
 * <pre>{@code
 * ImageClassifier c = ImageClassifier.of(TfliteReader.read(Path.of("mobilenet_v2_1.0_224_inat_bird_quant.tflite")));
 * Image8 img = Images.read(Path.of("parrot.jpg"), c.colourMode());
 * List<ClassScore> top = c.classify(img, Resampler.LANCZOS, 5, Parallelism.serial());
 * top.get(0).index();   // 923, "Ara macao (Scarlet Macaw)" in inat_bird_labels.txt
 * }</pre>
 */
public final class ImageClassifier {
    private final Interpreter interpreter;
    private final Tensor input;
    private final int height, width, channels, classes;
    private final QType quantizedType; // type of the input, or of the QUANTIZE after a float input
    private final PerTensor floatFeedParams; // non-null for float inputs

    private ImageClassifier(Graph graph) {
        if (graph.inputs().size() != 1) {
            throw new IllegalArgumentException("an image classifier has 1 input, but graph '" + graph.name() + "' has " + graph.inputs().size());
        }
        if (graph.outputs().isEmpty()) throw new IllegalArgumentException("graph '" + graph.name() + "' has no outputs");
        interpreter = Interpreter.prepare(graph);
        input = graph.tensor(graph.inputs().get(0));
        int[] s = input.shape().toArray();
        if (s.length < 3 || s.length > 4 || s[0] != 1 || (s.length == 4 && s[3] != 1 && s[3] != 3)) {
            throw new IllegalArgumentException("input '" + input.name() + "' must be an image [1, H, W, 1 or 3] or [1, H, W], but has shape " + input.shape());
        }
        height = s[1];
        width = s[2];
        channels = s.length == 4 ? s[3] : 1;
        Tensor out = graph.tensor(graph.outputs().get(0));
        if (out.shape().nonUnitDims() > 1 || out.elements() < 1) {
            throw new IllegalArgumentException("output '" + out.name() + "' has shape " + out.shape() + ": not a vector of class scores");
        }
        classes = (int) out.elements();
        if (input.dtype().isQuantized8()) {
            quantizedType = TensorValue.qtype(input.dtype());
            floatFeedParams = null;
        } else if (input.dtype() == DType.FLOAT32) {
            int t = graph.inputs().get(0);
            int[] readers = graph.consumers(t);
            Tensor q = null;
            for (int op : readers) if (graph.op(op).kind() == OpKind.QUANTIZE) q = graph.tensor(graph.op(op).output());
            if (q == null || readers.length != 1) {
                throw new IllegalArgumentException("float input '" + input.name() + "' is not read by exactly one QUANTIZE op, so the pixel scaling is unknown");
            }
            quantizedType = TensorValue.qtype(q.dtype());
            QuantParams p = TensorValue.params(q).orElseThrow(() -> new IllegalArgumentException("QUANTIZE output has no quantization parameters"));
            if (!(p instanceof PerTensor pt)) throw new IllegalArgumentException("QUANTIZE output must be quantized per tensor");
            floatFeedParams = pt;
        } else {
            throw new IllegalArgumentException("input '" + input.name() + "' is " + input.dtype() + "; image inputs are UINT8, INT8 or FLOAT32");
        }
    }

    /** Prepares the classifier; throws if the graph is not a one-input image classifier the interpreter can run. */
    public static ImageClassifier of(Graph graph) {
        return new ImageClassifier(graph);
    }

    /** The interpreter (for running other inputs). */
    public Interpreter interpreter() {
        return interpreter;
    }

    public int inputHeight() {
        return height;
    }

    public int inputWidth() {
        return width;
    }

    public int inputChannels() {
        return channels;
    }

    /** Number of classes (elements of output 0). */
    public int classes() {
        return classes;
    }

    /** RGB for three-channel inputs, grey for one. */
    public Images.Mode colourMode() {
        return channels == 3 ? Images.Mode.RGB : Images.Mode.GREY;
    }

    /** The model input for an image: resized with {@code resampler} if its size differs, then converted. */
    public TensorValue inputFor(Image8 image, Resampler resampler) {
        if (image.channels() != channels) {
            throw new IllegalArgumentException("the model takes " + channels + "-channel images, but the image has " + image.channels());
        }
        Image8 img = resampler.resize(image, width, height);
        if (floatFeedParams != null) return TensorValue.quantizing(input, InputTensors.floats(img, floatFeedParams, quantizedType));
        return TensorValue.ofRaw(input, InputTensors.quantized(img, quantizedType));
    }

    /** The dequantized scores of output 0. */
    public float[] scores(Image8 image, Resampler resampler, Parallelism parallelism) {
        return interpreter.run(List.of(inputFor(image, resampler)), parallelism).get(0).dequantized();
    }

    /** The top {@code k} classes, without labels. */
    public List<ClassScore> classify(Image8 image, Resampler resampler, int k, Parallelism parallelism) {
        return top(scores(image, resampler, parallelism), k, Optional.empty());
    }

    /** The top {@code k} classes with their labels. */
    public List<ClassScore> classify(Image8 image, Resampler resampler, Labels labels, int k, Parallelism parallelism) {
        return top(scores(image, resampler, parallelism), k, Optional.of(labels));
    }

    /** The {@code k} highest scores (all if fewer), highest first, ties by lower index. */
    public static List<ClassScore> top(float[] scores, int k, Optional<Labels> labels) {
        if (k < 1) throw new IllegalArgumentException("top must be >= 1, but was " + k);
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        List<ClassScore> out = new ArrayList<>();
        for (int j = 0; j < Math.min(k, idx.length); j++) {
            int i = idx[j];
            out.add(new ClassScore(i, labels.flatMap(l -> l.label(i)), scores[i]));
        }
        return List.copyOf(out);
    }
}
