package dev.edgetpunas.nas.cluster;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import java.io.Serializable;
import java.util.List;

/**
 * A trial's outcome as it travels back from a worker (a serializable {@link CandidateEvaluator.Trial}).
 *
 * <pre>{@code
 * TrialResult r = TrialResult.of(trial);
 * r.toTrial();   // equal to trial
 * }</pre>
 *
 * @param eval the candidate
 * @param accuracy fraction in [0, 1], NaN if the trial failed
 * @param latencyMs latency in ms, NaN if unknown
 * @param failure why the trial failed, or null
 * @param warnings what the estimator noticed
 */
public record TrialResult(int eval, double accuracy, double latencyMs, String failure, List<String> warnings) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrialResult {
        warnings = List.copyOf(warnings);
    }

    public static TrialResult of(int eval, CandidateEvaluator.Trial t) {
        return new TrialResult(eval, t.accuracy(), t.latencyMs(), t.failure(), t.warnings());
    }

    public CandidateEvaluator.Trial toTrial() {
        return new CandidateEvaluator.Trial(accuracy, latencyMs, failure, warnings);
    }
}
