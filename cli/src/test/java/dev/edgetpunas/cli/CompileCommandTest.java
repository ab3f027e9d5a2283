package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {

    @Test
    void efficientNetB0Under2019ShowsTheFallbackAndTheOperatorTable() {
        Cli.Result r = Cli.run("compile", "efficientnet-b0", "--compiler", "2019", "-s");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Edge TPU Compiler version 2.0."), r.out());
        assertTrue(r.out().contains("Number of operations that will run on CPU: 236"), r.out());
        assertTrue(r.out().contains("Operator                       Count      Status"), r.out());
        assertTrue(r.out().contains("Assumption: compiler 2.0 does not map a MUL"), r.out());
    }

    @Test
    void jsonHasTheKeysOtherToolsRelyOn() throws Exception {
        Cli.Result r = Cli.run("compile", "efficientnet-b0", "--compiler", "2.0", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        for (String k : new String[] {"schema_version", "tool_version", "onchip_used_bytes", "onchip_remaining_bytes", "offchip_streamed_bytes",
            "segments", "ops"}) {
            assertTrue(n.has(k), k + " in " + n.fieldNames());
        }
        JsonNode seg = n.get("segments").get(0);
        assertEquals(0, seg.get("index").asInt());
        assertEquals("tpu", seg.get("placement").asText());
        assertEquals(0, seg.get("first_op").asInt());
        assertEquals(1, seg.get("last_op").asInt());
        JsonNode mul = n.get("ops").get(2);
        assertEquals("MUL", mul.get("op").asText());
        assertEquals("cpu", mul.get("placement").asText());
        assertEquals("Operation is otherwise supported, but not mapped due to some unspecified limitation", mul.get("status").asText());
        assertTrue(mul.get("reason").asText().contains("two non-constant tensors"));
        assertEquals(n.get("ops").size(), n.get("total_ops").asInt());
    }

    @Test
    void severalModelsAreCoCompiledAndNestedUnderModels() throws Exception {
        Cli.Result r = Cli.run("compile", "efficientnet-edgetpu-s", "efficientnet-edgetpu-m", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        JsonNode a = n.get("models").get(0), b = n.get("models").get(1);
        assertEquals("efficientnet-edgetpu-s", a.get("model").asText());
        assertEquals(a.get("onchip_remaining_bytes").asLong(), b.get("budget_bytes").asLong(), "the second model gets what the first left");
        assertTrue(b.get("offchip_streamed_bytes").asLong() > 0);
    }

    @Test
    void sramAndPlacementOptionsChangeTheCache() throws Exception {
        JsonNode small = Json.MAPPER.readTree(Cli.run("compile", "efficientnet-edgetpu-s", "--sram-bytes", "4MiB", "--json").out());
        JsonNode big = Json.MAPPER.readTree(Cli.run("compile", "efficientnet-edgetpu-s", "--sram-bytes", "16MiB", "--json").out());
        assertTrue(small.get("offchip_streamed_bytes").asLong() > 0);
        assertEquals(0, big.get("offchip_streamed_bytes").asLong());
        JsonNode ff = Json.MAPPER.readTree(Cli.run("compile", "efficientnet-edgetpu-s", "--sram-bytes", "4MiB", "--placement", "first-fit",
                "--json").out());
        assertTrue(ff.get("onchip_used_bytes").asLong() >= small.get("onchip_used_bytes").asLong());
        assertEquals("first-fit", ff.get("placement").asText());
    }

    @Test
    void outWritesTheOperationLog(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("compile", "efficientnet-b0@128", "--compiler", "2.0", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path log = dir.resolve("efficientnet-b0_128_edgetpu.log");
        assertTrue(Files.exists(log), () -> dir + " has " + r.err());
        String text = Files.readString(log);
        assertTrue(text.startsWith("Edge TPU Compiler version 2.0.") && text.contains("depends on op 2 (MUL)"), text);
        assertTrue(r.out().contains("Operation log: efficientnet-b0_128_edgetpu.log"), r.out());
    }

    @Test
    void multipleSubgraphsOptionIsAccepted() throws Exception {
        JsonNode n = Json.MAPPER.readTree(Cli.run("compile", "efficientnet-b0@96", "--compiler", "2.0", "-a", "--json").out());
        assertTrue(n.get("edgetpu_subgraphs").asInt() > 1);
        assertTrue(n.get("multiple_subgraphs").asBoolean());
    }

    @Test
    void badCompilerVersionIsOneLineAndExitCode2() {
        Cli.Result r = Cli.run("compile", "efficientnet-edgetpu-s", "--compiler", "15.0");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("'15.0'"), r.err());
        Cli.Result s = Cli.run("compile", "efficientnet-edgetpu-s", "--sram-bytes", "lots");
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("--sram-bytes"), s.err());
        assertFalse(s.err().contains("Exception"), s.err());
    }
}
