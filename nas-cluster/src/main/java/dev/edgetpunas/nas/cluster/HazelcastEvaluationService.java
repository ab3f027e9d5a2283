package dev.edgetpunas.nas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.edgetpunas.nas.eval.Candidate;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.eval.LostTrialException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The driver's side of a cluster search: an {@link EvaluationService} that sends each candidate as
 * one {@link EvaluateTask} to a worker member (the one with the fewest trials in flight per slot) from
 * a lite member, and keeps the search's rules about failures:
 * <ul>
 *   <li>a lost attempt (the member left, the connection broke, no answer within the task timeout, no
 *       worker at all for that long) is an infrastructure failure: retried on another worker where
 *       there is one, up to {@code retries} times, each retry reported; then the candidate is
 *       {@link LostTrialException lost};</li>
 *   <li>a candidate that fails by itself (the estimator failed, the user's command exited non-zero, the
 *       task threw) is a failed trial, never retried;</li>
 *   <li>results are keyed by candidate: the first result wins, a late one (from an attempt that timed
 *       out but finished after all) is dropped and counted.</li>
 * </ul>
 *
 * <pre>{@code
 * HazelcastInstance driver = Members.start(settings, Members.Role.DRIVER, 1);
 * try (var svc = new HazelcastEvaluationService<NasBench201Cell>(driver, work, Options.defaults(), false)) {
 *     Trial t = svc.submit(candidate, RetryListener.NONE).join();
 * }
 * }</pre>
 *
 * @param <G> the genome type
 */
public final class HazelcastEvaluationService<G> implements EvaluationService<G> {
    private final HazelcastInstance driver;
    private final TrialWork work;
    private final Options options;
    private final boolean ownsDriver;
    private final IExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile boolean closed;

    /**
     * Retry and timeout rules.
     *
     * @param retries how many times a lost attempt is retried (>= 0)
     * @param taskTimeout an attempt without an answer for this long is lost (longer than any trial should take)
     * @param workerWait how long a candidate waits for a worker member to exist before the attempt is lost
     */
    public record Options(int retries, Duration taskTimeout, Duration workerWait) {
        public Options {
            if (retries < 0) throw new IllegalArgumentException("--retries must be >= 0, but was " + retries);
            Objects.requireNonNull(taskTimeout, "taskTimeout");
            Objects.requireNonNull(workerWait, "workerWait");
            if (taskTimeout.toMillis() < 1) throw new IllegalArgumentException("task timeout must be > 0, but was " + taskTimeout);
            if (workerWait.toMillis() < 1) throw new IllegalArgumentException("worker wait must be > 0, but was " + workerWait);
        }

        /** 3 retries, a task timeout of 2 h, 10 min to wait for a worker. */
        public static Options defaults() {
            return new Options(3, Duration.ofHours(2), Duration.ofMinutes(10));
        }
    }

    /**
     * A service submitting from {@code driver} (a lite member of the cluster), closing it on
     * {@link #close()} if {@code ownsDriver}.
     */
    public HazelcastEvaluationService(HazelcastInstance driver, TrialWork work, Options options, boolean ownsDriver) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.work = Objects.requireNonNull(work, "work");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsDriver = ownsDriver;
        this.executor = driver.getExecutorService(Members.EXECUTOR);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nas-cluster-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A factory that starts the driver member when the search creates its service (the service owns
     * and closes it); {@code work} is given the search's evaluator (the driver's, for its settings).
     */
    public static EvaluationService.Factory factory(ClusterSettings settings, Supplier<TrialWork> work, Options options) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(options, "options");
        return new EvaluationService.Factory() {
            @Override
            public <T> EvaluationService<T> create(CandidateEvaluator<T> evaluator) {
                TrialWork w = work.get();
                HazelcastInstance hz = Members.start(settings, Members.Role.DRIVER, 1);
                return new HazelcastEvaluationService<>(hz, w, options, true);
            }
        };
    }

    /** The driver member. */
    public HazelcastInstance driver() {
        return driver;
    }

    /** Results that arrived after their candidate already had one (dropped). */
    public long duplicatesDropped() {
        return duplicatesDropped.get();
    }

    /** Attempts sent to workers so far (first tries and retries). */
    public long attempts() {
        return attempts.get();
    }

    /** One candidate's evaluation across its attempts. */
    private final class Job {
        final Candidate<G> candidate;
        final RetryListener retries;
        final CompletableFuture<CandidateEvaluator.Trial> result = new CompletableFuture<>();
        int attempt = 1;
        UUID lastMember;
        long waitingSince = -1;
        ScheduledFuture<?> timeout;

        Job(Candidate<G> candidate, RetryListener retries) {
            this.candidate = candidate;
            this.retries = retries;
        }
    }

    @Override
    public CompletableFuture<CandidateEvaluator.Trial> submit(Candidate<G> c, RetryListener retries) {
        Objects.requireNonNull(c, "candidate");
        Job job = new Job(c, Objects.requireNonNull(retries, "retries"));
        dispatch(job, 1);
        return job.result;
    }

    private void dispatch(Job job, int attempt) {
        if (closed || job.result.isDone()) return;
        Member target;
        synchronized (job) {
            if (attempt != job.attempt) return;
            target = pick(job.lastMember);
            if (target == null) {
                long now = System.nanoTime();
                if (job.waitingSince < 0) job.waitingSince = now;
                if (now - job.waitingSince >= options.workerWait().toNanos()) {
                    job.waitingSince = -1;
                    lost(job, attempt, "no worker member for " + seconds(options.workerWait()) + " s");
                } else {
                    timer.schedule(() -> dispatch(job, attempt), 200, TimeUnit.MILLISECONDS);
                }
                return;
            }
            job.waitingSince = -1;
            job.lastMember = target.getUuid();
            job.timeout = timer.schedule(() -> lost(job, attempt, "no answer within " + seconds(options.taskTimeout()) + " s"),
                    options.taskTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        AtomicInteger count = inFlight.computeIfAbsent(target.getUuid(), u -> new AtomicInteger());
        count.incrementAndGet();
        attempts.incrementAndGet();
        Candidate<G> c = job.candidate;
        try {
            executor.submitToMember(new EvaluateTask(work, c.eval(), c.genomeText(), c.seed()), target, new ExecutionCallback<TrialResult>() {
                @Override
                public void onResponse(TrialResult r) {
                    count.decrementAndGet();
                    cancelTimeout(job, attempt);
                    if (!job.result.complete(r.toTrial())) duplicatesDropped.incrementAndGet();
                }

                @Override
                public void onFailure(Throwable t) {
                    count.decrementAndGet();
                    cancelTimeout(job, attempt);
                    String infra = infrastructure(t);
                    if (infra != null) {
                        lost(job, attempt, infra);
                    } else if (!job.result.complete(new CandidateEvaluator.Trial(Double.NaN, Double.NaN, "worker: " + Members.rootMessage(t), List.of()))) {
                        duplicatesDropped.incrementAndGet();
                    }
                }
            });
        } catch (RuntimeException e) {
            count.decrementAndGet();
            cancelTimeout(job, attempt);
            String infra = infrastructure(e);
            lost(job, attempt, infra != null ? infra : "cannot submit: " + e.getClass().getSimpleName());
        }
    }

    private void cancelTimeout(Job job, int attempt) {
        synchronized (job) {
            if (attempt == job.attempt && job.timeout != null) job.timeout.cancel(false);
        }
    }

    /** Attempt {@code attempt} of {@code job} was lost: retry it, or give up. Stale attempts are ignored. */
    private void lost(Job job, int attempt, String reason) {
        int next;
        synchronized (job) {
            if (job.result.isDone() || attempt != job.attempt || closed) return;
            if (attempt > options.retries()) {
                job.result.completeExceptionally(new LostTrialException(attempt, reason));
                return;
            }
            next = ++job.attempt;
        }
        try {
            job.retries.retrying(job.candidate.eval(), next, reason);
        } finally {
            dispatch(job, next);
        }
    }

    /** The worker with the fewest trials in flight per slot, preferring one other than {@code avoid}. */
    private Member pick(UUID avoid) {
        List<Member> workers = Members.workers(driver);
        if (workers.isEmpty()) return null;
        Member best = null;
        double bestLoad = Double.MAX_VALUE;
        for (Member m : workers) {
            if (workers.size() > 1 && m.getUuid().equals(avoid)) continue;
            AtomicInteger n = inFlight.get(m.getUuid());
            double load = (n == null ? 0 : n.get()) / (double) Members.slots(m);
            if (load < bestLoad) {
                best = m;
                bestLoad = load;
            }
        }
        return best;
    }

    /** The reason (no addresses) if {@code t} means the attempt was lost by the infrastructure, else null. */
    static String infrastructure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MemberLeftException) return "member left";
            if (c instanceof TargetNotMemberException) return "member no longer in the cluster";
            if (c instanceof TargetDisconnectedException) return "connection to the member lost";
            if (c instanceof HazelcastInstanceNotActiveException) return "member shutting down";
            if (c instanceof OperationTimeoutException) return "operation timed out";
            if (c instanceof RejectedExecutionException) return "member rejected the task (shutting down)";
        }
        return null;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        if (ownsDriver) driver.shutdown();
    }
}
