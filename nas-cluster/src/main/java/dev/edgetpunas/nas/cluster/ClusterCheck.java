package dev.edgetpunas.nas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that this machine can join the search cluster, and says which direction fails when it
 * cannot: first a plain TCP connection to every listed member (outbound: this machine to the member),
 * then a join as a short-lived lite member, then every member connects back to this process's member
 * port (inbound: the member to this machine; Hazelcast members need both directions). Stops early
 * when no member is reachable.
 *
 * <pre>{@code
 * ClusterCheck.Report r = ClusterCheck.run(settings, Duration.ofSeconds(2));
 * r.ok();          // joined, every probe passed, at least one worker
 * r.lines();       // the member list, ports, each direction's outcome, the problems
 * }</pre>
 */
public final class ClusterCheck {
    private static final String EXECUTOR = "edgetpunas-check";

    private ClusterCheck() {}

    /**
     * One connection test.
     *
     * @param direction {@code outbound} (this machine to a member) or {@code inbound} (a member to this machine)
     * @param from where the connection starts ({@code host:port}, or "this machine")
     * @param to where it goes
     * @param failure why it failed, or null
     */
    public record Probe(String direction, String from, String to, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * What the check found.
     *
     * @param clusterName the cluster asked for
     * @param asked the members asked for ({@code host:port}; empty with Kubernetes discovery)
     * @param local this process's member address while it checked (empty if it never started)
     * @param joined whether it joined a cluster with other members
     * @param members the cluster's members (address, role, slots) as seen after joining
     * @param workers the number of worker members
     * @param probes every connection test
     * @param problems what is wrong, each with what to do
     */
    public record Report(String clusterName, List<String> asked, String local, boolean joined, List<String> members, int workers,
            List<Probe> probes, List<String> problems) {
        public Report {
            asked = List.copyOf(asked);
            members = List.copyOf(members);
            probes = List.copyOf(probes);
            problems = List.copyOf(problems);
        }

        /** Joined, every probe passed, and there is a worker. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The report for people: member list, ports, each direction, problems. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("cluster " + clusterName + ": members asked " + (asked.isEmpty() ? "(Kubernetes discovery)" : String.join(", ", asked))
                    + (local.isEmpty() ? "" : "; this process " + local));
            for (Probe p : probes) {
                out.add(String.format(Locale.ROOT, "%-9s %s -> %s: %s", p.direction(), p.from(), p.to(), p.ok() ? "ok" : "FAILED (" + p.failure() + ")"));
            }
            out.add(joined ? "joined    yes, " + members.size() + " members, " + workers + " worker" + (workers == 1 ? "" : "s") + ":" : "joined    no");
            for (String m : members) out.add("          " + m);
            for (String p : problems) out.add("problem   " + p);
            return out;
        }
    }

    /** Runs the check; each connection attempt waits at most {@code connectTimeout}. */
    public static Report run(ClusterSettings s, Duration connectTimeout) {
        Objects.requireNonNull(s, "settings");
        int timeout = (int) Math.max(100, connectTimeout.toMillis());
        List<Probe> probes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> asked = s.memberAddresses();
        int reachable = 0;
        for (String a : asked) {
            ClusterSettings.HostPort hp = ClusterSettings.parseMember(a, s.port());
            String f = connect(hp.host(), hp.port(), timeout);
            probes.add(new Probe("outbound", "this machine", a, f));
            if (f == null) reachable++;
            else problems.add("this machine cannot open a TCP connection to " + a + " (outbound: " + f + "): is a worker running there with --cluster "
                    + s.clusterName() + " --port " + hp.port() + "? Is the port open in its firewall?");
        }
        if (!asked.isEmpty() && reachable == 0) {
            return new Report(s.clusterName(), asked, "", false, List.of(), 0, probes, problems);
        }
        HazelcastInstance hz;
        try {
            hz = Members.start(s, Members.Role.CHECK, 1);
        } catch (IllegalStateException e) {
            problems.add(e.getMessage() + " (another member on this machine? use another --port)");
            return new Report(s.clusterName(), asked, "", false, List.of(), 0, probes, problems);
        }
        try {
            Member self = hz.getCluster().getLocalMember();
            String local = Members.address(self);
            List<Member> others = new ArrayList<>();
            for (Member m : hz.getCluster().getMembers()) if (!m.localMember()) others.add(m);
            boolean joined = !others.isEmpty();
            List<String> seen = new ArrayList<>();
            if (!joined) {
                String where = asked.isEmpty() ? "the Kubernetes service's members" : String.join(", ", asked);
                problems.add("did not join: " + where + (reachable > 0 ? " accept TCP connections, but" : "")
                        + " no member answered as cluster '" + s.clusterName() + "'. Check that --cluster is the same everywhere, and that the"
                        + " members can connect back to this machine at " + local + " (inbound: open port " + self.getAddress().getPort()
                        + ", or set --public-address HOST:PORT behind NAT)");
            } else {
                IExecutorService ex = hz.getExecutorService(EXECUTOR);
                for (Member m : others) {
                    String addr = Members.address(m);
                    seen.add(addr);
                    String f;
                    try {
                        Future<String> fut = ex.submitToMember(new ConnectBack(self.getAddress().getHost(), self.getAddress().getPort(), timeout), m);
                        f = fut.get(timeout + 5000L, TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        f = Members.rootMessage(e);
                    } catch (TimeoutException e) {
                        f = "no answer within " + (timeout + 5000) / 1000 + " s";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        f = "interrupted";
                    }
                    probes.add(new Probe("inbound", addr, "this machine (" + local + ")", f));
                    if (f != null) {
                        problems.add(addr + " cannot open a TCP connection back to this machine at " + local + " (inbound: " + f + "): open port "
                                + self.getAddress().getPort() + " here, or set --public-address HOST:PORT when this machine is behind NAT");
                    }
                }
                for (String a : asked) {
                    if (!seen.contains(a) && !a.equals(local)) {
                        problems.add(a + " is listed in --members but is not in the cluster (not running, another --cluster name, or it joined"
                                + " under another address: set --bind or --public-address there)");
                    }
                }
            }
            int workers = Members.workers(hz).size();
            if (joined && workers == 0) problems.add("no worker member in the cluster: start 'edgetpu-nas worker' on the machines that run trials");
            return new Report(s.clusterName(), asked, local, joined, joined ? Members.describe(hz) : List.of(), workers, probes, problems);
        } finally {
            hz.shutdown();
        }
    }

    /** Opens and closes a TCP connection; null if it connected, else why not. */
    static String connect(String host, int port, int timeoutMillis) {
        return ConnectBack.tryConnect(host, port, timeoutMillis);
    }
}
