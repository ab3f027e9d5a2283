package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

    @Test
    void modelsListsTheEfficientNetFamily() {
        Cli.Result r = Cli.run("models");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("efficientnet-edgetpu-s") && r.out().contains("efficientnet-b0"), r.out());
    }

    @Test
    void modelShowJsonHasTheDocumentedKeys() throws Exception {
        Cli.Result r = Cli.run("model", "show", "efficientnet-edgetpu-s", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals("efficientnet-edgetpu-s", n.get("model").asText());
        assertTrue(n.get("macs").asLong() > 2_000_000_000L);
        JsonNode l0 = n.get("layers").get(0);
        assertEquals(0, l0.get("index").asInt());
        assertEquals("CONV_2D", l0.get("op").asText());
        assertEquals("[[1,224,224,3]]", l0.get("input_shapes").toString());
        assertEquals("[[1,112,112,32]]", l0.get("output_shapes").toString());
        assertTrue(l0.has("macs") && l0.has("params"));
    }

    @Test
    void trainingGraphShowsBatchNorm() {
        Cli.Result r = Cli.run("model", "show", "efficientnet-edgetpu-s@128", "--training");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("BATCH_NORM") && r.out().contains("1x128x128x3"), r.out());
    }

    @Test
    void inlineBlocksAndBlocksFilesAreModels(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run("model", "show", "blocks:r1_k3_s11_e4_i24_o24_c1_noskip,r2_k3_s22_e8_i24_o32").exitCode());
        Path f = dir.resolve("net.blocks");
        Files.writeString(f, "resolution: 96\nr1_k3_s11_e4_i24_o24_c1_noskip\n");
        Cli.Result r = Cli.run("model", "show", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1x96x96x3"), r.out());
    }

    @Test
    void badBlockStringIsOneLineAndExitCode2() {
        Cli.Result r = Cli.run("model", "show", "blocks:r1_k3_s11_e4_i24_o24_c7");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("'c7'"), r.err());
    }

    @Test
    void unknownModelSuggestsACloseName() {
        Cli.Result r = Cli.run("model", "show", "efficientnet-edgetpu-x");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("did you mean"), r.err());
    }
}
