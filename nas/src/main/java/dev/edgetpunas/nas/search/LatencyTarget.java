package dev.edgetpunas.nas.search;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The default latency target T: the median latency of the space, over all 15,625 cells for
 * {@code nasbench201}, over {@value #EDGETPU_SAMPLE} genomes sampled with the fixed seed
 * {@value #EDGETPU_SAMPLE_SEED} for {@code edgetpu} (fixed, so every search seed gets the same T).
 * The latencies land in the evaluator's cache, so the search does not compute them again.
 *
 * <pre>{@code
 * LatencyTarget t = LatencyTarget.median(evaluator, threads);
 * t.targetMs();   // e.g. 1.23
 * t.source();     // "median latency of all 15625 cells"
 * }</pre>
 *
 * @param targetMs the target in ms
 * @param source how it was chosen, for summary.json
 */
public record LatencyTarget(double targetMs, String source) {
    /** Genomes sampled for the edgetpu median. */
    public static final int EDGETPU_SAMPLE = 256;
    /** The sample's seed. */
    public static final long EDGETPU_SAMPLE_SEED = 20190806L;

    public LatencyTarget {
        if (!(targetMs > 0) || Double.isInfinite(targetMs)) throw new IllegalArgumentException("target_ms must be finite and > 0, but was " + targetMs);
    }

    /** The median latency of the evaluator's space. */
    public static LatencyTarget median(CandidateEvaluator<?> evaluator, int threads) {
        return median(evaluator, threads, (done, total) -> {});
    }

    /** Progress of the median's latency computation. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} genomes have a latency (called from any thread). */
        void update(int done, int total);
    }

    /** The median latency of the evaluator's space, reporting progress. */
    @SuppressWarnings("unchecked")
    public static LatencyTarget median(CandidateEvaluator<?> evaluator, int threads, Progress progress) {
        if (evaluator.space() instanceof NasBench201Space nb) {
            List<NasBench201Cell> all = nb.all().toList();
            double[] ms = ((CandidateEvaluator<NasBench201Cell>) evaluator).latenciesMs(all, threads, d -> progress.update(d, all.size()));
            return new LatencyTarget(median(ms), "median latency of all " + all.size() + " cells");
        }
        if (evaluator.space() instanceof EdgeTpuSpace et) {
            SplittableRandom rng = new SplittableRandom(EDGETPU_SAMPLE_SEED);
            List<EdgeTpuGenome> sample = new ArrayList<>(EDGETPU_SAMPLE);
            for (int i = 0; i < EDGETPU_SAMPLE; i++) sample.add(et.sample(rng));
            double[] ms = ((CandidateEvaluator<EdgeTpuGenome>) evaluator).latenciesMs(sample, threads, d -> progress.update(d, EDGETPU_SAMPLE));
            return new LatencyTarget(median(ms), "median latency of " + EDGETPU_SAMPLE + " genomes sampled with seed " + EDGETPU_SAMPLE_SEED);
        }
        throw new IllegalArgumentException("no default target for space " + evaluator.space().name() + "; give --target-ms");
    }

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("median of no values");
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
