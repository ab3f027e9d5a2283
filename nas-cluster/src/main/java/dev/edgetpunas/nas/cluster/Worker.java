package dev.edgetpunas.nas.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A worker member: joins the cluster, announces its trial slots as a member attribute and runs the
 * trials the driver sends ({@link EvaluateTask}s) on that many threads. It holds no search state:
 * killing it loses only its trials in flight, which the driver retries elsewhere.
 *
 * <pre>{@code
 * try (Worker w = Worker.start(ClusterSettings.of("nas", List.of("10.0.0.5", "10.0.0.6"), 5701), 4)) {
 *     w.awaitShutdown();   // until the process is stopped
 * }
 * }</pre>
 */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance hz;
    private final int slots;
    private final CountDownLatch down = new CountDownLatch(1);

    private Worker(HazelcastInstance hz, int slots) {
        this.hz = hz;
        this.slots = slots;
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) down.countDown();
        });
        if (!hz.getLifecycleService().isRunning()) down.countDown();
    }

    /** Starts a worker member with {@code slots} (>= 1) trials at once. */
    public static Worker start(ClusterSettings settings, int slots) {
        Objects.requireNonNull(settings, "settings");
        if (slots < 1) throw new IllegalArgumentException("--threads must be >= 1, but was " + slots);
        return new Worker(Members.start(settings, Members.Role.WORKER, slots), slots);
    }

    /** The member's Hazelcast instance. */
    public HazelcastInstance instance() {
        return hz;
    }

    public int slots() {
        return slots;
    }

    /** This member's {@code host:port}. */
    public String address() {
        return Members.address(hz.getCluster().getLocalMember());
    }

    /** One line per cluster member (address, role, slots). */
    public List<String> members() {
        return Members.describe(hz);
    }

    /** Blocks until the member shuts down. */
    public void awaitShutdown() throws InterruptedException {
        down.await();
    }

    /** Leaves the cluster gracefully (running trials are lost and retried by the driver). */
    @Override
    public void close() {
        if (hz.getLifecycleService().isRunning()) hz.shutdown();
    }

    /** Stops at once, as a crash would (no goodbye to the cluster). */
    public void kill() {
        hz.getLifecycleService().terminate();
    }
}
