package dev.edgetpunas.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.nas.cluster.ClusterCheck;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas cluster}: cluster utilities; {@code cluster check} tests that this machine can
 * join (exit 0) or says which member, port and direction fail (exit 1).
 *
 * <pre>{@code
 * ./edgetpu-nas cluster check --cluster nas --members 10.0.0.5,10.0.0.6 --port 5702
 * }</pre>
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Search-cluster utilities.",
        subcommands = {ClusterCommand.Check.class, CommandLine.HelpCommand.class})
public final class ClusterCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cluster check}. */
    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Check that this machine can join the cluster: TCP to every member (outbound),",
                "a join as a short-lived lite member, and every member connecting back (inbound).",
                "Exit 0 when all is well, 1 with the member, port and direction that failed."})
    public static final class Check implements Callable<Integer> {
        @Mixin ClusterOptions cluster;

        @Option(names = "--timeout", paramLabel = "S", defaultValue = "3", description = "Seconds per connection attempt (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (timeout < 1) throw new IllegalArgumentException("--timeout must be >= 1 s, but was " + timeout);
            ClusterCheck.Report r = ClusterCheck.run(cluster.settings(), Duration.ofSeconds(timeout));
            if (json) {
                ObjectNode o = Json.report();
                o.put("cluster", r.clusterName());
                o.put("ok", r.ok());
                ArrayNode asked = o.putArray("members_asked");
                r.asked().forEach(asked::add);
                o.put("this_process", r.local());
                o.put("joined", r.joined());
                o.put("workers", r.workers());
                ArrayNode members = o.putArray("members");
                r.members().forEach(m -> members.add(m.trim().replaceAll("\\s+", " ")));
                ArrayNode probes = o.putArray("probes");
                for (ClusterCheck.Probe p : r.probes()) {
                    ObjectNode n = probes.addObject();
                    n.put("direction", p.direction());
                    n.put("from", p.from());
                    n.put("to", p.to());
                    n.put("ok", p.ok());
                    if (!p.ok()) n.put("failure", p.failure());
                }
                ArrayNode problems = o.putArray("problems");
                r.problems().forEach(problems::add);
                System.out.println(Json.pretty(o));
            } else {
                r.lines().forEach(System.out::println);
            }
            if (!r.ok()) System.err.println("edgetpu-nas: cluster check failed: " + r.problems().get(0));
            return r.ok() ? 0 : 1;
        }
    }
}
