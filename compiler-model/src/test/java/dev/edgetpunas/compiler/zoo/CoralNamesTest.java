package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoralNamesTest {

    @Test
    void everyMappedNameBuildsAtTheSizeCoralUsed() {
        for (CoralNames.Row r : CoralNames.rows()) {
            if (r.zooSpec().isEmpty()) continue;
            String spec = r.zooSpec().get();
            assertTrue(ModelZoo.isZooName(spec), r.coralName() + " -> " + spec);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)x(\\d+)").matcher(r.coralName());
            if (m.find() && !r.coralName().contains("SSD")) {
                Graph g = ModelZoo.build(spec);
                assertEquals(Integer.parseInt(m.group(1)), g.tensor(g.inputs().get(0)).shape().h(), r.coralName() + " -> " + spec);
            }
        }
    }

    @Test
    void lookupIgnoresCaseSpacingSizeAndFileSuffixes() {
        assertEquals(Optional.of("resnet50-v1@299"), CoralNames.zooSpec("ResNet-50 V1 299x299"));
        assertEquals(Optional.of("resnet50-v1@299"), CoralNames.zooSpec("  resnet-50   v1 299x299 "));
        assertEquals(Optional.of("efficientnet-edgetpu-s"), CoralNames.zooSpec("EfficientNet-EdgeTpu-S"));
        assertEquals(Optional.of("mobilenet-v1"), CoralNames.zooSpec("models/mobilenet_v1_1.0_224_quant_edgetpu.tflite"));
        assertEquals(Optional.of("ssd-mobilenet-v2"), CoralNames.zooSpec("MobileNet v2 SSD"));
        assertEquals(Optional.empty(), CoralNames.zooSpec("Inception v2"), "listed by Coral, not in the zoo");
        assertEquals(Optional.empty(), CoralNames.zooSpec("Inception V3"), "ambiguous without a size: 224 or 299");
        assertEquals(Optional.of("inception-v3@224"), CoralNames.zooSpec("Inception V3 224x224x3"));
        assertEquals(Optional.empty(), CoralNames.zooSpec("no such model"));
    }

    @Test
    void namesInThePublishedMeasurementSetsAreAllMapped() {
        for (String n : new String[] {"Inception v1", "Inception v4", "MobileNet v1", "MobileNet v2", "MobileNet v1 SSD",
            "MobileNet v2 SSD", "SqueezeNet", "inception_v1_224_quant.tflite", "inception_v4_299_quant_edgetpu.tflite",
            "mobilenet_ssd_v1_coco_quant_postprocess_edgetpu.tflite", "mobilenet_v2_1.0_224_quant_edgetpu.tflite"}) {
            assertTrue(CoralNames.zooSpec(n).isPresent(), n);
        }
    }

    /** The README's "Coral names" table is {@link CoralNames#rows()}, row for row. */
    @Test
    void readmeTableListsEveryRow() throws IOException {
        Path readme = Path.of("README.md");
        assertTrue(Files.isRegularFile(readme), "tests run in the module directory");
        String text = Files.readString(readme);
        int at = text.indexOf("## Coral names");
        assertTrue(at >= 0, "README has a 'Coral names' section");
        Set<String> lines = new HashSet<>(text.substring(at).lines().toList());
        for (CoralNames.Row r : CoralNames.rows()) {
            String expected = "| " + r.coralName() + " | " + r.where() + " | " + r.zooSpec().map(s -> "`" + s + "`").orElse("-") + " | "
                    + r.note() + " |";
            assertTrue(lines.contains(expected), "README lacks the row: " + expected);
        }
    }
}
