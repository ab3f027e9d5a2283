package dev.edgetpunas.training.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every kernel with a reduction gives bit-identical results with 1, 2 and 3 threads. */
class DeterminismTest {

    private static void sameForAnyThreadCount(Function<Parallel, List<float[]>> run) {
        List<float[]> first = null;
        for (int t = 1; t <= 3; t++) {
            try (Parallel par = Parallel.of(t)) {
                List<float[]> now = run.apply(par);
                if (first == null) first = now;
                else for (int i = 0; i < now.size(); i++) assertArrayEquals(first.get(i), now.get(i), "result " + i + " with " + t + " threads");
            }
        }
    }

    @Test
    void fullyConnectedGradientsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 37, in = 300, out = 23;
        float[] x = GradCheck.randn(r, n * in), w = GradCheck.randn(r, out * in), b = GradCheck.randn(r, out), dy = GradCheck.randn(r, n * out);
        sameForAnyThreadCount(par -> {
            FullyConnected fc = FullyConnected.plan(n, in, out);
            float[] y = new float[n * out], dx = new float[n * in], dw = new float[out * in], db = new float[out];
            fc.forward(par, x, w, b, y);
            fc.backward(par, x, w, dy, dx, dw, db);
            return List.of(y, dx, dw, db);
        });
    }

    @Test
    void batchNormStatisticsAndGradientsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(2);
        int[] shape = {9, 17, 15, 6}; // 2295 rows: three shards
        int size = Shapes.size(shape);
        float[] x = GradCheck.randn(r, size), g = GradCheck.randn(r, 6), b = GradCheck.randn(r, 6), dy = GradCheck.randn(r, size);
        sameForAnyThreadCount(par -> {
            BatchNorm bn = BatchNorm.plan(shape);
            float[] rm = new float[6], rv = new float[6], y = new float[size], dx = new float[size], dg = new float[6], db = new float[6];
            java.util.Arrays.fill(rv, 1f);
            bn.forwardTraining(par, x, g, b, rm, rv, 0.99f, BatchNorm.EPSILON, y);
            bn.backwardTraining(par, x, g, dy, dx, dg, db);
            return List.of(y, dx, dg, db, rm, rv);
        });
    }

    @Test
    void depthwiseConvPoolingMeanAndBroadcastMulDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(3);
        int[] in = {4, 13, 11, 24};
        int size = Shapes.size(in);
        float[] x = GradCheck.randn(r, size), f = GradCheck.randn(r, 48 * 9), s = GradCheck.randn(r, 4 * 24);
        sameForAnyThreadCount(par -> {
            List<float[]> out = new ArrayList<>();
            Conv2d dw = Conv2d.plan(Conv2dSpec.of(3, 2, Padding.SAME).withGroups(24), in, new int[] {48, 3, 3, 1});
            float[] y = new float[Shapes.size(dw.outputShape())];
            float[] dx = new float[size], df = new float[f.length];
            dw.forward(par, x, f, null, y);
            dw.backward(par, x, f, y, dx, df, null);
            out.add(y);
            out.add(dx);
            out.add(df);
            Pool2d pool = Pool2d.plan(Pool2d.Kind.AVERAGE, Conv2dSpec.of(3, 2, Padding.SAME), in);
            float[] p = new float[Shapes.size(pool.outputShape())], dp = new float[size];
            pool.forward(par, x, p);
            pool.backward(par, x, p, dp);
            out.add(dp);
            float[] m = new float[4 * 24], dm = new float[size];
            Mean.forward(par, in, x, m);
            Mean.backward(par, in, m, dm);
            out.add(m);
            float[] prod = new float[size], da = new float[size], ds = new float[s.length];
            Elementwise.mul(par, in, x, new int[] {4, 1, 1, 24}, s, prod);
            Elementwise.mulBackward(par, in, x, new int[] {4, 1, 1, 24}, s, x, da, ds);
            out.add(prod);
            out.add(ds);
            return out;
        });
    }
}
