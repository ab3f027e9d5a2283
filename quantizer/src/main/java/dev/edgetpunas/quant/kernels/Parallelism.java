package dev.edgetpunas.quant.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a kernel splits its output rows: serially, or into at most {@code parallelism} contiguous
 * chunks run on an {@link Executor} (the calling thread runs the last chunk and waits for the rest).
 * Every output element is written by exactly one chunk and no reduction crosses chunks, so results are
 * identical for any thread count.
 *
 * <pre>{@code
 * try (Parallelism p = Parallelism.threads(4)) {
 *     conv.run(input, output, p);
 * }
 * conv.run(input, output, Parallelism.serial());
 * }</pre>
 */
public final class Parallelism implements AutoCloseable {

    private static final Parallelism SERIAL = new Parallelism(null, 1, null);

    private final Executor executor;
    private final int parallelism;
    private final ExecutorService owned;

    private Parallelism(Executor executor, int parallelism, ExecutorService owned) {
        this.executor = executor;
        this.parallelism = parallelism;
        this.owned = owned;
    }

    /** Run everything on the calling thread. */
    public static Parallelism serial() {
        return SERIAL;
    }

    /** Split into at most {@code parallelism} chunks on a caller-owned executor (not shut down by {@link #close()}). */
    public static Parallelism of(Executor executor, int parallelism) {
        if (executor == null) throw new IllegalArgumentException("executor must not be null");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, but was " + parallelism);
        return parallelism == 1 ? SERIAL : new Parallelism(executor, parallelism, null);
    }

    /** {@code threads} threads in total: the caller plus a daemon pool of {@code threads - 1}, shut down by {@link #close()}. */
    public static Parallelism threads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        if (threads == 1) return SERIAL;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "quant-kernel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, factory);
        return new Parallelism(pool, threads, pool);
    }

    /** The maximum number of chunks. */
    public int parallelism() {
        return parallelism;
    }

    /** A body that processes the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes items {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into contiguous chunks; returns when all are done and
     * rethrows the first failure.
     */
    public void forRange(int n, RangeBody body) {
        if (n <= 0) return;
        int chunks = Math.min(parallelism, n);
        if (chunks == 1 || executor == null) {
            body.run(0, n);
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(chunks - 1);
        for (int c = 0; c < chunks - 1; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(CompletableFuture.runAsync(() -> body.run(from, to), executor));
        }
        RuntimeException mine = null;
        try {
            body.run((int) ((long) n * (chunks - 1) / chunks), n);
        } catch (RuntimeException e) {
            mine = e;
        }
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (mine == null) {
                    mine = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (mine != null) throw mine;
    }

    /** Shuts down the pool created by {@link #threads(int)}; no-op otherwise. */
    @Override
    public void close() {
        if (owned != null) owned.shutdownNow();
    }
}
