package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.Models;
import dev.edgetpunas.scaling.CompoundScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleCommandTest {

    private static JsonNode json(Cli.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void publishedTableJsonCarriesTheKeysOtherToolsReadFor() throws Exception {
        JsonNode j = json(Cli.run("scale", "efficientnet-edgetpu-s", "--published", "edgetpu", "--json"));
        assertEquals("published", j.get("mode").asText());
        assertEquals("edgetpu-usb3-max", j.get("profile").asText());
        assertTrue(j.get("alpha").isNull() && j.get("beta").isNull() && j.get("gamma").isNull());
        JsonNode ms = j.get("members");
        assertEquals(3, ms.size());
        for (String key : List.of("phi", "depth_coefficient", "width_coefficient", "resolution", "macs", "params", "latency_ms",
                "onchip_used_bytes", "offchip_streamed_bytes", "blocks")) {
            assertTrue(ms.get(0).has(key), key);
        }
        JsonNode l = ms.get(2);
        assertEquals("efficientnet-edgetpu-l", l.get("published_variant").asText());
        assertEquals(300, l.get("resolution").asInt());
        assertEquals(1.4, l.get("depth_coefficient").asDouble(), 1e-12);
        assertEquals("r2_k3_s11_e4_i32_o32_c1_noskip", l.get("blocks").get(0).asText());
        assertEquals(1536, l.get("head_filters").asInt());
        assertTrue(ms.get(0).get("latency_ms").asDouble() < l.get("latency_ms").asDouble());
    }

    @Test
    void targetsGiveOneMemberEachThatMeetsItOrSaysWhyNot() throws Exception {
        JsonNode j = json(Cli.run("scale", "efficientnet-edgetpu-s@128", "--targets", "1.5x,4", "--json"));
        assertEquals("targets", j.get("mode").asText());
        assertEquals(1.2, j.get("alpha").asDouble());
        assertEquals(1.15, j.get("gamma").asDouble());
        double base = j.get("base").get("latency_ms").asDouble();
        JsonNode ms = j.get("members");
        assertEquals(2, ms.size());
        assertEquals(1.5 * base, ms.get(0).get("target_ms").asDouble(), 1e-9);
        assertEquals(4.0, ms.get(1).get("target_ms").asDouble(), 1e-12);
        for (JsonNode m : ms) {
            double t = m.get("target_ms").asDouble(), lat = m.get("latency_ms").asDouble();
            assertEquals((lat - t) / t, m.get("distance_to_target").asDouble(), 1e-9);
            assertEquals(lat <= t, m.get("meets_target").asBoolean());
            assertEquals(m.get("within_tolerance").asBoolean(), m.get("reason").isNull(), m.toString());
            if (!m.get("other_side").isNull()) assertTrue(m.get("other_side").get("latency_ms").asDouble() > t);
        }
    }

    @Test
    void defaultIsPhiZeroToThreeAsATableWithBlockStrings() {
        Cli.Result r = Cli.run("scale", "blocks:r1_k3_s11_e1_i32_o16,r2_k3_s22_e6_i16_o24");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("base: blocks, 224x224"), r.out());
        assertTrue(r.out().contains("scaling: alpha 1.2, beta 1.1, gamma 1.15; alpha*beta^2*gamma^2 = 1.920"), r.out());
        for (String phi : List.of("0.000", "1.000", "2.000", "3.000")) assertTrue(r.out().contains(phi), phi);
        assertTrue(r.out().contains("block strings:\nphi 0.000: 224x224, stem 32, head 1280\n  r1_k3_s11_e1_i32_o16, r2_k3_s22_e6_i16_o24"), r.out());
        assertTrue(r.out().contains("phi 1.000: 256x256, stem 32, head 1408\n  r2_k3_s11_e1_i32_o16, r3_k3_s22_e6_i16_o24"), r.out());
    }

    @Test
    void networksWithoutBlockStringsAreRejectedInOneLine() {
        Cli.Result r = Cli.run("scale", "resnet50-v1");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("edgetpu-nas: resnet50-v1 is not built from EfficientNet block strings, so it cannot be compound-scaled by their "
                + "rules; pass an EfficientNet zoo name, a .blocks file or blocks:BLOCK,..."), r.errLines());
    }

    @Test
    void badOptionsAreBadInput() {
        assertEquals(2, Cli.run("scale", "efficientnet-edgetpu-s", "--published", "edgetpu", "--search").exitCode());
        assertEquals(2, Cli.run("scale", "efficientnet-edgetpu-s", "--targets", "fast").exitCode());
        assertEquals(2, Cli.run("scale", "efficientnet-edgetpu-s", "--targets", "5", "--phi", "1").exitCode(), "one mode at a time");
        assertEquals(2, Cli.run("scale", "efficientnet-edgetpu-s", "--coefficients", "1.2,1.1").exitCode());
        assertEquals(2, Cli.run("scale", "efficientnet-edgetpu-s", "--accuracy", "cmd").exitCode());
    }

    @Test
    void anAccuracyCommandScoresEachMember() throws Exception {
        JsonNode j = json(Cli.run("scale", "efficientnet-edgetpu-s@96", "--phi", "0,0.5", "--accuracy-cmd", "echo 0.625", "--json"));
        assertEquals("cmd", j.get("accuracy_source").asText());
        for (JsonNode m : j.get("members")) assertEquals(0.625, m.get("accuracy").asDouble());
        Cli.Result text = Cli.run("scale", "efficientnet-edgetpu-s@96", "--phi", "0", "--accuracy-cmd", "exit 3");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("failed"), text.out());
        assertTrue(text.out().contains("accuracy of phi 0.000 failed: exit code 3"), text.out());
    }

    @Test
    void theSearchWithoutAnEstimatorSaysItScoredByLatencyAlone() throws Exception {
        JsonNode j = json(Cli.run("scale", "efficientnet-edgetpu-s@64", "--search", "--phi", "1", "--threads", "2", "--json"));
        JsonNode s = j.get("search");
        assertEquals("latency", s.get("scoring").asText());
        assertEquals(s.get("best").get("alpha").asDouble(), j.get("alpha").asDouble());
        assertEquals(s.get("best").get("gamma").asDouble(), j.get("gamma").asDouble());
        assertEquals(s.get("grid_points").asInt(), s.get("points").size());
        assertTrue(j.get("notes").get(0).asText().startsWith("no accuracy estimator"), j.get("notes").toString());
        assertEquals(s.get("best").get("latency_ms").asDouble(), j.get("members").get(0).get("latency_ms").asDouble(), 1e-12);
    }

    @Test
    void outWritesTheReportAndABlocksFilePerMemberThatRebuildsIt(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("scale", "efficientnet-edgetpu-s@96", "--phi", "0.7", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(dir.resolve("scale.json")));
        List<Path> blocks;
        try (Stream<Path> files = Files.list(dir)) {
            blocks = files.filter(p -> p.toString().endsWith(".blocks")).toList();
        }
        assertEquals(1, blocks.size());
        JsonNode member = Json.MAPPER.readTree(dir.resolve("scale.json").toFile()).get("members").get(0);
        EfficientNetSpec back = Models.efficientNetSpec(blocks.get(0).toString()).orElseThrow();
        assertEquals(member.get("resolution").asInt(), back.resolution());
        List<String> strings = CompoundScaling.blockStrings(back);
        for (int i = 0; i < strings.size(); i++) assertEquals(member.get("blocks").get(i).asText(), strings.get(i));
        assertEquals(member.get("head_filters").asInt(), back.headFilters());
        assertFalse(r.err().isBlank(), "says what it wrote");
    }
}
