package dev.edgetpunas.cli;

import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.search.LatencyTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A search's progress bar on stderr (me.tongfei:progressbar): evaluations done of the budget, rate,
 * elapsed time and ETA, and the best candidate and failed trials so far. Shown only when stderr is a
 * terminal, so logs and pipes stay clean.
 *
 * <pre>{@code
 * ProgressListener p = ProgressListener.forStderr("nasbench201 evolution");
 * try { SearchRun.builder(config).listener(p) ... .run(); } finally { p.close(); }
 * }</pre>
 */
public final class ProgressListener implements SearchListener, AutoCloseable {
    private final String task;
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private ProgressBar targetBar;
    private Evaluation best;
    private int failed;

    /** A bar rendered by {@code consumer}; {@code null} gives a listener that shows nothing. */
    ProgressListener(String task, ProgressBarConsumer consumer) {
        this.task = task;
        this.consumer = consumer;
    }

    /** A bar on stderr if stderr is a terminal, else a listener that shows nothing. */
    static ProgressListener forStderr(String task) {
        return new ProgressListener(task, stderrIsTerminal() ? new ConsoleProgressBarConsumer(System.err) : null);
    }

    /**
     * True if file descriptor 2 is a terminal: on Linux read from {@code /proc/self/fd/2}, elsewhere
     * approximated by {@link System#console()} (stdin and stdout are terminals).
     */
    public static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.console() != null;
    }

    /** A bar for the default target's latency computation (the space's median), closed when it is done. */
    LatencyTarget.Progress targetProgress() {
        return (done, total) -> {
            if (consumer == null) return;
            synchronized (this) {
                if (targetBar == null) {
                    if (done >= total) return;
                    targetBar = new ProgressBarBuilder().setTaskName("latency target (median)").setInitialMax(total).setConsumer(consumer)
                            .setUpdateIntervalMillis(250).setUnit(" nets", 1).showSpeed().build();
                }
                targetBar.stepTo(Math.max(done, targetBar.getCurrent()));
                if (done >= total) {
                    targetBar.close();
                    targetBar = null;
                }
            }
        };
    }

    @Override
    public void started(int done, int budget) {
        if (consumer == null) return;
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(budget).setConsumer(consumer).setUpdateIntervalMillis(250)
                .setUnit(" evals", 1).showSpeed().startsFrom(done, Duration.ZERO).build();
        bar.setExtraMessage(done > 0 ? "resumed at " + done : "");
    }

    @Override
    public void evaluated(Evaluation e, int done, int budget) {
        if (!e.succeeded()) failed++;
        else if (best == null || e.reward() > best.reward()) best = e;
        if (bar == null) return;
        bar.stepTo(done);
        StringBuilder m = new StringBuilder();
        if (best != null) m.append(String.format(Locale.ROOT, "best %.2f%% %.3fms", 100 * best.accuracy(), best.latencyMs()));
        if (failed > 0) m.append(m.length() > 0 ? ", " : "").append(failed).append(" failed");
        bar.setExtraMessage(m.toString());
    }

    @Override
    public void finished(SearchResult result) {
        close();
    }

    @Override
    public synchronized void close() {
        if (targetBar != null) {
            targetBar.close();
            targetBar = null;
        }
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
