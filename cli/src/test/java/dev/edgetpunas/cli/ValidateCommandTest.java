package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void jsonOfTheBuiltInSetHasTheSummaryAndRowKeysOtherToolsRelyOn() throws IOException {
        Cli.Result r = Cli.run("validate", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals("built-in", root.get("measurement_set").asText());
        JsonNode summary = root.get("summary");
        for (String k : List.of("n", "mape_pct", "within10", "within20", "spearman", "kendall")) assertTrue(summary.has(k), k);
        int n = summary.get("n").asInt();
        assertEquals(n, root.get("rows").size());
        JsonNode usb = summary.get("by_profile").get("edgetpu-usb3-max");
        assertTrue(usb.get("n").asInt() >= 20, usb.toString());
        assertTrue(summary.get("by_profile").has("edgetpu-rpi4-usb3/cpu"));
        int sum = 0;
        for (JsonNode g : summary.get("by_profile")) sum += g.get("n").asInt();
        assertEquals(n, sum, "every row is in exactly one profile group");
        JsonNode row = root.get("rows").get(0);
        for (String k : List.of("model", "profile", "measured_ms", "predicted_ms", "error_pct", "source")) assertTrue(row.has(k), k);
        double m = row.get("measured_ms").asDouble(), p = row.get("predicted_ms").asDouble();
        assertEquals(100 * (p - m) / m, row.get("error_pct").asDouble(), 1e-9);
        assertTrue(root.get("schema_version").isInt());
    }

    @Test
    void outWritesTheScatterPlotAsPngAndSvgAndTheMarkdownTable(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, """
                model,profile,latency_ms,source
                mobilenet-v1,edgetpu-usb3-max,2.17,https://example.org/a
                squeezenet,edgetpu-usb3-max,2.1,https://example.org/b
                mobilenet-v1-0.25,edgetpu-usb3-max,0.9,https://example.org/c
                """);
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("validate", "--measurements", csv.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        byte[] png = Files.readAllBytes(out.resolve("validation.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(out.resolve("validation.svg")).contains("<svg"));
        String md = Files.readString(out.resolve("validation.md"));
        assertTrue(md.contains("| edgetpu-usb3-max | 3 |"), md);
        assertTrue(md.contains("| mobilenet-v1 | warm | 2.170 |"), md);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("all\\s+3\\s.*")), r.out());
        try (var files = Files.list(out)) {
            assertEquals(3, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void aBadCsvIsBadInputWithTheLineNumber(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "model,profile,latency_ms,source\nmobilenet-v1,edgetpu-usb3-max,-1,s\n");
        Cli.Result r = Cli.run("validate", "--measurements", csv.toString());
        assertEquals(2, r.exitCode());
        assertEquals(List.of("edgetpu-nas: " + csv + ":2: latency_ms must be a finite number > 0, but was -1"), r.errLines());
    }

    @Test
    void aCoralReferenceTraceIsValidatedOnTheProfileItNames(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("basic_engine_rp4b.csv");
        Files.writeString(trace, """
                MODEL INFERENCE_TIME
                mobilenet_v1_1.0_224_quant.tflite 125.966
                mobilenet_v1_1.0_224_quant_edgetpu.tflite 4.204
                mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite 9.305
                """);
        Cli.Result r = Cli.run("validate", "--measurements", trace.toString(), "--profile", "edgetpu-rpi4-usb3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals(2, root.get("summary").get("n").asInt());
        assertEquals("edgetpu-rpi4-usb3/cpu", root.get("rows").get(0).get("profile").asText());
        assertEquals("edgetpu-rpi4-usb3", root.get("rows").get(1).get("profile").asText());
        assertEquals(1, root.get("skipped").size());
        Cli.Result noProfile = Cli.run("validate", "--measurements", trace.toString());
        assertEquals(2, noProfile.exitCode());
        assertTrue(noProfile.err().contains("does not say which device it was taken on: name it with --profile"), noProfile.err());
    }
}
