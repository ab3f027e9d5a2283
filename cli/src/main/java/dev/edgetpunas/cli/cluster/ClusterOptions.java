package dev.edgetpunas.cli.cluster;

import dev.edgetpunas.nas.cluster.ClusterSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say how to join a search cluster ({@code --cluster}, {@code --members} or
 * {@code --k8s-service}, {@code --port}, {@code --bind}, {@code --public-address}), as a picocli mixin
 * for {@code worker}, {@code cluster check} and {@code search}. Holds text only: loading it loads no
 * Hazelcast class.
 *
 * <pre>{@code
 * @Mixin ClusterOptions cluster;
 * ClusterSettings s = cluster.settings();   // IllegalArgumentException (exit 2) for bad options
 * }</pre>
 */
public final class ClusterOptions {
    /** The cluster name when {@code --cluster} is not given. */
    public static final String DEFAULT_CLUSTER = "edgetpu-nas";

    @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name; members with another name never join (default: "
            + DEFAULT_CLUSTER + "; for search, giving it runs the trials on the cluster).")
    String cluster;

    @Option(names = "--members", paramLabel = "HOST[:PORT],...", description = "Members to contact (TCP/IP join); a member without :PORT uses --port.")
    String members;

    @Option(names = "--k8s-service", paramLabel = "NAME", description = "Find the members through this Kubernetes service instead of --members.")
    String k8sService;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701", description = "Port this member listens on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Local address to bind and announce (default: Hazelcast picks an interface).")
    String bind;

    @Option(names = "--public-address", paramLabel = "HOST:PORT", description = "Address the other members must use to reach this one (behind NAT).")
    String publicAddress;

    /** True if any cluster option was given (for {@code search}: run on the cluster). */
    public boolean given() {
        return cluster != null || members != null || k8sService != null || bind != null || publicAddress != null;
    }

    /** The cluster name (or the default). */
    public String name() {
        return cluster != null ? cluster : DEFAULT_CLUSTER;
    }

    /** The validated settings. */
    public ClusterSettings settings() {
        ClusterSettings s;
        if (k8sService != null) {
            if (members != null) throw new IllegalArgumentException("give --members or --k8s-service, not both");
            s = ClusterSettings.kubernetes(name(), k8sService, port);
        } else {
            List<String> m = ClusterSettings.splitMembers(members);
            if (m.isEmpty()) throw new IllegalArgumentException("--members HOST[:PORT],... (or --k8s-service NAME) is required to find the cluster");
            s = ClusterSettings.of(name(), m, port);
        }
        if (bind != null) s = s.withBindAddress(bind);
        if (publicAddress != null) s = s.withPublicAddress(publicAddress);
        return s;
    }
}
