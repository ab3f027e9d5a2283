package dev.edgetpunas.nas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterCheckTest {
    @Test
    void checkJoinsAndListsTheMembersWithBothDirections() {
        String name = Loopback.clusterName();
        int[] p = Loopback.freePorts(2);
        try (Worker w = Worker.start(Loopback.settings(name, p[0], p[0]), 3)) {
            ClusterCheck.Report r = ClusterCheck.run(Loopback.settings(name, p[1], p[0]), Duration.ofSeconds(2));
            String text = String.join("\n", r.lines());
            assertTrue(r.ok(), text);
            assertTrue(r.joined());
            assertEquals(1, r.workers());
            assertTrue(r.probes().stream().anyMatch(x -> x.direction().equals("outbound") && x.ok()), text);
            assertTrue(r.probes().stream().anyMatch(x -> x.direction().equals("inbound") && x.ok()), text);
            assertTrue(text.contains("127.0.0.1:" + p[0]) && text.contains("worker  slots 3"), text);
        }
    }

    /** Nothing listens at the member's port: the check says so at once, naming the member, the port and the direction. */
    @Test
    void checkFailsFastNamingTheMemberAndTheDirection() {
        int[] p = Loopback.freePorts(2);
        long t0 = System.nanoTime();
        ClusterCheck.Report r = ClusterCheck.run(Loopback.settings(Loopback.clusterName(), p[1], p[0]), Duration.ofSeconds(2));
        double s = (System.nanoTime() - t0) / 1e9;
        String text = String.join("\n", r.lines());
        assertFalse(r.ok());
        assertFalse(r.joined());
        assertTrue(s < 5, "took " + s + " s");
        assertTrue(text.contains("outbound  this machine -> 127.0.0.1:" + p[0] + ": FAILED"), text);
        assertTrue(r.problems().get(0).contains("--port " + p[0]), text);
    }

    /** A member that answers TCP but belongs to another cluster: reachable outbound, but no join; the report says what to check. */
    @Test
    void checkOfAnotherClusterNameReportsNoJoin() {
        int[] p = Loopback.freePorts(2);
        try (Worker w = Worker.start(Loopback.settings(Loopback.clusterName(), p[0], p[0]), 1)) {
            ClusterCheck.Report r = ClusterCheck.run(Loopback.settings("another-name", p[1], p[0]), Duration.ofSeconds(2));
            String text = String.join("\n", r.lines());
            assertFalse(r.ok(), text);
            assertFalse(r.joined(), text);
            assertTrue(r.probes().get(0).ok(), text);
            assertTrue(text.contains("--cluster is the same everywhere") && text.contains("inbound"), text);
        }
    }
}
