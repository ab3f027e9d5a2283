package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.util.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code run MODEL.tflite --image FILE} on the real models and images of ../shared/data/tflite. */
class RunCommandTest {

    private static String data(String name) {
        assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        return SharedData.require("data/tflite/" + name).toString();
    }

    private static JsonNode runJson(String model, String image, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", data(model), "--image", data(image), "--labels", data("imagenet_labels.txt"), "--json"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    private static List<Integer> indices(JsonNode root) {
        List<Integer> out = new ArrayList<>();
        root.get("top").forEach(c -> out.add(c.get("index").asInt()));
        return out;
    }

    /** ImageNet (1001 classes, 0 = background) bird classes: cock..great grey owl, black grouse..toucan-ish, white stork..bustard-ish. */
    private static boolean isBird(int i) {
        return (i >= 8 && i <= 25) || (i >= 81 && i <= 101) || (i >= 128 && i <= 147);
    }

    private static final Set<Integer> FORMAL_WEAR = Set.of(653, 835, 401, 668, 907, 458); // uniform, suit, gown, mortarboard, Windsor tie, bow tie
    private static final List<String> MODELS = List.of("mobilenet_v1_0.25_128_quant.tflite", "mobilenet_v1_0.5_160_quant.tflite",
            "mobilenet_v2_1.0_224_quant.tflite");

    @Test
    void imagenetModelsSeeABirdADaisyAndAUniformedPerson() throws Exception {
        for (String m : MODELS) {
            List<Integer> bird = indices(runJson(m, "bird.bmp"));
            assertTrue(isBird(bird.get(0)), m + " bird.bmp top-1 " + bird);
            List<Integer> sunflower = indices(runJson(m, "sunflower.bmp"));
            assertEquals(986, sunflower.get(0), m + " sunflower.bmp top-1 is daisy (ImageNet has no sunflower class): " + sunflower);
            List<Integer> hopper = indices(runJson(m, "grace_hopper.bmp"));
            assertTrue(FORMAL_WEAR.contains(hopper.get(0)), m + " grace_hopper.bmp top-1 " + hopper);
            assertTrue(hopper.contains(653), m + " grace_hopper.bmp top-5 holds military uniform: " + hopper);
        }
    }

    @Test
    void jsonHasTheDocumentedKeysAndLabelledScoresInOrder() throws Exception {
        JsonNode root = runJson("mobilenet_v2_1.0_224_quant.tflite", "grace_hopper.bmp", "--top", "3");
        assertEquals(1, root.get("schema_version").asInt());
        assertEquals("mobilenet_v2_1.0_224_quant", root.get("model").asText());
        assertEquals("grace_hopper.bmp", root.get("image").asText());
        assertEquals(3, root.get("top").size());
        JsonNode first = root.get("top").get(0);
        assertEquals(653, first.get("index").asInt());
        assertEquals("military uniform", first.get("label").asText());
        double prev = 2;
        for (JsonNode c : root.get("top")) {
            double s = c.get("score").asDouble();
            assertTrue(s <= prev && s >= 0 && s <= 1, root.toString());
            assertEquals(0, Math.IEEEremainder(s * 256, 1), 1e-9, "uint8 softmax scores are multiples of 1/256");
            prev = s;
        }
    }

    @Test
    void threadCountAndTextModeDoNotChangeTheClasses() throws Exception {
        JsonNode one = runJson("mobilenet_v1_0.25_128_quant.tflite", "bird.bmp", "--threads", "1");
        JsonNode three = runJson("mobilenet_v1_0.25_128_quant.tflite", "bird.bmp", "--threads", "3");
        assertEquals(one, three);
        Cli.Result text = Cli.run("run", data("mobilenet_v1_0.25_128_quant.tflite"), "--image", data("bird.bmp"), "--labels",
                data("imagenet_labels.txt"), "--top", "2");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("mobilenet_v1_0.25_128_quant on bird.bmp (128x128, lanczos)"), text.out());
        assertTrue(text.out().contains("chickadee"), text.out());
        assertEquals(2, text.out().lines().filter(l -> l.matches("^\\s+\\d+\\s+\\d+\\s+0\\.\\d{5}.*")).count(), text.out());
    }

    @Test
    void resizeFilterIsSelectableAndWithoutLabelsTheLabelIsNull() throws Exception {
        Cli.Result r = Cli.run("run", data("mobilenet_v1_0.5_160_quant.tflite"), "--image", data("sunflower.bmp"), "--resize", "nearest", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals("nearest", root.get("resize").asText());
        assertTrue(root.get("top").get(0).get("label").isNull());
        assertEquals(986, root.get("top").get(0).get("index").asInt());
    }

    @Test
    void unsupportedModelsAndBadArgumentsFailWithOneLineAndExitCode2() {
        Cli.Result lstm = Cli.run("run", data("keras_lstm_mnist_ptq.tflite"), "--image", data("mnist_nine.bmp"));
        assertEquals(2, lstm.exitCode());
        assertEquals(List.of("edgetpu-nas: op 1 (UNIDIRECTIONAL_SEQUENCE_LSTM): LSTM is not supported by the integer interpreter"), lstm.errLines());
        Cli.Result compiled = Cli.run("run", data("mobilenet_v1_0.25_128_quant_edgetpu.tflite"), "--image", data("bird.bmp"));
        assertEquals(2, compiled.exitCode());
        assertEquals(1, compiled.errLines().size());
        assertTrue(compiled.err().contains("pass the CPU model"), compiled.err());
        Cli.Result top = Cli.run("run", data("mobilenet_v1_0.25_128_quant.tflite"), "--image", data("bird.bmp"), "--top", "0");
        assertEquals(2, top.exitCode());
        assertTrue(top.err().contains("--top must be >= 1, but was 0"), top.err());
        Cli.Result resize = Cli.run("run", data("mobilenet_v1_0.25_128_quant.tflite"), "--image", data("bird.bmp"), "--resize", "cubic");
        assertEquals(2, resize.exitCode());
        assertTrue(resize.err().contains("resize must be one of nearest, bilinear, lanczos"), resize.err());
        Cli.Result image = Cli.run("run", data("mobilenet_v1_0.25_128_quant.tflite"), "--image", "/nonexistent/x.png");
        assertEquals(2, image.exitCode());
        assertTrue(image.err().contains("no such image file"), image.err());
    }
}
