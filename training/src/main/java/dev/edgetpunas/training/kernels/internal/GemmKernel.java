package dev.edgetpunas.training.kernels.internal;

/**
 * The inner loops every matrix product in this module runs on: {@code c[j] += sum_t a_t * b_t[j]} over
 * whole rows. All arrays are indexed from 0 on purpose: HotSpot C2 (JDK 17) vectorizes these loops
 * (AVX2/AVX-512, fused multiply-add) only when every array access shares the same offset, which is
 * why the kernels keep matrices as arrays of rows rather than one flat array with row offsets.
 * The summation order is fixed: for each {@code j}, terms are added in the order of the arguments.
 */
public final class GemmKernel {
    private GemmKernel() {}

    /** {@code c[j] = fma(a, b[j], c[j])} for {@code j < n}. */
    public static void axpy(float a, float[] b, float[] c, int n) {
        for (int j = 0; j < n; j++) c[j] = Math.fma(a, b[j], c[j]);
    }

    /** {@code c[j] = fma(a[j], b[j], c[j])} for {@code j < n} (element-wise multiply-accumulate of rows). */
    public static void fmaRows(float[] a, float[] b, float[] c, int n) {
        for (int j = 0; j < n; j++) c[j] = Math.fma(a[j], b[j], c[j]);
    }

    /** {@code c[j] = a[j] * b[j]} for {@code j < n}. */
    public static void mulRows(float[] a, float[] b, float[] c, int n) {
        for (int j = 0; j < n; j++) c[j] = a[j] * b[j];
    }

    /** {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]} (as four nested fma, in that order). */
    public static void axpy4(float a0, float a1, float a2, float a3,
                             float[] b0, float[] b1, float[] b2, float[] b3, float[] c, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
    }

    /**
     * {@code c[j] += sum_{t<k} a[aOff + t*aStride] * b[bRow0 + t][j]} for {@code j < n}, four terms at a
     * time. {@code c} is not cleared.
     */
    public static void rowTimesRows(float[] a, int aOff, int aStride, float[][] b, int bRow0, int k, float[] c, int n) {
        int t = 0;
        for (; t + 3 < k; t += 4) {
            int o = aOff + t * aStride;
            axpy4(a[o], a[o + aStride], a[o + 2 * aStride], a[o + 3 * aStride],
                    b[bRow0 + t], b[bRow0 + t + 1], b[bRow0 + t + 2], b[bRow0 + t + 3], c, n);
        }
        for (; t < k; t++) axpy(a[aOff + t * aStride], b[bRow0 + t], c, n);
    }
}
