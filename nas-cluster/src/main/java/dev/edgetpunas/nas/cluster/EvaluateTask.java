package dev.edgetpunas.nas.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.edgetpunas.nas.eval.CandidateEvaluator;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One candidate's trial as a task for a worker: self-contained (the work description, the genome
 * text, the candidate index and its seed), so any worker, at any time, computes the same result. The
 * worker builds the evaluator once per work id and keeps it in its member's user context.
 *
 * <pre>{@code
 * executor.submitToMember(new EvaluateTask(work, 17, "|nor_conv_3x3~0|+|...|", seed), worker);
 * }</pre>
 */
public final class EvaluateTask implements Callable<TrialResult>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    /** Workers without a user context (not started by {@link Members}) share this cache. */
    private static final ConcurrentMap<String, CandidateEvaluator<?>> FALLBACK = new ConcurrentHashMap<>();

    private final TrialWork work;
    private final int eval;
    private final String genome;
    private final long seed;
    private transient HazelcastInstance member;

    public EvaluateTask(TrialWork work, int eval, String genome, long seed) {
        this.work = Objects.requireNonNull(work, "work");
        this.eval = eval;
        this.genome = Objects.requireNonNull(genome, "genome");
        this.seed = seed;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    @Override
    public TrialResult call() {
        CandidateEvaluator<?> ev = cache().computeIfAbsent(work.id(), k -> work.evaluator());
        TrialResult r = TrialResult.of(eval, evaluate(ev));
        if (member != null) {
            Object n = member.getUserContext().computeIfAbsent(Members.TRIALS, k -> new AtomicLong());
            if (n instanceof AtomicLong count) count.incrementAndGet();
        }
        return r;
    }

    /** Trials the worker {@code member} has finished (0 for a member that ran none). */
    public static long trialsRun(HazelcastInstance member) {
        return member.getUserContext().get(Members.TRIALS) instanceof AtomicLong n ? n.get() : 0;
    }

    private <G> CandidateEvaluator.Trial evaluate(CandidateEvaluator<G> ev) {
        return ev.evaluate(ev.space().parse(genome), seed);
    }

    @SuppressWarnings("unchecked")
    private ConcurrentMap<String, CandidateEvaluator<?>> cache() {
        if (member == null) return FALLBACK;
        Object c = member.getUserContext().computeIfAbsent(Members.EVALUATORS, k -> new ConcurrentHashMap<String, CandidateEvaluator<?>>());
        return c instanceof ConcurrentMap<?, ?> m ? (ConcurrentMap<String, CandidateEvaluator<?>>) m : FALLBACK;
    }
}
