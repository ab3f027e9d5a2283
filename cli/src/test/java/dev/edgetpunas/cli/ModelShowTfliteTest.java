package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model show FILE.tflite} on every real file of ../shared/data/tflite. */
class ModelShowTfliteTest {

    private static List<Path> realFiles() throws Exception {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        try (Stream<Path> s = Files.walk(SharedData.require("data/tflite"))) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
    }

    @Test
    void everyRealTfliteFilePrintsOneRowPerOp() throws Exception {
        List<Path> files = realFiles();
        assertEquals(14, files.size(), files.toString());
        for (Path f : files) {
            Cli.Result r = Cli.run("model", "show", f.toString());
            assertEquals(0, r.exitCode(), f + ": " + r.err());
            Graph g = TfliteReader.read(f);
            assertTrue(r.out().startsWith(g.name() + " (deployed graph): " + g.opCount() + " ops"), r.out());
            List<String> rows = r.out().lines().filter(l -> l.matches("^\\s*\\d+\\s+[A-Z_0-9]+\\s.*")).toList();
            assertEquals(g.opCount(), rows.size(), f + ":\n" + r.out());
            for (int i = 0; i < g.opCount(); i++) assertTrue(rows.get(i).contains(g.op(i).opName()), rows.get(i));
        }
    }

    @Test
    void compiledFileShowsTheEdgeTpuCustomOpWithItsOptionsSize() throws Exception {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Path f = SharedData.require("data/tflite/deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite");
        Cli.Result r = Cli.run("model", "show", f.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode layers = Json.MAPPER.readTree(r.out()).get("layers");
        assertEquals(9, layers.size());
        JsonNode tpu = layers.get(0);
        assertEquals("CUSTOM", tpu.get("op").asText());
        assertEquals("edgetpu-custom-op", tpu.get("custom_code").asText());
        assertEquals(966_740, tpu.get("custom_options_bytes").asInt());
        assertEquals("[[1,513,513,3]]", tpu.get("input_shapes").toString());
        assertEquals("[[1,33,33,256],[1,1,1,256]]", tpu.get("output_shapes").toString());
        assertEquals("ARG_MAX", layers.get(8).get("op").asText());
        assertEquals("[\"int64\"]", layers.get(8).get("output_types").toString());
        Cli.Result text = Cli.run("model", "show", f.toString());
        assertTrue(text.out().contains("edgetpu-custom-op (options 944.08KiB)"), text.out());
    }

    @Test
    void trainingGraphOfATfliteFileIsBadInput() throws Exception {
        Path f = realFiles().get(0);
        Cli.Result r = Cli.run("model", "show", f.toString(), "--training");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("has no training graph"), r.err());
    }

    @Test
    void brokenTfliteFileIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.tflite");
        byte[] real = Files.readAllBytes(realFiles().stream().filter(p -> p.toString().endsWith("keras_lstm_mnist_ptq.tflite")).findFirst().orElseThrow());
        Files.write(f, java.util.Arrays.copyOf(real, real.length / 3));
        Cli.Result r = Cli.run("model", "show", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(f + ": at offset "), r.err());
    }
}
