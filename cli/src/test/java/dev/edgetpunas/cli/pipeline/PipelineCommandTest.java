package dev.edgetpunas.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgetpunas.cli.Cli;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.nas.evolution.Checkpoint;
import dev.edgetpunas.training.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny pipeline end to end (hidden knobs shrink the proxy, the training and the test sets), killed and
 * resumed: the resumed run, on another thread count, gives the uninterrupted run's results.
 */
class PipelineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 10 evaluations per search: one batch of 8 with a checkpoint after it, then 2 more. */
    static List<String> tiny(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("pipeline", "--out", out.toString(), "--budget", "10", "--population", "4", "--sample", "2",
                "--seed", "3", "--time-budget", "1h", "--proxy-steps", "2", "--proxy-batch", "8", "--proxy-train-images", "16",
                "--proxy-eval-images", "20", "--train-width", "0.125", "--train-images", "48", "--train-batch", "16", "--train-epochs", "1",
                "--test-images", "24", "--calibration-images", "8"));
        a.addAll(List.of(more));
        return a;
    }

    /** {@code args} with the value of option {@code name} replaced by {@code value}. */
    static List<String> with(List<String> args, String name, String value) {
        List<String> a = new ArrayList<>(args);
        int i = a.indexOf(name);
        assertTrue(i >= 0 && i + 1 < a.size(), name);
        a.set(i + 1, value);
        return a;
    }

    static Cli.Result run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void tinyPipelineWritesTheReportAndResumesAKilledRunToTheSameResults(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(FashionMnist.locate(null).isPresent(), FashionMnist.HOW_TO_GET);
        Path a = tmp.resolve("a"), b = tmp.resolve("b");

        Cli.Result full = run(tiny(a, "--threads", "2"));
        assertEquals(0, full.exitCode(), full.err());
        JsonNode s = JSON.readTree(a.resolve("summary.json").toFile());
        for (String k : List.of("schema_version", "tool_version", "seed", "profile", "profile_digest", "wall_s", "stages", "winner", "cpu_winner",
                "family", "validation")) {
            assertTrue(s.has(k), "summary.json has " + k);
        }
        assertEquals(3, s.path("seed").asLong());
        for (Stage st : Stage.values()) {
            JsonNode n = s.path("stages").path(st.id());
            assertEquals("done", n.path("status").asText(), st.id());
            assertTrue(n.path("wall_s").asDouble() >= 0, st.id());
        }
        for (String w : List.of("winner", "cpu_winner")) {
            assertEquals(6, s.path(w).path("blocks").size(), w + " has six block strings");
            assertTrue(s.path(w).path("latency_ms").asDouble() > 0, w);
            double acc = s.path(w).path("proxy_accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1, w + " proxy accuracy " + acc);
        }
        for (String k : List.of("float_accuracy", "int8_accuracy")) {
            double v = s.path("winner").path(k).asDouble(-1);
            assertTrue(v >= 0 && v <= 1, k + " = " + v);
        }
        assertEquals(3, s.path("family").size());
        double prev = s.path("winner").path("latency_ms").asDouble();
        for (JsonNode m : s.path("family")) {
            assertTrue(m.path("latency_ms").asDouble() > prev, "members grow: " + m);
            prev = m.path("latency_ms").asDouble();
            // a member outside the tolerance says why (the step between it and the next member)
            assertEquals(!m.path("within_tolerance").asBoolean(), m.path("reason").isTextual(), "reason of " + m);
        }
        assertTrue(s.path("validation").path("mape_pct").asDouble() > 0);
        assertTrue(s.path("validation").path("spearman").asDouble() > 0.5);
        assertTrue(full.out().contains("report.html") && full.out().contains("int8"), full.out());
        assertTrue(full.out().contains(s.path("winner").path("blocks").get(0).asText()), "stdout names the winner's blocks");

        // outputs: history CSVs, traces, both .tflite files (float and int8)
        for (String f : List.of("search-edgetpu/history.csv", "search-cpu/history.csv", "manifest.json", "proxy-cache.csv",
                "validation/validation.png")) {
            assertTrue(Files.isRegularFile(a.resolve(f)), f);
        }
        assertEquals(11, Files.readAllLines(a.resolve("search-edgetpu/history.csv")).size(), "header + 10 candidates");
        for (JsonNode t : s.path("files").path("traces")) assertTrue(Files.size(a.resolve(t.asText())) > 100, t.asText());
        Graph f32 = TfliteReader.read(a.resolve("model/winner-float.tflite"));
        Graph i8 = TfliteReader.read(a.resolve("model/winner-int8.tflite"));
        assertEquals(DType.FLOAT32, f32.tensor(f32.inputs().get(0)).dtype());
        assertEquals(DType.INT8, i8.tensor(i8.inputs().get(0)).dtype());

        String html = Files.readString(a.resolve("report.html"));
        assertSelfContained(html);
        for (String anchor : List.of("summary", "reference", "search", "stages", "latency", "compile", "family", "accuracy", "validation", "claims",
                "budget", "files")) {
            assertTrue(html.contains("id=\"" + anchor + "\"") && html.contains("href=\"#" + anchor + "\""), "section anchor " + anchor);
        }
        assertTrue(html.contains("Fashion-MNIST") && html.contains("not ImageNet"), "accuracy labelled as a Fashion-MNIST proxy");
        assertFalse(html.toLowerCase().contains("imagenet accuracy"));
        assertEquals(3, count(html, "src=\"data:image/png;base64,"), "two Pareto plots and the validation scatter, inlined");

        // the same options on another directory: killed during the Edge TPU search (after its first checkpoint)
        Cli.Result killed = run(tiny(b, "--threads", "1", "--interrupt-search-after", "1"));
        assertEquals(1, killed.exitCode(), killed.err());
        assertTrue(killed.err().contains("--resume"), killed.err());
        JsonNode m = JSON.readTree(b.resolve("manifest.json").toFile());
        assertEquals("done", m.path("stages").path("reference").path("status").asText());
        assertEquals("running", m.path("stages").path("search-edgetpu").path("status").asText());
        assertEquals(8, Checkpoint.read(b.resolve("search-edgetpu/checkpoint.json")).history().size(), "one batch checkpointed");
        assertFalse(Files.exists(b.resolve("report.html")));

        // resume with other settings: refused, naming the difference
        Cli.Result other = run(with(tiny(b, "--resume"), "--budget", "12"));
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("budget: 10 vs 12"), other.err());

        // resume up to the comparison, then to the end
        Cli.Result part = run(tiny(b, "--threads", "1", "--resume", "--stop-after", "compare"));
        assertEquals(0, part.exitCode(), part.err());
        assertTrue(part.err().contains("done in an earlier run"), part.err());
        assertTrue(part.err().contains("resuming from search-edgetpu/checkpoint.json at 8 of 10 evaluations"), part.err());
        m = JSON.readTree(b.resolve("manifest.json").toFile());
        assertEquals("done", m.path("stages").path("compare").path("status").asText());
        assertEquals("pending", m.path("stages").path("scale").path("status").asText());
        Cli.Result rest = run(tiny(b, "--threads", "2", "--resume"));
        assertEquals(0, rest.exitCode(), rest.err());

        JsonNode r = JSON.readTree(b.resolve("summary.json").toFile());
        assertEquals(3, r.path("processes").asInt());
        for (String k : List.of("blocks", "latency_ms", "proxy_accuracy", "float_accuracy", "int8_accuracy", "cpu_latency_ms")) {
            assertEquals(s.path("winner").path(k), r.path("winner").path(k), "winner " + k + " after kill and resume");
        }
        for (String k : List.of("blocks", "latency_ms", "proxy_accuracy")) assertEquals(s.path("cpu_winner").path(k), r.path("cpu_winner").path(k), k);
        assertEquals(s.path("family"), r.path("family"));
        assertEquals(Files.readString(a.resolve("search-edgetpu/history.csv")), Files.readString(b.resolve("search-edgetpu/history.csv")));
        assertEquals(Files.readString(a.resolve("search-cpu/history.csv")), Files.readString(b.resolve("search-cpu/history.csv")));
        assertTrue(Files.mismatch(a.resolve("model/winner-int8.tflite"), b.resolve("model/winner-int8.tflite")) < 0, "identical int8 model");
        assertSelfContained(Files.readString(b.resolve("report.html")));

        // a time budget too short for the work: every stage still finishes, the searches stop at their first checkpoint
        // with a prefix of the uninterrupted history, and the report and summary say what was cut
        Path c = tmp.resolve("c");
        Cli.Result cut = run(with(tiny(c, "--threads", "2"), "--time-budget", "2s"));
        assertEquals(0, cut.exitCode(), cut.err());
        JsonNode cs = JSON.readTree(c.resolve("summary.json").toFile());
        assertEquals("cut", cs.path("stages").path("search-edgetpu").path("status").asText());
        assertTrue(cs.path("cuts").toString().contains("search-edgetpu stopped at its share of the time budget after 8 of 10 evaluations"),
                cs.path("cuts").toString());
        List<String> full10 = Files.readAllLines(a.resolve("search-edgetpu/history.csv"));
        assertEquals(full10.subList(0, 9), Files.readAllLines(c.resolve("search-edgetpu/history.csv")), "header + the first 8 candidates");
        String cutHtml = Files.readString(c.resolve("report.html"));
        assertTrue(cutHtml.contains("Cut by the time budget") && cutHtml.contains("after 8 of 10 evaluations"));
        assertTrue(cut.out().contains("search-edgetpu stopped at its share"), cut.out());
    }

    /** No external resources: no http(s) URL in a src or href, every image a data: URI, no scripts or external stylesheets. */
    static void assertSelfContained(String html) {
        Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html);
        assertFalse(m.find(), () -> "external reference: " + html.substring(Math.max(0, m.start() - 40), Math.min(html.length(), m.end() + 60)));
        Matcher img = Pattern.compile("(?i)<img[^>]*\\ssrc=\"([^\"]{0,16})").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            assertTrue(img.group(1).startsWith("data:image/"), "inlined image: " + img.group(1));
        }
        assertTrue(images > 0);
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.toLowerCase().contains("<link"), "no linked stylesheets");
        assertFalse(html.toLowerCase().contains("url(http"), "no remote CSS resources");
        assertTrue(html.contains("<style>"), "an embedded stylesheet");
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }

    @Test
    void stageSharesAddUpToTheWholeTimeBudget() {
        double sum = 0;
        for (Stage st : Stage.values()) {
            assertTrue(st.share() > 0, st.id());
            sum += st.share();
        }
        assertEquals(1.0, sum, 1e-9);
    }

    @Test
    void durationsParseInHoursMinutesAndSeconds() {
        assertEquals(900, PipelineCommand.parseDuration("15m"), 1e-9);
        assertEquals(900, PipelineCommand.parseDuration("900s"), 1e-9);
        assertEquals(900, PipelineCommand.parseDuration("900"), 1e-9);
        assertEquals(5400, PipelineCommand.parseDuration("1h30m"), 1e-9);
        assertEquals(150, PipelineCommand.parseDuration("2.5m"), 1e-9);
        for (String bad : List.of("", "m", "15x", "0s", "15m soon", "-5m")) {
            org.junit.jupiter.api.Assertions.assertThrows(dev.edgetpunas.cli.BadInputException.class, () -> PipelineCommand.parseDuration(bad), bad);
        }
    }

    @Test
    void badOptionsAreOneLineAndExitCodeTwo(@TempDir Path tmp) {
        Cli.Result r = Cli.run("pipeline", "--out", tmp.toString(), "--time-budget", "soon");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--time-budget must be a duration"), r.err());
        r = Cli.run("pipeline", "--out", tmp.toString(), "--stop-after", "nowhere");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("stage must be one of reference, search-edgetpu"), r.err());
        r = Cli.run("pipeline", "--out", tmp.toString(), "--sample", "20", "--population", "8");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--sample 20 must not exceed --population 8"), r.err());
        r = Cli.run("pipeline", "--out", tmp.resolve("out").toString(), "--data", tmp.resolve("no-data").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("has no train-images-idx3-ubyte.gz") && r.err().contains("Fashion-MNIST not found"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written for bad input");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
