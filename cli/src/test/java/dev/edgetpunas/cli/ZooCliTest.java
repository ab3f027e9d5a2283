package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.compiler.zoo.ZooEntry;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every zoo model is listed by {@code models} and printed by {@code model show}. */
class ZooCliTest {

    @Test
    void modelsListsEveryZooEntryWithItsSizes() throws Exception {
        Cli.Result r = Cli.run("models", "--json");
        assertEquals(0, r.exitCode(), r.err());
        Set<String> listed = new HashSet<>();
        for (JsonNode n : Json.MAPPER.readTree(r.out()).get("models")) listed.add(n.get("name").asText());
        for (ZooEntry e : ModelZoo.entries()) assertTrue(listed.contains(e.name()), e.name() + " not listed");
        assertTrue(listed.size() >= 32, "EfficientNets + Coral's benchmark networks: " + listed.size());
    }

    @Test
    void modelShowPrintsEveryZooModel() {
        for (ZooEntry e : ModelZoo.entries()) {
            Cli.Result r = Cli.run("model", "show", e.name());
            assertEquals(0, r.exitCode(), e.name() + ": " + r.err());
            Graph g = Deploy.apply(ModelZoo.build(e.name()));
            String header = r.out().lines().findFirst().orElse("");
            assertTrue(header.startsWith(e.name() + " (deployed graph): "), header);
            int res = e.defaultResolution();
            assertTrue(r.out().contains("1x" + res + "x" + res + "x3"), e.name() + ": input shape in the table");
            assertTrue(r.out().lines().count() >= g.opCount() + 2, e.name() + ": a header and one row per op");
        }
    }

    @Test
    void modelShowPrintsTheSsdPostProcessAsCustomOp() throws Exception {
        Cli.Result r = Cli.run("model", "show", "ssd-mobilenet-v1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode layers = Json.MAPPER.readTree(r.out()).get("layers");
        JsonNode last = layers.get(layers.size() - 1);
        assertEquals("CUSTOM", last.get("op").asText());
        assertEquals("TFLite_Detection_PostProcess", last.get("custom_code").asText());
        assertEquals(4, last.get("output_shapes").size());
    }

    @Test
    void modelShowAcceptsASizeAndRejectsATooSmallOne() {
        Cli.Result ok = Cli.run("model", "show", "resnet50-v1@299");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().startsWith("resnet50-v1@299 (deployed graph)"), ok.out());
        Cli.Result bad = Cli.run("model", "show", "inception-v4@40");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("cannot be built at size 40"), bad.err());
    }
}
