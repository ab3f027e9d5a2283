package dev.edgetpunas.nas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and starts the embedded Hazelcast members of a search cluster: workers (run trials), the
 * driver (a lite member: holds no data, runs no trials) and the connectivity check. TCP/IP join with
 * the given members or Kubernetes discovery; multicast, auto-detection, phone-home and the CP
 * subsystem are off; logging goes to JDK logging at WARNING ({@link Logging#quiet()}).
 *
 * <pre>{@code
 * HazelcastInstance w = Members.start(settings, Members.Role.WORKER, 4);   // 4 trial slots
 * Members.workers(w);                                                        // worker members of the cluster
 * }</pre>
 */
public final class Members {
    /** The executor that runs trials on workers. */
    public static final String EXECUTOR = "edgetpunas-trials";
    /** Member attribute: the member's role ({@link Role#id()}). */
    public static final String ROLE_ATTRIBUTE = "edgetpunas.role";
    /** Member attribute: how many trials a worker runs at once. */
    public static final String SLOTS_ATTRIBUTE = "edgetpunas.slots";
    /** The user-context key of a worker's evaluator cache. */
    static final String EVALUATORS = "edgetpunas.evaluators";
    /** The user-context key of a worker's count of finished trials. */
    static final String TRIALS = "edgetpunas.trials";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private Members() {}

    /** What a member does. */
    public enum Role {
        /** Runs trials. */
        WORKER("worker"),
        /** Runs the search (lite member). */
        DRIVER("driver"),
        /** Checks connectivity, then leaves (lite member). */
        CHECK("check");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The Hazelcast configuration of a member with {@code role} ({@code slots}: trials at once, workers only). */
    public static Config config(ClusterSettings s, Role role, int slots) {
        if (slots < 1) throw new IllegalArgumentException("slots must be >= 1, but was " + slots);
        Logging.quiet();
        Config c = new Config();
        c.setClusterName(s.clusterName());
        c.setInstanceName("edgetpunas-" + role.id() + "-" + s.port() + "-" + INSTANCES.incrementAndGet());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(s.heartbeat().toSeconds()));
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(s.memberTimeout().toSeconds()));
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.max.wait.seconds.before.join", Long.toString(Math.max(2, s.joinTimeout().toSeconds() / 2)));
        c.setProperty("hazelcast.max.join.seconds", Long.toString(s.joinTimeout().toSeconds()));
        c.setProperty("hazelcast.member.naming.moby.enabled", "false");
        c.getJetConfig().setEnabled(false);
        c.setLiteMember(role != Role.WORKER);
        c.getMemberAttributeConfig().setAttribute(ROLE_ATTRIBUTE, role.id());
        c.getMemberAttributeConfig().setAttribute(SLOTS_ATTRIBUTE, Integer.toString(slots));
        c.getExecutorConfig(EXECUTOR).setPoolSize(slots).setStatisticsEnabled(false);
        c.setUserContext(new ConcurrentHashMap<>());

        NetworkConfig n = c.getNetworkConfig();
        n.setPort(s.port()).setPortAutoIncrement(false);
        s.publicAddress().ifPresent(n::setPublicAddress);
        s.bindAddress().ifPresent(b -> {
            n.getInterfaces().setEnabled(true).addInterface(b);
            c.setProperty("hazelcast.socket.bind.any", "false");
            c.setProperty("hazelcast.local.localAddress", b);
        });
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        if (s.kubernetesService().isPresent()) {
            j.getTcpIpConfig().setEnabled(false);
            j.getKubernetesConfig().setEnabled(true).setProperty("service-name", s.kubernetesService().get());
        } else {
            j.getTcpIpConfig().setEnabled(true).setMembers(s.memberAddresses())
                    .setConnectionTimeoutSeconds((int) Math.max(1, Math.min(5, s.joinTimeout().toSeconds() / 2)));
        }
        return c;
    }

    /** Starts a member; a port in use or a bad address is an {@link IllegalStateException} naming them. */
    public static HazelcastInstance start(ClusterSettings s, Role role, int slots) {
        Config c = config(s, role, slots);
        try {
            return Hazelcast.newHazelcastInstance(c);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start a " + role.id() + " member on port " + s.port() + s.bindAddress().map(b -> " of " + b).orElse("")
                    + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The worker members of the cluster {@code hz} is in, in join order. */
    public static List<Member> workers(HazelcastInstance hz) {
        List<Member> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.isLiteMember() && Role.WORKER.id().equals(m.getAttribute(ROLE_ATTRIBUTE))) out.add(m);
        }
        return out;
    }

    /** The trial slots a member announces (1 if it does not say). */
    public static int slots(Member m) {
        try {
            return Math.max(1, Integer.parseInt(m.getAttribute(SLOTS_ATTRIBUTE)));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** {@code host:port} of a member. */
    public static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** One line per member: address, role, slots. */
    public static List<String> describe(HazelcastInstance hz) {
        List<String> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            String role = m.getAttribute(ROLE_ATTRIBUTE);
            out.add(String.format(Locale.ROOT, "%-22s %-7s%s%s", address(m), role == null ? "other" : role,
                    Role.WORKER.id().equals(role) ? " slots " + slots(m) : "", m.localMember() ? " (this process)" : ""));
        }
        return out;
    }
}
