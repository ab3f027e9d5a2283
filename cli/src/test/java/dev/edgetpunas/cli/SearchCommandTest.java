package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.nas.report.HistoryCsv;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgetpu-nas search} end to end, in-process, with the simulator on the default profile. */
class SearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assumeSharedData() {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
    }

    /** A short nasbench201 search (table accuracy, simulated latency, fixed target so no median run). */
    private static String[] nb201(Path out, int budget, String... more) {
        List<String> a = new ArrayList<>(List.of("search", "--space", "nasbench201", "--budget", Integer.toString(budget), "--seed", "7",
                "--target-ms", "0.6", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void shortNasBench201SearchWritesEveryOutputAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        assumeSharedData();
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run(nb201(out, 30, "--json", "--threads", "1"));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode printed = JSON.readTree(r.out());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(summary, printed, "--json prints summary.json");
        assertEquals(ToolInfo.SCHEMA_VERSION, summary.get("schema_version").asInt());
        assertTrue(summary.get("schema_version").isInt());
        assertEquals(ToolInfo.VERSION, summary.get("tool_version").asText());
        assertEquals(30, summary.get("evaluations").asInt());
        assertEquals(7, summary.get("seed").asLong());
        assertEquals(0.6, summary.get("target_ms").asDouble(), 0);
        assertEquals("nb201:cifar10", summary.get("accuracy").asText());
        assertEquals(ProfileOption.DEFAULT_PROFILE, summary.get("profile").asText());
        assertEquals(ProfileLoader.load(ProfileOption.DEFAULT_PROFILE).digest(), summary.get("profile_digest").asText());
        assertEquals("16.0", summary.get("compiler").asText());
        for (String k : List.of("genome", "accuracy", "latency_ms")) assertTrue(summary.get("best").has(k), "best lacks " + k);
        double acc = summary.get("best").get("accuracy").asDouble();
        assertTrue(acc > 0.5 && acc <= 1, "accuracy is a fraction: " + acc);
        assertTrue(summary.has("wall_s") && summary.has("failed"));

        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(HistoryCsv.HEADER, history.get(0));
        assertEquals(31, history.size());
        assertTrue(Files.readAllLines(out.resolve("pareto.csv")).size() >= 2);
        NasBench201Cell best = NasBench201Cell.parse(Files.readString(out.resolve("best.cell")).trim());
        assertEquals(best.toString(), summary.get("best").get("genome").asText());
        assertTrue(Files.size(out.resolve("pareto.png")) > 0);
        assertTrue(Files.readString(out.resolve("pareto.svg")).contains("<svg"));
        assertTrue(r.errLines().isEmpty(), "no progress bar when stderr is not a terminal: " + r.err());
    }

    @Test
    void humanOutputNamesTheBestCandidateAndTheFiles(@TempDir Path dir) {
        assumeSharedData();
        Cli.Result r = Cli.run(nb201(dir.resolve("out"), 30, "--objective", "mnas-hard", "--algorithm", "random"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("search nasbench201(cifar10), random, mnas-hard, accuracy nb201:cifar10, profile edgetpu-usb3-max (compiler 16.0)"),
                r.out());
        assertTrue(r.out().contains("best feasible"), r.out());
        assertTrue(r.out().contains("best.cell"), r.out());
    }

    @Test
    void historyIsIdenticalWithOneAndTwoThreads(@TempDir Path dir) throws Exception {
        assumeSharedData();
        Cli.Result one = Cli.run(nb201(dir.resolve("t1"), 40, "--threads", "1"));
        Cli.Result two = Cli.run(nb201(dir.resolve("t2"), 40, "--threads", "2"));
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(0, two.exitCode(), two.err());
        String h1 = Files.readString(dir.resolve("t1/history.csv"));
        assertEquals(h1, Files.readString(dir.resolve("t2/history.csv")));
        assertEquals(41, h1.lines().count());
        assertTrue(h1.contains(",ok,"));
    }

    /**
     * A search killed after its checkpoint at evaluation 20 of 40 (the checkpoint file as it was then:
     * budget 40, the first 20 candidates) and resumed with {@code --resume} (budget from the
     * checkpoint) ends with the history of the uninterrupted run.
     */
    @Test
    void resumedSearchEqualsTheUninterruptedOne(@TempDir Path dir) throws Exception {
        assumeSharedData();
        Path ck = dir.resolve("search.ckpt.json");
        Cli.Result full = Cli.run(nb201(dir.resolve("full"), 40, "--checkpoint", ck.toString(), "--checkpoint-every", "10"));
        assertEquals(0, full.exitCode(), full.err());
        ObjectNode c = (ObjectNode) JSON.readTree(ck.toFile());
        assertEquals(40, c.get("budget").asInt());
        ArrayNode h = (ArrayNode) c.get("history");
        assertEquals(40, h.size());
        while (h.size() > 20) h.remove(h.size() - 1);
        c.put("evaluations", 20);
        Files.writeString(ck, JSON.writeValueAsString(c));

        Cli.Result resumed = Cli.run("search", "--space", "nasbench201", "--seed", "7", "--target-ms", "0.6", "--checkpoint", ck.toString(),
                "--resume", "--threads", "2", "--out", dir.resolve("resumed").toString(), "--json");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(Files.readString(dir.resolve("full/history.csv")), Files.readString(dir.resolve("resumed/history.csv")));
        assertEquals(Files.readString(dir.resolve("full/best.cell")), Files.readString(dir.resolve("resumed/best.cell")));
        assertEquals(40, JSON.readTree(resumed.out()).get("evaluations").asInt());
    }

    @Test
    void resumeWithOtherSettingsIsRejected(@TempDir Path dir) {
        assumeSharedData();
        Path ck = dir.resolve("ck.json");
        assertEquals(0, Cli.run(nb201(dir.resolve("a"), 10, "--checkpoint", ck.toString())).exitCode());
        Cli.Result r = Cli.run("search", "--space", "nasbench201", "--seed", "8", "--target-ms", "0.6", "--budget", "20", "--checkpoint",
                ck.toString(), "--resume", "--out", dir.resolve("b").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("seed: 7 vs 8"), r.err());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        List<String[]> cases = List.of(
                new String[] {"search", "--space", "nasbench201", "--budget", "0", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "-3", "--out", out},
                new String[] {"search", "--space", "darts", "--budget", "10", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10"},
                new String[] {"search", "--space", "nasbench201", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--accuracy", "cmd", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--accuracy", "nb201", "--accuracy-cmd", "echo 1", "--out", out},
                new String[] {"search", "--space", "edgetpu", "--budget", "10", "--accuracy", "nb201", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--accuracy", "nb201:mnist", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--objective", "fastest", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--algorithm", "annealing", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--target-ms", "-1", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--population", "3", "--sample", "5", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--threads", "0", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--resume", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--resume", "--checkpoint", dir.resolve("none.json").toString(), "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--compiler", "3.0", "--out", out},
                new String[] {"search", "--space", "nasbench201", "--budget", "10", "--profile", "no-such-profile", "--out", out});
        for (String[] args : cases) {
            Cli.Result r = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.exitCode(), what + "\n" + r.err());
            assertEquals(1, r.errLines().size(), what + ": one line, but got\n" + r.err());
            assertTrue(r.err().startsWith("edgetpu-nas: "), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("o")), "nothing is written for bad input");
    }

    @Test
    void errorMessagesNameTheProblem(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        assertTrue(Cli.run("search", "--space", "nasbench201", "--budget", "0", "--out", out).err().contains("--budget must be >= 1, but was 0"));
        assertTrue(Cli.run("search", "--space", "darts", "--budget", "5", "--out", out).err().contains("unknown search space 'darts'"));
        assertTrue(Cli.run("search", "--space", "nasbench201", "--budget", "5").err().contains("--out DIR is required"));
        assertTrue(Cli.run("search", "--space", "nasbench201", "--budget", "5", "--accuracy", "cmd", "--out", out).err()
                .contains("--accuracy cmd needs --accuracy-cmd"));
    }

    /** --accuracy proxy (edgetpu's default) is the training module's proxy estimator. */
    @Test
    void proxyAccuracyIsTheTrainingModulesProxyEstimator() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.edgetpunas.training.data.FashionMnist.locate(null).isPresent(),
                "Fashion-MNIST not installed (" + dev.edgetpunas.training.data.FashionMnist.HOW_TO_GET + ")");
        assertTrue(SearchCommand.proxyEstimator() instanceof dev.edgetpunas.training.estimate.ProxyEstimator);
    }

    @Test
    void swishAndSeAreSearchableOnlyWhereTheCompilerMapsThem() {
        assertTrue(dev.edgetpunas.nas.space.EdgeTpuSpace.swishAndSeMapped(new Simulator(ProfileLoader.load("edgetpu-usb3-max"))));
        assertFalse(dev.edgetpunas.nas.space.EdgeTpuSpace.swishAndSeMapped(new Simulator(
                ProfileLoader.load("edgetpu-usb3-max").withCompilerVersion(CompilerSpec.Version.V2_0))));
        assertFalse(dev.edgetpunas.nas.space.EdgeTpuSpace.swishAndSeMapped(new Simulator(ProfileLoader.load("cpu-only"))));
    }

    @Test
    void edgeTpuSearchWithAnAccuracyCommandWritesBestBlocks(@TempDir Path dir) throws Exception {
        for (String compiler : List.of("16.0", "2.0")) {
            Path out = dir.resolve(compiler);
            Cli.Result r = Cli.run("search", "--space", "edgetpu", "--compiler", compiler, "--budget", "4", "--population", "2", "--sample", "1",
                    "--target-ms", "5", "--accuracy-cmd", "cat > /dev/null; echo 0.5", "--seed", "3", "--out", out.toString(), "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode s = JSON.readTree(r.out());
            assertEquals("cmd", s.get("accuracy").asText());
            assertEquals(compiler.equals("16.0"), s.get("swish_and_se").asBoolean(), "swish and SE follow the compiler " + compiler);
            assertEquals(0, s.get("failed").asInt());
            String blocks = Files.readString(out.resolve("best.blocks"));
            assertTrue(blocks.contains("resolution: 224"), blocks);
            try (Stream<String> lines = Files.lines(out.resolve("history.csv"))) {
                assertEquals(5, lines.count());
            }
        }
    }

    /** A trainer that fails every 3rd call and prints garbage every 5th: failed trials are counted and skipped, the search finishes. */
    @Test
    void flakyAccuracyCommandFailsTrialsButTheSearchFinishes(@TempDir Path dir) throws Exception {
        Path counter = dir.resolve("calls");
        Path script = dir.resolve("flaky.sh");
        Files.writeString(script, String.join("\n", "#!/bin/sh", "cat > /dev/null",
                "n=$(cat '" + counter + "' 2>/dev/null || echo 0); n=$((n + 1)); echo $n > '" + counter + "'",
                "if [ $((n % 3)) -eq 0 ]; then echo 'CUDA out of memory' >&2; exit 1; fi",
                "if [ $((n % 5)) -eq 0 ]; then echo 'loss: nan'; exit 0; fi",
                "echo 0.$((50 + n % 40))", ""));
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("search", "--space", "nasbench201", "--budget", "24", "--seed", "2", "--target-ms", "0.6", "--threads", "1",
                "--accuracy-cmd", "sh '" + script + "'", "--out", out.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = JSON.readTree(r.out());
        assertEquals("cmd", s.get("accuracy").asText());
        assertEquals(24, s.get("evaluations").asInt());
        int failed = s.get("failed").asInt();
        assertTrue(failed >= 6, "failed " + failed);
        String history = Files.readString(out.resolve("history.csv"));
        assertEquals(failed, history.lines().filter(l -> l.contains(",failed,")).count());
        assertTrue(history.contains("exit code 1: CUDA out of memory"), history);
        assertTrue(!s.get("best").isNull());
    }
}
