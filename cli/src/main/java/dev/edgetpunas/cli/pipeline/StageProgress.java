package dev.edgetpunas.cli.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * One stage's progress on stderr: a progress bar (me.tongfei:progressbar) when stderr is a terminal,
 * otherwise a line when the stage starts, one at most every {@value #LOG_EVERY_S} seconds while it
 * runs, and one when it ends, so logs and pipes stay readable.
 *
 * <pre>{@code
 * try (StageProgress p = StageProgress.start(err, terminal, "[2/9] search-edgetpu", 48, " evals")) {
 *     p.stepTo(8, "best 61.2% at 2.53 ms");
 * }
 * }</pre>
 */
final class StageProgress implements AutoCloseable {
    static final int LOG_EVERY_S = 20;

    private final PrintStream err;
    private final String task;
    private final ProgressBar bar;
    private final String unit;
    private final long t0 = System.nanoTime();
    private long max;
    private long current;
    private long lastLog = System.nanoTime();

    private StageProgress(PrintStream err, String task, ProgressBar bar, long max, String unit) {
        this.err = err;
        this.task = task;
        this.bar = bar;
        this.max = max;
        this.unit = unit;
    }

    /** A bar (terminal) or log lines for {@code max} units of work ({@code max <= 0}: not counted). */
    static StageProgress start(PrintStream err, boolean terminal, String task, long max, String unit) {
        ProgressBar bar = null;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(max, 1)).setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(250).setUnit(unit, 1).showSpeed().startsFrom(0, Duration.ZERO).build();
        }
        return new StageProgress(err, task, bar, max, unit);
    }

    synchronized void maxHint(long n) {
        max = n;
        if (bar != null) bar.maxHint(Math.max(n, 1));
    }

    synchronized void stepTo(long n, String message) {
        current = n;
        if (bar != null) {
            bar.stepTo(n);
            if (message != null) bar.setExtraMessage(message.isEmpty() ? "" : " " + message); // the bar prints it right after the speed
            return;
        }
        if ((System.nanoTime() - lastLog) / 1e9 >= LOG_EVERY_S) {
            lastLog = System.nanoTime();
            err.printf(Locale.ROOT, "pipeline %s: %d%s%s, %.0f s%s%n", task, n, max > 0 ? "/" + max : "", unit, seconds(),
                    message == null || message.isEmpty() ? "" : ", " + message);
            err.flush();
        }
    }

    synchronized long current() {
        return current;
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
