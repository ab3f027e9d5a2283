package dev.edgetpunas.nas.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;

/** Clusters on the loopback interface for tests: free fixed ports, fast failure detection, quiet logs. */
final class Loopback {
    private static final SplittableRandom RANDOM = new SplittableRandom(System.nanoTime());

    private Loopback() {}

    /** {@code n} consecutive ports, free now, from a random range (so parallel builds do not clash). */
    static synchronized int[] freePorts(int n) {
        for (int tries = 0; tries < 200; tries++) {
            int base = 20000 + RANDOM.nextInt(40000);
            int[] ports = new int[n];
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ports[i] = base + i;
                try (ServerSocket s = new ServerSocket(ports[i], 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) return ports;
        }
        throw new IllegalStateException("no " + n + " free ports on the loopback interface");
    }

    /** Settings for a member on {@code port} of a cluster whose members listen on {@code memberPorts}. */
    static ClusterSettings settings(String name, int port, int... memberPorts) {
        Logging.level(Level.SEVERE); // killed members make Hazelcast warn; the tests check the outcome
        List<String> members = new ArrayList<>();
        for (int p : memberPorts) members.add("127.0.0.1:" + p);
        return ClusterSettings.of(name, members, port).withBindAddress("127.0.0.1")
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    static String clusterName() {
        return "nas-test-" + Long.toHexString(RANDOM.nextLong() & 0xffffffffL);
    }
}
