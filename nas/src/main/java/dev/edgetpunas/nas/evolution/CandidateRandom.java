package dev.edgetpunas.nas.evolution;

import java.util.SplittableRandom;

/**
 * The random stream of one candidate, derived only from the search seed and the candidate's index,
 * so any process (a thread, a resumed run, a cluster worker) can reproduce it.
 *
 * <pre>{@code
 * SplittableRandom rng = CandidateRandom.of(seed, 17);   // the same for everyone
 * }</pre>
 */
public final class CandidateRandom {
    private CandidateRandom() {}

    /** The generator of candidate {@code index} of the search seeded with {@code seed}. */
    public static SplittableRandom of(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed ^ 0x5DEECE66DL) + 0x9E3779B97F4A7C15L * (index + 1)));
    }

    /** SplitMix64's finalizer (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
