package dev.edgetpunas.training.kernels;

import dev.edgetpunas.training.kernels.internal.GemmKernel;

/**
 * Dense single-precision matrix product {@code C = A * B} (row-major, {@code A} m x k, {@code B} k x n),
 * parallel over rows of {@code C}. Every element of {@code C} is summed over {@code k} in the same
 * order whatever the thread count, so results are bit-identical for any {@link Parallel}.
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * Gemm.multiply(Parallel.of(2), m, n, k, a, b, c);
 * }</pre>
 */
public final class Gemm {
    private Gemm() {}

    /** {@code c = a * b}; {@code c} is overwritten. */
    public static void multiply(Parallel par, int m, int n, int k, float[] a, float[] b, float[] c) {
        checkDim("m", m);
        checkDim("n", n);
        checkDim("k", k);
        checkLength("a", a, (long) m * k);
        checkLength("b", b, (long) k * n);
        checkLength("c", c, (long) m * n);
        float[][] bRows = new float[k][n];
        for (int t = 0; t < k; t++) System.arraycopy(b, t * n, bRows[t], 0, n);
        multiplyRows(par, m, n, k, a, bRows, c);
    }

    /**
     * {@code c = a * b} with {@code b} already given as {@code k} rows of length {@code >= n}: the form the
     * kernels use internally (no packing). {@code c} is overwritten.
     */
    public static void multiplyRows(Parallel par, int m, int n, int k, float[] a, float[][] bRows, float[] c) {
        int rowsPerChunk = 8;
        int chunks = (m + rowsPerChunk - 1) / rowsPerChunk;
        par.forEach(chunks, ch -> {
            float[] acc = new float[n];
            int end = Math.min(m, (ch + 1) * rowsPerChunk);
            for (int i = ch * rowsPerChunk; i < end; i++) {
                java.util.Arrays.fill(acc, 0f);
                GemmKernel.rowTimesRows(a, i * k, 1, bRows, 0, k, acc, n);
                System.arraycopy(acc, 0, c, i * n, n);
            }
        });
    }

    /** Floating-point operations of one product (2 m n k). */
    public static double flops(int m, int n, int k) {
        return 2.0 * m * n * k;
    }

    static void checkDim(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, but was " + v);
    }

    static void checkLength(String name, float[] a, long need) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (a.length < need) {
            throw new IllegalArgumentException(name + ".length must be >= " + need + ", but was " + a.length);
        }
    }
}
