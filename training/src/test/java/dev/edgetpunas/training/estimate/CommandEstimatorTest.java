package dev.edgetpunas.training.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandEstimatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Architecture tinyArchitecture() {
        GraphBuilder b = new GraphBuilder("tiny", DType.FLOAT32);
        int x = b.input("input", 8, 8, 3);
        x = b.convBnAct("conv", x, 4, 3, 1, Nonlinearity.RELU);
        x = b.mean("pool", x, List.of(1, 2), false);
        Graph g = b.build(b.fullyConnected("fc", x, 10, true));
        ObjectNode d = JSON.createObjectNode().put("space", "test").put("genome", "g-1").put("width", 4);
        return Architecture.of("test", "g-1", d, g);
    }

    private static Estimate run(String script) {
        return CommandEstimator.shell(script).timeout(Duration.ofSeconds(20)).build().estimate(tinyArchitecture(), 7);
    }

    @Test
    void fractionOnTheLastLineIsTheAccuracy() {
        Estimate e = run("echo 'epoch 1 loss 2.3'; echo; echo 0.875; echo '   '");
        Estimate.Ok ok = assertInstanceOf(Estimate.Ok.class, e);
        assertEquals(0.875, ok.accuracy(), 0);
        assertTrue(ok.warnings().isEmpty());
    }

    @Test
    void numberAboveOneIsReadAsPercentageWithAWarning() {
        Estimate.Ok ok = assertInstanceOf(Estimate.Ok.class, run("echo 91.5"));
        assertEquals(0.915, ok.accuracy(), 1e-12);
        assertEquals(1, ok.warnings().size());
        assertTrue(ok.warnings().get(0).contains("percentage"), ok.warnings().toString());
    }

    @Test
    void percentSignIsAPercentageWithoutWarning() {
        Estimate.Ok ok = assertInstanceOf(Estimate.Ok.class, run("echo '0.5 %'"));
        assertEquals(0.005, ok.accuracy(), 1e-12);
        assertTrue(ok.warnings().isEmpty());
    }

    @Test
    void nonZeroExitIsAFailedTrialNamingTheCodeAndStderr() {
        Estimate.Failed f = assertInstanceOf(Estimate.Failed.class, run("echo 0.9; echo 'CUDA out of memory' >&2; exit 3"));
        assertTrue(f.reason().startsWith("exit code 3"), f.reason());
        assertTrue(f.reason().contains("CUDA out of memory"), f.reason());
    }

    @Test
    void garbageOutputIsAFailedTrial() {
        for (String script : List.of("echo hello", "echo 'accuracy=0.9'", "echo NaN", "echo Infinity", "echo 0x1p-1", "echo 0.9d")) {
            Estimate.Failed f = assertInstanceOf(Estimate.Failed.class, run(script), script);
            assertTrue(f.reason().startsWith("garbage output"), script + ": " + f.reason());
        }
        assertTrue(((Estimate.Failed) run("true")).reason().startsWith("no output"));
    }

    @Test
    void outOfRangeValuesAreFailedTrials() {
        assertInstanceOf(Estimate.Failed.class, run("echo 101"));
        assertInstanceOf(Estimate.Failed.class, run("echo -0.1"));
        assertInstanceOf(Estimate.Failed.class, run("echo 150%"));
    }

    @Test
    void timeoutKillsTheCommandAndItsChildrenAndFails(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("survived");
        long start = System.nanoTime();
        Estimate e = CommandEstimator.shell("sleep 3 && touch '" + marker + "' & sleep 30").timeout(Duration.ofMillis(300)).build()
                .estimate(tinyArchitecture(), 1);
        long ms = (System.nanoTime() - start) / 1_000_000;
        Estimate.Failed f = assertInstanceOf(Estimate.Failed.class, e);
        assertTrue(f.reason().startsWith("timed out"), f.reason());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        Thread.sleep(3500);
        assertFalse(Files.exists(marker), "a child process of the timed-out command kept running");
    }

    @Test
    void commandReceivesTheArchitectureJsonAndSeed(@TempDir Path dir) throws Exception {
        Path seen = dir.resolve("stdin.json");
        Estimate e = CommandEstimator.shell("cat > '" + seen + "'; echo 0.5").build().estimate(tinyArchitecture(), 1234);
        assertTrue(e.isOk());
        var json = JSON.readTree(seen.toFile());
        assertEquals("g-1", json.get("genome").asText());
        assertEquals(4, json.get("width").asInt());
        assertEquals(1234, json.get("seed").asLong());
        assertEquals(tinyArchitecture().graph().macs(), json.get("macs").asLong());
        assertEquals(tinyArchitecture().graph().paramCount(), json.get("params").asLong());
        Estimate env = CommandEstimator.shell("echo 0.$EDGETPUNAS_SEED").build().estimate(tinyArchitecture(), 25);
        assertEquals(0.25, ((Estimate.Ok) env).accuracy(), 1e-12);
    }

    @Test
    void commandThatIgnoresLargeInputDoesNotBlock() {
        ObjectNode big = JSON.createObjectNode();
        big.put("space", "test");
        big.put("padding", "x".repeat(1 << 20));
        Architecture a = Architecture.of("test", "g", big, tinyArchitecture().graph());
        Estimate e = CommandEstimator.shell("echo 0.25").timeout(Duration.ofSeconds(20)).build().estimate(a, 1);
        assertEquals(0.25, ((Estimate.Ok) e).accuracy(), 0);
    }

    @Test
    void missingProgramIsAFailedTrial() {
        Estimate e = CommandEstimator.command(List.of("/nonexistent/edgetpunas-trainer")).build().estimate(tinyArchitecture(), 1);
        assertTrue(((Estimate.Failed) e).reason().startsWith("cannot start"));
    }

    @Test
    void builderRejectsBadSettingsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> CommandEstimator.shell(" "));
        assertThrows(IllegalArgumentException.class, () -> CommandEstimator.shell("x").timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CommandEstimator.command(List.of()));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> CommandEstimator.shell("x").environment("A=B", "1"));
        assertTrue(ex.getMessage().contains("A=B"));
    }

    /** Any fraction printed with full precision reads back as itself; any value in (1, 100] as value / 100. */
    @Test
    void parseRoundTripsFractionsAndPercentages() {
        qt().forAll(doubles().between(0, 1)).checkAssert(v -> {
            Estimate.Ok ok = (Estimate.Ok) CommandEstimator.parse("log\n" + v + "\n");
            assertEquals(v, ok.accuracy(), 0);
        });
        qt().forAll(doubles().between(1.0001, 100)).checkAssert(v -> {
            Estimate.Ok ok = (Estimate.Ok) CommandEstimator.parse(Double.toString(v));
            assertEquals(v / 100, ok.accuracy(), 1e-15);
            assertEquals(1, ok.warnings().size());
        });
    }

    @Test
    void estimateRejectsAccuracyOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Estimate.ok(1.01));
        assertThrows(IllegalArgumentException.class, () -> Estimate.ok(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Estimate.failed(" "));
    }
}
