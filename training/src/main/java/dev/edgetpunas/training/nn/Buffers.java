package dev.edgetpunas.training.nn;

import java.util.random.RandomGenerator;

/** Small helpers shared by the layers: buffer reuse and initialisers. */
final class Buffers {
    private Buffers() {}

    /** {@code buf} if it holds {@code n} floats, else a new array. */
    static float[] ensure(float[] buf, int n) {
        return buf != null && buf.length >= n ? buf : new float[n];
    }

    /** He-normal initialisation: N(0, 2 / fanIn), drawn in index order from {@code rng}. */
    static void heNormal(float[] w, int fanIn, RandomGenerator rng) {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextGaussian() * std);
    }

    static void requireRank(String layer, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(layer + " needs a rank-" + rank + " input, but got " + java.util.Arrays.toString(shape));
        }
    }
}
