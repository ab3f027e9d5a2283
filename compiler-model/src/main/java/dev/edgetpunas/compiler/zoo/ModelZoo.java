package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The model zoo: every named model, registered explicitly here (no classpath scanning). Names are
 * lower case with an optional {@code @SIZE} input resolution; a bare name means the published size.
 *
 * <pre>{@code
 * Graph g = ModelZoo.build("efficientnet-edgetpu-s@256");   // training graph, 256x256 input
 * ModelZoo.entries();                                       // all models, in listing order
 * }</pre>
 */
public final class ModelZoo {
    private static final Map<String, ZooEntry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, EfficientNetSpec> SPECS = new LinkedHashMap<>();

    static {
        efficientNet(EfficientNetSpec.EDGETPU_S, "EfficientNet-EdgeTPU-S (tensorflow/tpu, ReLU, fused early stages)");
        efficientNet(EfficientNetSpec.EDGETPU_M, "EfficientNet-EdgeTPU-M (S scaled: width 1.0, depth 1.1, 240)");
        efficientNet(EfficientNetSpec.EDGETPU_L, "EfficientNet-EdgeTPU-L (S scaled: width 1.2, depth 1.4, 300)");
        efficientNet(EfficientNetSpec.B0, "EfficientNet-B0 (tensorflow/tpu, swish, SE 0.25)");
        double[][] b = {{1.0, 1.1, 240}, {1.1, 1.2, 260}, {1.2, 1.4, 300}, {1.4, 1.8, 380}, {1.6, 2.2, 456}, {1.8, 2.6, 528}, {2.0, 3.1, 600}};
        for (int i = 0; i < b.length; i++) {
            EfficientNetSpec s = EfficientNetSpec.B0.withName("efficientnet-b" + (i + 1)).withCoefficients(b[i][0], b[i][1], (int) b[i][2]);
            efficientNet(s, "EfficientNet-B" + (i + 1) + " (B0 scaled: width " + b[i][0] + ", depth " + b[i][1] + ", " + (int) b[i][2] + ")");
        }
        // Coral's benchmark networks; TF-slim exports have 1001 classes, Keras applications 1000
        model("mobilenet-v1", 224, "MobileNet v1 1.0 (TF-slim, 1001 classes)", r -> MobileNets.v1(1.0, r, 1001));
        model("mobilenet-v1-0.75", 192, "MobileNet v1 0.75 (TF-slim, 1001 classes)", r -> MobileNets.v1(0.75, r, 1001));
        model("mobilenet-v1-0.5", 160, "MobileNet v1 0.5 (TF-slim, 1001 classes)", r -> MobileNets.v1(0.5, r, 1001));
        model("mobilenet-v1-0.25", 128, "MobileNet v1 0.25 (TF-slim, 1001 classes)", r -> MobileNets.v1(0.25, r, 1001));
        model("mobilenet-v2", 224, "MobileNet v2 1.0 (TF-slim, 1001 classes)", r -> MobileNets.v2(1.0, r, 1001));
        model("inception-v1", 224, "Inception v1 / GoogLeNet (TF-slim, 1001 classes)", r -> Inceptions.v1(r, 1001));
        model("inception-v3", 299, "Inception v3 (TF-slim, 1001 classes, no aux head)", r -> Inceptions.v3(r, 1001));
        model("inception-v4", 299, "Inception v4 (TF-slim, 1001 classes, no aux head)", r -> Inceptions.v4(r, 1001));
        model("inception-resnet-v2", 299, "Inception-ResNet v2 (Keras, 1000 classes)", r -> Inceptions.inceptionResNetV2(r, 1000));
        model("resnet50-v1", 224, "ResNet-50 v1 (Keras, 1000 classes)", r -> ResNets.v1("resnet50-v1", new int[] {3, 4, 6, 3}, r, 1000));
        model("resnet50-v2", 224, "ResNet-50 v2, pre-activation (Keras, 1000 classes)",
                r -> ResNets.v2("resnet50-v2", new int[] {3, 4, 6, 3}, r, 1000));
        model("resnet152-v2", 224, "ResNet-152 v2, pre-activation (Keras, 1000 classes)",
                r -> ResNets.v2("resnet152-v2", new int[] {3, 8, 36, 3}, r, 1000));
        model("densenet121", 224, "DenseNet-121 (Keras, 1000 classes)", r -> DenseNet.build("densenet121", new int[] {6, 12, 24, 16}, r, 1000));
        model("squeezenet", 224, "SqueezeNet 1.0 (Caffe / torchvision layers, 1000 classes)", r -> SqueezeNet.v10(r, 1000));
        model("vgg16", 224, "VGG16 (Keras, 1000 classes)", r -> Vgg.build("vgg16", new int[] {2, 2, 3, 3, 3}, r, 1000));
        model("vgg19", 224, "VGG19 (Keras, 1000 classes)", r -> Vgg.build("vgg19", new int[] {2, 2, 4, 4, 4}, r, 1000));
        model("ssd-mobilenet-v1", 300, "SSD MobileNet v1 COCO (TF object detection API, 91 classes, TFLite_Detection_PostProcess)",
                r -> Ssd.mobilenetV1(r, 91));
        model("ssd-mobilenet-v2", 300, "SSD MobileNet v2 COCO (TF object detection API, 91 classes, TFLite_Detection_PostProcess)",
                r -> Ssd.mobilenetV2(r, 91));
        model("unet-mobilenet-v2", 128, "U-Net, Keras MobileNetV2 encoder + pix2pix decoder (TF segmentation tutorial, 3 classes)",
                r -> UNet.mobilenetV2(r, 3));
        model("deeplab-v3-mobilenet-v2", 513, "DeepLab v3, MobileNet v2 1.0, output stride 16, ASPP-lite (PASCAL, 21 classes)",
                r -> DeepLab.mobilenetV2(1.0, r, 21));
        model("deeplab-v3-mobilenet-v2-0.5", 513, "DeepLab v3, MobileNet v2 0.5 (Coral's deeplabv3_mnv2_dm05_pascal_quant)",
                r -> DeepLab.mobilenetV2(0.5, r, 21));
    }

    private static void model(String name, int resolution, String description, IntFunction<Graph> builder) {
        register(new ZooEntry(name, description, resolution, builder));
    }

    private ModelZoo() {}

    private static void efficientNet(EfficientNetSpec spec, String description) {
        SPECS.put(spec.name(), spec);
        register(new ZooEntry(spec.name(), description, spec.resolution(), r -> EfficientNet.build(spec.withResolution(r))));
    }

    /** Adds an entry (used by this class's registrations). */
    static synchronized void register(ZooEntry e) {
        if (ENTRIES.putIfAbsent(e.name(), e) != null) throw new IllegalStateException("zoo name registered twice: " + e.name());
    }

    /** All entries, in listing order. */
    public static List<ZooEntry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The entry named {@code name} (without {@code @SIZE}), if any. */
    public static Optional<ZooEntry> find(String name) {
        return Optional.ofNullable(ENTRIES.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The {@link EfficientNetSpec} of an EfficientNet-family zoo model ({@code name} or {@code name@SIZE},
     * the size applied as its resolution), or empty for other models and unknown names.
     */
    public static Optional<EfficientNetSpec> efficientNetSpec(String spec) {
        int at = spec.indexOf('@');
        String name = (at >= 0 ? spec.substring(0, at) : spec).toLowerCase(Locale.ROOT);
        EfficientNetSpec s = SPECS.get(name);
        if (s == null) return Optional.empty();
        if (at < 0) return Optional.of(s);
        String size = spec.substring(at + 1);
        try {
            return Optional.of(s.withResolution(Integer.parseInt(size)));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("model '" + spec + "': size after '@' must be a whole number, but was '" + size + "'");
        }
    }

    /** The entry named {@code name}; an error naming close matches if there is none. */
    public static ZooEntry entry(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'" + suggestion(name)
                + " (see 'edgetpu-nas models')"));
    }

    /** True if {@code spec} (optionally with {@code @SIZE}) names a zoo model. */
    public static boolean isZooName(String spec) {
        int at = spec.indexOf('@');
        return find(at >= 0 ? spec.substring(0, at) : spec).isPresent();
    }

    /** The training graph of {@code spec} ({@code name} or {@code name@SIZE}). */
    public static Graph build(String spec) {
        int at = spec.indexOf('@');
        String name = at >= 0 ? spec.substring(0, at) : spec;
        ZooEntry e = entry(name);
        int res = e.defaultResolution();
        if (at >= 0) {
            String size = spec.substring(at + 1);
            try {
                res = Integer.parseInt(size);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("model '" + spec + "': size after '@' must be a whole number, but was '" + size + "'");
            }
            if (res < 8 || res > 4096) {
                throw new IllegalArgumentException("model '" + spec + "': size must be in 8..4096, but was " + res);
            }
        }
        Graph g;
        try {
            g = e.build(res);
        } catch (IllegalArgumentException ex) {
            if (res == e.defaultResolution()) throw ex;
            throw new IllegalArgumentException("model '" + spec + "' cannot be built at size " + res + ": " + ex.getMessage(), ex);
        }
        return res == e.defaultResolution() ? g : g.withName(e.name() + "@" + res);
    }

    private static String suggestion(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(ENTRIES.keySet());
        Collections.sort(names, Comparator.comparingInt(c -> editDistance(n, c)));
        if (!names.isEmpty() && editDistance(n, names.get(0)) <= Math.max(2, n.length() / 3)) {
            return "; did you mean '" + names.get(0) + "'?";
        }
        return "";
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
