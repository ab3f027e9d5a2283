package dev.edgetpunas.nas.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a process joins the search cluster: the cluster name, the members to contact (TCP/IP join) or a
 * Kubernetes service (Kubernetes discovery), this member's port, address and timings. Multicast is
 * never used.
 *
 * <pre>{@code
 * ClusterSettings s = ClusterSettings.of("nas", List.of("10.0.0.5", "10.0.0.6:5702"), 5701);
 * s.memberAddresses();   // [10.0.0.5:5701, 10.0.0.6:5702]
 * }</pre>
 *
 * @param clusterName the cluster name (members with another name never join)
 * @param members the members to contact, {@code host} or {@code host:port} ({@code host} means
 *     {@code host:port} with this member's port); empty with Kubernetes discovery
 * @param port the port this member listens on (no auto-increment: a busy port is an error)
 * @param kubernetesService the Kubernetes service whose endpoints are the members (instead of {@code members})
 * @param bindAddress the local address to bind and advertise (empty: Hazelcast picks an interface)
 * @param publicAddress the {@code host:port} other members should use to reach this one (behind NAT)
 * @param heartbeat how often members send heartbeats
 * @param memberTimeout a member silent this long is removed (its tasks are then lost and retried)
 * @param joinTimeout how long a new member looks for the others before it gives up or starts alone
 */
public record ClusterSettings(String clusterName, List<String> members, int port, Optional<String> kubernetesService,
        Optional<String> bindAddress, Optional<String> publicAddress, Duration heartbeat, Duration memberTimeout, Duration joinTimeout) {

    /** The default member port (Hazelcast's). */
    public static final int DEFAULT_PORT = 5701;

    public ClusterSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) throw new IllegalArgumentException("--cluster must not be blank");
        members = List.copyOf(members);
        Objects.requireNonNull(kubernetesService, "kubernetesService");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicAddress, "publicAddress");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--port must be in 1..65535, but was " + port);
        if (kubernetesService.isPresent() && !members.isEmpty()) {
            throw new IllegalArgumentException("give --members or --k8s-service, not both");
        }
        if (kubernetesService.isEmpty() && members.isEmpty()) {
            throw new IllegalArgumentException("--members host1,host2 (or --k8s-service NAME) is required to find the cluster");
        }
        for (String m : members) parseMember(m, port);
        positive("heartbeat", heartbeat);
        positive("member timeout", memberTimeout);
        positive("join timeout", joinTimeout);
        if (memberTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("member timeout " + memberTimeout.toSeconds() + " s must exceed the heartbeat " + heartbeat.toSeconds() + " s");
        }
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.toSeconds() < 1) throw new IllegalArgumentException(what + " must be >= 1 s, but was " + d);
    }

    /** Settings with TCP/IP join to {@code members}, default timings (heartbeat 5 s, member timeout 60 s, join 10 s). */
    public static ClusterSettings of(String clusterName, List<String> members, int port) {
        return new ClusterSettings(clusterName, members, port, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** Settings with Kubernetes discovery through {@code service}. */
    public static ClusterSettings kubernetes(String clusterName, String service, int port) {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("--k8s-service must not be blank");
        return new ClusterSettings(clusterName, List.of(), port, Optional.of(service), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** Splits {@code "host1,host2:5702"} into members. */
    public static List<String> splitMembers(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) return out;
        for (String s : list.split(",")) {
            if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    public ClusterSettings withPort(int p) {
        return new ClusterSettings(clusterName, members, p, kubernetesService, bindAddress, publicAddress, heartbeat, memberTimeout, joinTimeout);
    }

    public ClusterSettings withBindAddress(String host) {
        return new ClusterSettings(clusterName, members, port, kubernetesService, Optional.of(host), publicAddress, heartbeat, memberTimeout,
                joinTimeout);
    }

    public ClusterSettings withPublicAddress(String hostPort) {
        return new ClusterSettings(clusterName, members, port, kubernetesService, bindAddress, Optional.of(hostPort), heartbeat, memberTimeout,
                joinTimeout);
    }

    /** Faster failure detection and joining (tests, or a small cluster on a reliable network). */
    public ClusterSettings withTimings(Duration heartbeatEvery, Duration memberTimeoutAfter, Duration joinWithin) {
        return new ClusterSettings(clusterName, members, port, kubernetesService, bindAddress, publicAddress, heartbeatEvery, memberTimeoutAfter,
                joinWithin);
    }

    /** The members as {@code host:port}. */
    public List<String> memberAddresses() {
        List<String> out = new ArrayList<>();
        for (String m : members) {
            HostPort hp = parseMember(m, port);
            out.add(hp.host() + ":" + hp.port());
        }
        return out;
    }

    /** A member address. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** Reads {@code host}, {@code host:port} or {@code [ipv6]:port}. */
    public static HostPort parseMember(String m, int defaultPort) {
        String s = m.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("--members: empty member");
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("--members: '" + m + "' has '[' without ']'");
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("--members: '" + m + "': expected ':PORT' after ']'");
                port = port(rest.substring(1), m);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), m);
        }
        if (host.isBlank()) throw new IllegalArgumentException("--members: '" + m + "' has no host");
        return new HostPort(host, port);
    }

    private static int port(String text, String member) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--members: '" + member + "' has a bad port '" + text + "' (expected 1..65535)");
        }
    }
}
