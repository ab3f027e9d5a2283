package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.nas.cluster.ClusterSettings;
import dev.edgetpunas.nas.cluster.Logging;
import dev.edgetpunas.nas.cluster.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search --cluster}, {@code cluster check} and {@code worker} in-process, against workers on the loopback interface. */
class ClusterCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int[] freePorts(int n) {
        SplittableRandom rnd = new SplittableRandom(System.nanoTime());
        for (int tries = 0; tries < 200; tries++) {
            int base = 20000 + rnd.nextInt(40000);
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) {
                int[] p = new int[n];
                for (int i = 0; i < n; i++) p[i] = base + i;
                return p;
            }
        }
        throw new IllegalStateException("no free ports");
    }

    private static Worker worker(String name, int port, int... members) {
        Logging.level(Level.SEVERE);
        List<String> m = java.util.Arrays.stream(members).mapToObj(p -> "127.0.0.1:" + p).toList();
        return Worker.start(ClusterSettings.of(name, m, port).withBindAddress("127.0.0.1")
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(4)), 2);
    }

    /** The command-line search on two workers writes the same history as the local search with the same seed and W. */
    @Test
    void clusterSearchFromTheCommandLineEqualsTheLocalOne(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        String name = "cli-" + Long.toHexString(System.nanoTime());
        int[] p = freePorts(3);
        List<String> common = List.of("search", "--space", "nasbench201", "--budget", "40", "--seed", "4", "--target-ms", "0.6", "--in-flight", "6");
        Cli.Result local = Cli.run(concat(common, "--out", dir.resolve("local").toString(), "--threads", "2"));
        assertEquals(0, local.exitCode(), local.err());
        try (Worker a = worker(name, p[0], p[0], p[1]); Worker b = worker(name, p[1], p[0], p[1])) {
            Cli.Result r = Cli.run(concat(common, "--out", dir.resolve("cluster").toString(), "--cluster", name, "--members",
                    "127.0.0.1:" + p[0] + ",127.0.0.1:" + p[1], "--port", Integer.toString(p[2]), "--bind", "127.0.0.1", "--json"));
            assertEquals(0, r.exitCode(), r.err());
            JsonNode s = JSON.readTree(r.out());
            assertEquals(name, s.path("cluster").asText());
            assertEquals("ordered", s.path("mode").asText());
            assertEquals(6, s.path("in_flight").asInt());
            assertEquals(0, s.path("lost").asInt());
        }
        assertEquals(Files.readString(dir.resolve("local").resolve("history.csv")), Files.readString(dir.resolve("cluster").resolve("history.csv")));
        assertTrue(Files.readString(dir.resolve("cluster").resolve("journal.jsonl")).startsWith("{\"event\":\"search\""));
    }

    @Test
    void clusterCheckPassesWithAWorkerAndFailsFastWithout() throws Exception {
        String name = "cli-" + Long.toHexString(System.nanoTime());
        int[] p = freePorts(3);
        try (Worker w = worker(name, p[0], p[0])) {
            Cli.Result ok = Cli.run("cluster", "check", "--cluster", name, "--members", "127.0.0.1:" + p[0], "--port", Integer.toString(p[1]),
                    "--bind", "127.0.0.1", "--timeout", "2");
            assertEquals(0, ok.exitCode(), ok.out() + ok.err());
            assertTrue(ok.out().contains("outbound  this machine -> 127.0.0.1:" + p[0] + ": ok"), ok.out());
            assertTrue(ok.out().contains("inbound   127.0.0.1:" + p[0] + " -> this machine"), ok.out());
            assertTrue(ok.out().contains("worker  slots 2"), ok.out());
        }
        Cli.Result bad = Cli.run("cluster", "check", "--cluster", name, "--members", "127.0.0.1:" + p[2], "--port", Integer.toString(p[1]),
                "--bind", "127.0.0.1", "--timeout", "1", "--json");
        assertEquals(1, bad.exitCode(), bad.out() + bad.err());
        JsonNode j = JSON.readTree(bad.out());
        assertEquals(false, j.path("ok").asBoolean());
        assertEquals("outbound", j.path("probes").get(0).path("direction").asText());
        assertEquals("127.0.0.1:" + p[2], j.path("probes").get(0).path("to").asText());
        assertTrue(bad.err().contains("127.0.0.1:" + p[2]), bad.err());
    }

    @Test
    void badClusterOptionsAreBadInput(@TempDir Path dir) {
        Cli.Result w = Cli.run("worker", "--cluster", "x");
        assertEquals(Main.EXIT_BAD_INPUT, w.exitCode());
        assertTrue(w.err().contains("--members"), w.err());
        Cli.Result r = Cli.run("search", "--space", "nasbench201", "--budget", "4", "--target-ms", "0.6", "--out", dir.toString(), "--retries", "2");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--cluster"), r.err());
        r = Cli.run("search", "--space", "nasbench201", "--budget", "4", "--target-ms", "0.6", "--out", dir.toString(), "--cluster", "x",
                "--members", "127.0.0.1:1", "--checkpoint", dir.resolve("c.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("journal"), r.err());
        r = Cli.run("search", "--space", "nasbench201", "--budget", "4", "--target-ms", "0.6", "--out", dir.toString(), "--mode", "sideways");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("sideways"), r.err());
    }

    private static String[] concat(List<String> a, String... more) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
