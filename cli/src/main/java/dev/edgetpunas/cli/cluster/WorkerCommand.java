package dev.edgetpunas.cli.cluster;

import dev.edgetpunas.nas.cluster.ClusterSettings;
import dev.edgetpunas.nas.cluster.Worker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas worker}: runs search trials for drivers on the cluster until stopped (Ctrl-C or
 * SIGTERM leave the cluster gracefully; the driver retries the trials that were running).
 *
 * <pre>{@code
 * ./edgetpu-nas worker --cluster nas --members 10.0.0.5,10.0.0.6 --threads 4
 * }</pre>
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run search trials for the cluster's drivers until stopped.",
            "Start one per machine; 'edgetpu-nas search --cluster NAME --members ...' sends it work."})
public final class WorkerCommand implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Option(names = "--threads", paramLabel = "K", description = "Trials at once (default: all processors).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        ClusterSettings s = cluster.settings();
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (k < 1) throw new IllegalArgumentException("--threads must be >= 1, but was " + k);
        Worker w = Worker.start(s, k);
        Thread hook = new Thread(w::close, "edgetpu-nas-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("worker " + w.address() + " joined cluster " + s.clusterName() + " with " + k + " trial slot" + (k == 1 ? "" : "s")
                + "; members:");
        for (String m : w.members()) System.err.println("  " + m);
        System.err.println("stop it with Ctrl-C (trials running here are retried elsewhere)");
        System.err.flush();
        w.awaitShutdown();
        return 0;
    }
}
