package dev.edgetpunas.compiler.zoo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The names under which Coral publishes its measurements (the benchmark page's "Model architecture"
 * and input size, the models page, and the {@code .tflite} file names of Coral's benchmark references)
 * mapped to zoo specs ({@code name} or {@code name@SIZE}), so that measurement sets can name a zoo model.
 *
 * <pre>{@code
 * CoralNames.zooSpec("ResNet-50 V1 299x299");                  // Optional["resnet50-v1@299"]
 * CoralNames.zooSpec("mobilenet_v1_1.0_224_quant_edgetpu.tflite"); // Optional["mobilenet-v1"]
 * CoralNames.zooSpec("Inception v2");                           // empty: not in the zoo
 * }</pre>
 *
 * <p>Matching ignores case, repeated spaces, a directory, a {@code .tflite} suffix and an
 * {@code _edgetpu} suffix. The README's "Coral names" table is this list.
 */
public final class CoralNames {
    private CoralNames() {}

    /**
     * One published name.
     *
     * @param coralName the name as Coral writes it (page names with their input size where the page has one)
     * @param where where the name appears: {@code benchmarks}, {@code models} (coral.ai pages) or {@code file}
     * @param zooSpec the zoo spec, or empty if the zoo has no such model
     * @param note why the mapping is not one to one, or empty
     */
    public record Row(String coralName, String where, Optional<String> zooSpec, String note) {
        public Row {
            Objects.requireNonNull(coralName, "coralName");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(zooSpec, "zooSpec");
            Objects.requireNonNull(note, "note");
        }
    }

    private static Row row(String coral, String where, String zoo, String note) {
        return new Row(coral, where, Optional.ofNullable(zoo), note);
    }

    private static final String SSD_SIZE = "the page lists 224x224; Coral's files take 300x300";

    private static final List<Row> ROWS = List.of(
            row("EfficientNet-EdgeTpu-S 224x224", "benchmarks", "efficientnet-edgetpu-s", ""),
            row("EfficientNet-EdgeTpu-M 240x240", "benchmarks", "efficientnet-edgetpu-m", ""),
            row("EfficientNet-EdgeTpu-L 300x300", "benchmarks", "efficientnet-edgetpu-l", ""),
            row("DenseNet 224x224", "benchmarks", "densenet121", "Coral does not name the depth; 121 is the common Keras export"),
            row("Inception v1 224x224", "benchmarks", "inception-v1", ""),
            row("Inception v2 224x224", "benchmarks", null, "not in the zoo"),
            row("Inception v3 299x299", "benchmarks", "inception-v3", ""),
            row("Inception v4 299x299", "benchmarks", "inception-v4", ""),
            row("Inception-ResNet-v2 299x299", "benchmarks", "inception-resnet-v2", ""),
            row("MobileNet v1 224x224", "benchmarks", "mobilenet-v1", ""),
            row("MobileNet v2 224x224", "benchmarks", "mobilenet-v2", ""),
            row("MobileNet v1 SSD 224x224", "benchmarks", "ssd-mobilenet-v1", SSD_SIZE),
            row("MobileNet v2 SSD 224x224", "benchmarks", "ssd-mobilenet-v2", SSD_SIZE),
            row("ResNet-50 V1 299x299", "benchmarks", "resnet50-v1@299", ""),
            row("ResNet-50 V2 299x299", "benchmarks", "resnet50-v2@299", ""),
            row("ResNet-152 V2 299x299", "benchmarks", "resnet152-v2@299", ""),
            row("SqueezeNet 224x224", "benchmarks", "squeezenet", "version not named by Coral; 1.0 as the issue says"),
            row("VGG16 224x224", "benchmarks", "vgg16", ""),
            row("VGG19 224x224", "benchmarks", "vgg19", ""),
            row("UNet MobileNet v2 128x128", "benchmarks", "unet-mobilenet-v2", ""),
            row("DeepLab v3 (MobileNet v2) 513x513", "benchmarks", "deeplab-v3-mobilenet-v2", ""),
            row("Inception V1 224x224x3", "models", "inception-v1", ""),
            row("Inception V3 224x224x3", "models", "inception-v3@224", ""),
            row("Inception V3 299x299x3", "models", "inception-v3", ""),
            row("Inception V4 299x299x3", "models", "inception-v4", ""),
            row("MobileNet V1 0.25 128x128x3", "models", "mobilenet-v1-0.25", ""),
            row("MobileNet V1 0.5 160x160x3", "models", "mobilenet-v1-0.5", ""),
            row("MobileNet V1 0.75 192x192x3", "models", "mobilenet-v1-0.75", ""),
            row("MobileNet V1 1.0 224x224x3", "models", "mobilenet-v1", ""),
            row("MobileNet V2 1.0 224x224x3", "models", "mobilenet-v2", ""),
            row("inception_v1_224_quant.tflite", "file", "inception-v1", ""),
            row("inception_v3_299_quant.tflite", "file", "inception-v3", ""),
            row("inception_v4_299_quant.tflite", "file", "inception-v4", ""),
            row("mobilenet_v1_1.0_224_quant.tflite", "file", "mobilenet-v1", ""),
            row("mobilenet_v1_0.75_192_quant.tflite", "file", "mobilenet-v1-0.75", ""),
            row("mobilenet_v1_0.5_160_quant.tflite", "file", "mobilenet-v1-0.5", ""),
            row("mobilenet_v1_0.25_128_quant.tflite", "file", "mobilenet-v1-0.25", ""),
            row("mobilenet_v2_1.0_224_quant.tflite", "file", "mobilenet-v2", ""),
            row("mobilenet_v2_1.0_224_inat_bird_quant.tflite", "file", null, "MobileNet v2 with 965 bird classes: not in the zoo"),
            row("mobilenet_ssd_v1_coco_quant_postprocess.tflite", "file", "ssd-mobilenet-v1", ""),
            row("mobilenet_ssd_v2_coco_quant_postprocess.tflite", "file", "ssd-mobilenet-v2", ""),
            row("mobilenet_ssd_v2_face_quant_postprocess.tflite", "file", null, "face detector (other classes and size): not in the zoo"),
            row("deeplabv3_mnv2_pascal_quant.tflite", "file", "deeplab-v3-mobilenet-v2", ""),
            row("deeplabv3_mnv2_dm05_pascal_quant.tflite", "file", "deeplab-v3-mobilenet-v2-0.5", ""));

    /** Every known name, benchmark page first, then the models page, then file names. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * The zoo spec for a Coral name or file name; empty if the name is unknown or names a model the zoo
     * does not have. A page name matches with or without its input size when the name alone is unique.
     */
    public static Optional<String> zooSpec(String coralName) {
        String key = normalize(coralName);
        for (Row r : ROWS) {
            if (normalize(r.coralName()).equals(key)) return r.zooSpec();
        }
        Set<Optional<String>> specs = new LinkedHashSet<>();
        for (Row r : ROWS) {
            if (!r.where().equals("file") && withoutSize(normalize(r.coralName())).equals(key)) specs.add(r.zooSpec());
        }
        return specs.size() == 1 ? specs.iterator().next() : Optional.empty();
    }

    static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (slash >= 0) n = n.substring(slash + 1);
        if (n.endsWith(".tflite")) n = n.substring(0, n.length() - ".tflite".length());
        if (n.endsWith("_edgetpu")) n = n.substring(0, n.length() - "_edgetpu".length());
        return n;
    }

    private static String withoutSize(String n) {
        return n.replaceAll(" \\d+x\\d+(x\\d+)?$", "");
    }
}
