package dev.edgetpunas.nas.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings that determine a search's history (everything but the budget and the thread count). A
 * checkpoint stores them, and a resume must match them exactly.
 *
 * <pre>{@code
 * engine.settings().population();   // 10
 * }</pre>
 *
 * @param space the space's description ({@code nasbench201(cifar10)}, {@code edgetpu(swish_and_se=false)})
 * @param accuracy the accuracy estimator's name ({@code nb201:cifar10}, {@code cmd}, {@code proxy})
 * @param algorithm evolution or random
 * @param seed the search seed
 * @param population P
 * @param sample S
 * @param schedule batched(B), ordered(W) or async(W): which population state each child comes from
 * @param objective the objective (kind, target, exponent)
 */
public record EngineSettings(String space, String accuracy, Algorithm algorithm, long seed, int population, int sample, Schedule schedule,
        Objective objective) {
    public EngineSettings {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(schedule, "schedule");
        if (population < 2) throw new IllegalArgumentException("population must be >= 2, but was " + population);
        if (sample < 1 || sample > population) throw new IllegalArgumentException("sample must be in 1.." + population + ", but was " + sample);
    }

    /**
     * The schedule's size: the batch size B of a batched schedule, the in-flight limit W of an ordered
     * or async one (in each, the number of children generated from one population state at most).
     */
    public int batchSize() {
        return schedule.size();
    }

    /** The keys in which {@code other} differs from this, as {@code key: this vs other}. */
    public List<String> differences(EngineSettings other) {
        List<String> d = new ArrayList<>();
        diff(d, "space", space, other.space);
        diff(d, "accuracy", accuracy, other.accuracy);
        diff(d, "algorithm", algorithm.id(), other.algorithm.id());
        diff(d, "seed", seed, other.seed);
        diff(d, "population", population, other.population);
        diff(d, "sample", sample, other.sample);
        diff(d, "schedule", schedule.toString(), other.schedule.toString());
        diff(d, "objective", objective.kind().id(), other.objective.kind().id());
        diff(d, "target_ms", objective.targetMs(), other.objective.targetMs());
        diff(d, "reward_exponent", objective.exponent(), other.objective.exponent());
        return d;
    }

    private static void diff(List<String> out, String key, Object a, Object b) {
        if (!a.equals(b)) out.add(key + ": " + a + " vs " + b);
    }
}
