package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgetpunas.training.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainQuantizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assumeData() {
        assumeTrue(FashionMnist.locate(null).isPresent(), FashionMnist.HOW_TO_GET);
    }

    @Test
    void trainWritesAFloatModelAndSidecarThatQuantizeTurnsIntoAnInt8ModelReadBackIdentically(@TempDir Path dir) throws Exception {
        assumeData();
        Path model = dir.resolve("cnn.tflite");
        Cli.Result t = Cli.run("train", "small-cnn", "--dataset", "fashion-mnist", "--width-mult", "0.25", "--epochs", "1", "--train-samples", "1280",
                "--test-samples", "300", "--batch", "32", "--threads", "2", "--seed", "3", "--out", model.toString(), "--json");
        assertEquals(0, t.exitCode(), t.err());
        JsonNode r = JSON.readTree(t.out());
        for (String k : new String[] {"schema_version", "tool_version", "test_accuracy", "train_loss", "epochs", "wall_s", "samples_per_s", "seed"}) {
            assertTrue(r.has(k), "missing " + k + " in " + t.out());
        }
        assertEquals(1, r.get("epochs").asInt());
        assertTrue(r.get("test_accuracy").asDouble() > 0.3, "1 short epoch beats chance (0.1): " + r.get("test_accuracy"));
        assertTrue(Files.isRegularFile(model));
        JsonNode side = JSON.readTree(dir.resolve("cnn.json").toFile());
        assertEquals("fashion-mnist", side.get("dataset").asText());
        assertEquals(r.get("test_accuracy").asDouble(), side.get("test_accuracy").asDouble());
        assertTrue(t.err().contains("epoch 1:"), t.err());

        Path q = dir.resolve("cnn_int8.tflite");
        Path rep = dir.resolve("report");
        Cli.Result qr = Cli.run("quantize", model.toString(), "--calibration", "fashion-mnist:64", "--test-samples", "200", "--readback-samples", "20",
                "--out", q.toString(), "--report", rep.toString(), "--threads", "2", "--json");
        assertEquals(0, qr.exitCode(), qr.err());
        JsonNode j = JSON.readTree(qr.out());
        assertEquals(200, j.get("samples").asInt());
        assertTrue(j.get("readback").get("identical").asBoolean());
        assertTrue(Math.abs(j.get("top1_drop").asDouble()) < 0.05, "int8 close to float: " + j.get("top1_drop"));
        assertTrue(j.get("layers").size() >= 5);
        assertTrue(Files.isRegularFile(q));
        for (String f : new String[] {"report.json", "sqnr.csv", "activations.csv", "weights.csv"}) assertTrue(Files.isRegularFile(rep.resolve(f)), f);

        Cli.Result text = Cli.run("quantize", model.toString(), "--calibration", "fashion-mnist:16", "--test-samples", "50", "--readback-samples", "5",
                "--out", dir.resolve("again.tflite").toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("sqnr_db") && text.out().contains("identical int8 outputs on 5 of 5"), text.out());
    }

    @Test
    void trainRejectsOtherDatasetsAndModelsThatDoNotFitTheTask(@TempDir Path dir) {
        String out = dir.resolve("x.tflite").toString();
        Cli.Result a = Cli.run("train", "small-cnn", "--dataset", "cifar10", "--out", out);
        assertEquals(2, a.exitCode());
        assertTrue(a.err().contains("--dataset must be fashion-mnist"), a.err());
        Cli.Result b = Cli.run("train", "mobilenet-v1", "--out", out);
        assertEquals(2, b.exitCode());
        assertTrue(b.err().contains("does not take [1, 28, 28, 1]"), b.err());
        Cli.Result c = Cli.run("train", "small-cnn", "--out", dir.resolve("x.onnx").toString());
        assertEquals(2, c.exitCode());
    }

    @Test
    void efficientNetsAreAdaptedToTheTask() {
        TrainCommand.Resolved r = TrainCommand.resolve("efficientnet-edgetpu-s", 0.25);
        assertEquals(dev.edgetpunas.compiler.graph.Shape.of(1, 28, 28, 1), r.graph().tensor(r.graph().inputs().get(0)).shape());
        assertEquals(10, r.graph().tensor(r.graph().outputs().get(0)).elements());
        // 28 -> stem 14 -> 7 -> 4 -> 2: the first stride goes, the feature map before the head stays 4x4
        TrainCommand.Resolved b = TrainCommand.resolve("blocks:r1_k3_s22_e1_i16_o16,r1_k3_s22_e4_i16_o24,r1_k3_s22_e4_i24_o32", 1.0);
        assertTrue(b.kind().contains("r1_k3_s11_e1_i16_o16, r1_k3_s22_e4_i16_o24, r1_k3_s22_e4_i24_o32"), b.kind());
    }

    @Test
    void quantizeRejectsMissingFilesAndQuantizedModels(@TempDir Path dir) {
        Cli.Result a = Cli.run("quantize", dir.resolve("none.tflite").toString(), "--calibration", "fashion-mnist", "--out", dir.resolve("o.tflite").toString());
        assertEquals(2, a.exitCode());
        assertTrue(a.err().contains("no such model file"), a.err());
        assumeTrue(dev.edgetpunas.compiler.util.SharedData.root().isPresent(), dev.edgetpunas.compiler.util.SharedData.MISSING);
        Path quant = dev.edgetpunas.compiler.util.SharedData.find("data/tflite/mobilenet_v1_0.25_128_quant.tflite").orElseThrow();
        Cli.Result b = Cli.run("quantize", quant.toString(), "--calibration", dir.toString(), "--out", dir.resolve("o.tflite").toString());
        assertEquals(2, b.exitCode());
        assertTrue(b.err().contains("already quantized"), b.err());
    }
}
