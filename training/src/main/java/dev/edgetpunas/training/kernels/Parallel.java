package dev.edgetpunas.training.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed pool of worker threads that runs index ranges in parallel. Kernels only hand it work whose
 * results do not depend on which thread runs which index (each index writes its own outputs, reductions
 * happen in a fixed order afterwards), so every kernel gives bit-identical results for any thread count.
 *
 * <pre>{@code
 * try (Parallel par = Parallel.of(2)) {
 *     par.forEach(rows, r -> out[r] = f(r));     // indices are claimed dynamically; outputs are disjoint
 * }
 * }</pre>
 */
public final class Parallel implements AutoCloseable {
    private static final Parallel SERIAL = new Parallel(1);
    /** Set on this class's worker threads: a nested {@code forEach} there runs inline (no deadlock). */
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final int threads;
    private final ExecutorService pool;

    private Parallel(int threads) {
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(() -> {
                    IN_WORKER.set(Boolean.TRUE);
                    r.run();
                }, "edgetpunas-kernel-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, tf);
        }
    }

    /** A pool of {@code threads} threads (the caller counts as one). */
    public static Parallel of(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        return threads == 1 ? SERIAL : new Parallel(threads);
    }

    /** The shared single-threaded instance (closing it does nothing). */
    public static Parallel serial() {
        return SERIAL;
    }

    /** Number of threads, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(i)} once for every {@code i} in {@code [0, count)}. Indices are claimed in
     * chunks of {@code grain} by whichever thread is free; the body must only write outputs owned by its
     * index. Exceptions thrown by the body are rethrown here (the first one). A call made from inside a
     * body on a worker thread runs its indices inline.
     */
    public void forEach(int count, int grain, IntConsumer body) {
        if (count <= 0) return;
        if (grain < 1) throw new IllegalArgumentException("grain must be >= 1, but was " + grain);
        int chunks = (count + grain - 1) / grain;
        if (pool == null || chunks == 1 || IN_WORKER.get()) {
            for (int i = 0; i < count; i++) body.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                int c;
                while (failure.get() == null && (c = next.getAndIncrement()) < chunks) {
                    int end = Math.min(count, (c + 1) * grain);
                    for (int i = c * grain; i < end; i++) body.accept(i);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        int helpers = Math.min(threads - 1, chunks - 1);
        CountDownLatch done = new CountDownLatch(helpers);
        for (int h = 0; h < helpers; h++) {
            pool.execute(() -> {
                try {
                    worker.run();
                } finally {
                    done.countDown();
                }
            });
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for kernel workers", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException(t);
    }

    /** {@link #forEach(int, int, IntConsumer)} with a grain of 1. */
    public void forEach(int count, IntConsumer body) {
        forEach(count, 1, body);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "Parallel[threads=" + threads + "]";
    }
}
