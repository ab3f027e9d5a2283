package dev.edgetpunas.nas.evolution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search produced: the full history in candidate order, the Pareto front, the best candidate,
 * counts and wall time.
 *
 * <pre>{@code
 * SearchResult r = engine.run(SearchListener.NONE);
 * r.best().map(Evaluation::genome);
 * r.failed();                        // failed trials, recorded and skipped
 * r.lost();                          // trials the infrastructure lost after their retries
 * }</pre>
 *
 * @param settings the settings the history depends on
 * @param budget the number of candidates asked for
 * @param history every candidate, in order
 * @param pareto the non-dominated successful candidates, by latency
 * @param best the best candidate under the objective (see {@link #bestOf})
 * @param wallSeconds wall time, summed over resumed runs
 */
public record SearchResult(EngineSettings settings, int budget, List<Evaluation> history, List<Evaluation> pareto, Optional<Evaluation> best,
        double wallSeconds) {
    public SearchResult {
        Objects.requireNonNull(settings, "settings");
        history = List.copyOf(history);
        pareto = List.copyOf(pareto);
        Objects.requireNonNull(best, "best");
    }

    /** Number of candidates evaluated. */
    public int evaluations() {
        return history.size();
    }

    /** Number of failed trials (the candidate itself failed). */
    public int failed() {
        return (int) history.stream().filter(e -> e.status() == Status.FAILED).count();
    }

    /** Number of lost trials (the evaluation infrastructure gave up on them). */
    public int lost() {
        return (int) history.stream().filter(e -> e.status() == Status.LOST).count();
    }

    /**
     * The best candidate: for the hard constraint, the most accurate feasible one (if none is feasible,
     * the highest reward); otherwise the highest reward (for Pareto, the soft reward, whose maximum lies
     * on the front). Ties go to the earliest.
     */
    public static Optional<Evaluation> bestOf(List<Evaluation> history, Objective objective) {
        Evaluation best = null;
        boolean hard = objective.kind() == Objective.Kind.MNAS_HARD;
        boolean anyFeasible = hard && history.stream().anyMatch(e -> e.succeeded() && objective.feasible(e.latencyMs()));
        for (Evaluation e : history) {
            if (!e.succeeded()) continue;
            if (anyFeasible) {
                if (!objective.feasible(e.latencyMs())) continue;
                if (best == null || e.accuracy() > best.accuracy()) best = e;
            } else if (best == null || e.reward() > best.reward()) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The most accurate successful candidate within the target latency, if any. */
    public Optional<Evaluation> bestFeasible() {
        Evaluation best = null;
        for (Evaluation e : history) {
            if (e.succeeded() && settings.objective().feasible(e.latencyMs()) && (best == null || e.accuracy() > best.accuracy())) best = e;
        }
        return Optional.ofNullable(best);
    }
}
