package dev.edgetpunas.training.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Central-difference gradient checks. The loss is {@code L = sum(out * r)} for a fixed random {@code r}
 * (so the analytic output gradient is {@code r}), accumulated in double. Kernels run in float32, so the
 * numerical derivative carries about {@code 1e-7 * |L| / h} of rounding noise; with {@code h = 1e-2} the
 * checks use {@code |analytic - numeric| <= ATOL + RTOL * max(|analytic|, |numeric|)}, ATOL = 2e-3,
 * RTOL = 2e-2 (smooth ops have O(h^2) truncation error, about 1e-4 here).
 */
final class GradCheck {
    static final double H = 1e-2;
    static final double ATOL = 2e-3;
    static final double RTOL = 2e-2;

    private GradCheck() {}

    static float[] randn(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) gaussian(r);
        return a;
    }

    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double dot(float[] out, float[] r, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) out[i] * r[i];
        return s;
    }

    /** Compares {@code analytic[i]} to the central difference of {@code loss} in {@code x[i]}, for every i. */
    static void check(String what, float[] x, int count, float[] analytic, DoubleSupplier loss) {
        for (int i = 0; i < count; i++) {
            float saved = x[i];
            x[i] = (float) (saved + H);
            double up = loss.getAsDouble();
            x[i] = (float) (saved - H);
            double down = loss.getAsDouble();
            x[i] = saved;
            double numeric = (up - down) / (2 * H);
            double a = analytic[i];
            if (Math.abs(a - numeric) > ATOL + RTOL * Math.max(Math.abs(a), Math.abs(numeric))) {
                fail(what + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
            }
        }
    }
}
