package dev.edgetpunas.training.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests: for every kernel, analytic gradients equal central differences (tolerances in
 * {@link GradCheck}) on random small shapes. Inputs of piecewise ops are kept at least 3h from kinks, and
 * max-pool inputs are distinct by more than 2h, so the numerical derivative never straddles a kink.
 */
class KernelGradientTest {

    private static int[] randomShape(SplittableRandom r) {
        return new int[] {1 + r.nextInt(3), 1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(4)};
    }

    private static float awayFromKinks(float v, Activation a) {
        float[] kinks = switch (a) {
            case RELU -> new float[] {0f};
            case RELU6 -> new float[] {0f, 6f};
            case HARD_SWISH -> new float[] {-3f, 3f};
            default -> new float[0];
        };
        for (float k : kinks) {
            if (Math.abs(v - k) < 3 * GradCheck.H) v = k + (v >= k ? 1 : -1) * (float) (3 * GradCheck.H + 0.01);
        }
        return v;
    }

    @Test
    void activationGradientsMatchCentralDifferences() {
        qt().withFixedSeed(21).withExamples(40).forAll(integers().between(0, Activation.values().length - 1), longs().all())
                .checkAssert((ai, seed) -> {
                    Activation a = Activation.values()[ai];
                    SplittableRandom r = new SplittableRandom(seed);
                    int n = 1 + r.nextInt(64);
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) x[i] = awayFromKinks((float) (r.nextDouble() * 16 - 8), a);
                    float[] dy = GradCheck.randn(r, n);
                    float[] dx = new float[n];
                    float[] y = new float[n];
                    a.backward(Parallel.serial(), x, dy, dx, n);
                    GradCheck.check(a.name(), x, n, dx, () -> {
                        a.forward(Parallel.serial(), x, y, n);
                        return GradCheck.dot(y, dy, n);
                    });
                });
    }

    @Test
    void activationsHaveTheirDefiningValues() {
        assertEquals(6f, Activation.RELU6.apply(7f));
        assertEquals(0f, Activation.HARD_SWISH.apply(-3.5f), 0f);
        assertEquals(4f, Activation.HARD_SWISH.apply(4f));
        assertEquals(1f, Activation.LOGISTIC.apply(200f));
        assertEquals(0f, Activation.LOGISTIC.apply(-200f));
        assertEquals(0.5f * Activation.sigmoid(0.5f), Activation.SWISH.apply(0.5f), 1e-7);
        assertEquals(Math.tanh(0.3), Activation.TANH.apply(0.3f), 1e-6);
    }

    @Test
    void reluFamilyDerivativesAreZeroAtTheirKinksAndOutsideTheirLinearRange() {
        float[] x = {0f, -0f, 1f, -1f, 6f, 7f, 5.999f, Float.MIN_VALUE};
        float[] dy = {2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f};
        float[] dx = new float[x.length];
        Activation.RELU.backward(Parallel.serial(), x, dy, dx, x.length);
        assertArrayEquals(new float[] {0f, 0f, 2f, 0f, 2f, 2f, 2f, 2f}, dx);
        Activation.RELU6.backward(Parallel.serial(), x, dy, dx, x.length);
        assertArrayEquals(new float[] {0f, 0f, 2f, 0f, 0f, 0f, 2f, 2f}, dx);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Activation.RELU.derivative(x[i]) * 2f, i < 8 ? new float[] {0f, 0f, 2f, 0f, 2f, 2f, 2f, 2f}[i] : 0f, 0f);
        }
    }

    @Test
    void fullyConnectedGradientsMatchCentralDifferences() {
        qt().withFixedSeed(22).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(4), in = 1 + r.nextInt(9), out = 1 + r.nextInt(6);
            FullyConnected fc = FullyConnected.plan(n, in, out);
            float[] x = GradCheck.randn(r, n * in), wt = GradCheck.randn(r, out * in), b = GradCheck.randn(r, out);
            float[] rr = GradCheck.randn(r, n * out), y = new float[n * out];
            float[] dx = new float[x.length], dw = new float[wt.length], db = new float[out];
            fc.backward(Parallel.serial(), x, wt, rr, dx, dw, db);
            java.util.function.DoubleSupplier loss = () -> {
                fc.forward(Parallel.serial(), x, wt, b, y);
                return GradCheck.dot(y, rr, y.length);
            };
            GradCheck.check("dx", x, x.length, dx, loss);
            GradCheck.check("dw", wt, wt.length, dw, loss);
            GradCheck.check("db", b, b.length, db, loss);
            // forward oracle
            fc.forward(Parallel.serial(), x, wt, b, y);
            for (int i = 0; i < n; i++) for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < in; k++) s += (double) x[i * in + k] * wt[o * in + k];
                assertEquals(s, y[i * out + o], 1e-4 * (1 + Math.abs(s)));
            }
        });
    }

    @Test
    void batchNormTrainingAndInferenceGradientsMatchCentralDifferences() {
        qt().withFixedSeed(23).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] shape = randomShape(r);
            shape[0] = 2 + r.nextInt(2); // at least two rows per channel
            int size = Shapes.size(shape), c = shape[3];
            BatchNorm bn = BatchNorm.plan(shape);
            float[] x = GradCheck.randn(r, size), g = GradCheck.randn(r, c), b = GradCheck.randn(r, c);
            float[] rm = GradCheck.randn(r, c), rv = new float[c];
            for (int i = 0; i < c; i++) rv[i] = 0.5f + (float) r.nextDouble();
            float[] rr = GradCheck.randn(r, size), y = new float[size], dx = new float[size], dg = new float[c], db = new float[c];
            bn.forwardTraining(Parallel.serial(), x, g, b, null, null, 0.9f, BatchNorm.EPSILON, y);
            bn.backwardTraining(Parallel.serial(), x, g, rr, dx, dg, db);
            java.util.function.DoubleSupplier train = () -> {
                bn.forwardTraining(Parallel.serial(), x, g, b, null, null, 0.9f, BatchNorm.EPSILON, y);
                return GradCheck.dot(y, rr, size);
            };
            GradCheck.check("bn train dx", x, size, dx, train);
            GradCheck.check("bn train dgamma", g, c, dg, train);
            GradCheck.check("bn train dbeta", b, c, db, train);
            bn.backwardInference(Parallel.serial(), x, g, rm, rv, BatchNorm.EPSILON, rr, dx, dg, db);
            java.util.function.DoubleSupplier eval = () -> {
                bn.forwardInference(Parallel.serial(), x, g, b, rm, rv, BatchNorm.EPSILON, y);
                return GradCheck.dot(y, rr, size);
            };
            GradCheck.check("bn eval dx", x, size, dx, eval);
            GradCheck.check("bn eval dgamma", g, c, dg, eval);
            GradCheck.check("bn eval dbeta", b, c, db, eval);
        });
    }

    @Test
    void batchNormNormalisesTheBatchAndUpdatesRunningStatisticsKerasStyle() {
        int[] shape = {4, 1, 1, 1};
        float[] x = {1, 2, 3, 6};
        float[] y = new float[4];
        float[] rm = {0f}, rv = {1f};
        BatchNorm.plan(shape).forwardTraining(Parallel.serial(), x, new float[] {1}, new float[] {0}, rm, rv, 0.9f, BatchNorm.EPSILON, y);
        double mean = 3, var = (4 + 1 + 0 + 9) / 4.0;
        assertEquals((1 - mean) / Math.sqrt(var + 1e-3), y[0], 1e-6);
        assertEquals(0.1 * mean, rm[0], 1e-6);
        assertEquals(0.9 + 0.1 * var * 4 / 3, rv[0], 1e-6, "running variance uses the unbiased batch variance");
    }

    @Test
    void broadcastAddAndMulGradientsMatchCentralDifferences() {
        qt().withFixedSeed(24).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] out = randomShape(r);
            int[] as = out.clone(), bs = out.clone();
            for (int d = 0; d < 4; d++) {
                int pick = r.nextInt(4);
                if (pick == 0) as[d] = 1;
                else if (pick == 1) bs[d] = 1;
            }
            int[] o = Elementwise.broadcastShape(as, bs);
            int size = Shapes.size(o);
            float[] a = GradCheck.randn(r, Shapes.size(as)), b = GradCheck.randn(r, Shapes.size(bs));
            float[] rr = GradCheck.randn(r, size), y = new float[size];
            float[] da = new float[a.length], db = new float[b.length];
            boolean mul = r.nextBoolean();
            if (mul) Elementwise.mulBackward(Parallel.serial(), as, a, bs, b, rr, da, db);
            else Elementwise.addBackward(Parallel.serial(), as, bs, rr, da, db);
            java.util.function.DoubleSupplier loss = () -> {
                if (mul) Elementwise.mul(Parallel.serial(), as, a, bs, b, y);
                else Elementwise.add(Parallel.serial(), as, a, bs, b, y);
                return GradCheck.dot(y, rr, size);
            };
            GradCheck.check((mul ? "mul" : "add") + " da", a, a.length, da, loss);
            GradCheck.check((mul ? "mul" : "add") + " db", b, b.length, db, loss);
        });
    }

    @Test
    void squeezeExcitationMulScalesEveryPixelOfAChannel() {
        int[] xs = {1, 2, 1, 2};
        float[] y = new float[4];
        Elementwise.mul(Parallel.serial(), xs, new float[] {1, 2, 3, 4}, new int[] {1, 1, 1, 2}, new float[] {10, 100}, y);
        assertArrayEquals(new float[] {10, 200, 30, 400}, y);
        assertThrows(IllegalArgumentException.class, () -> Elementwise.broadcastShape(new int[] {1, 2, 3, 4}, new int[] {1, 2, 2, 4}));
    }

    @Test
    void poolingGradientsMatchCentralDifferences() {
        qt().withFixedSeed(25).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] in = randomShape(r);
            int k = 1 + r.nextInt(3);
            in[1] += k;
            in[2] += k;
            Conv2dSpec spec = new Conv2dSpec(k, 1 + r.nextInt(3), 1 + r.nextInt(2), 1 + r.nextInt(2), 1, 1,
                    r.nextBoolean() ? Padding.SAME : Padding.VALID, 1);
            Pool2d.Kind kind = r.nextBoolean() ? Pool2d.Kind.MAX : Pool2d.Kind.AVERAGE;
            Pool2d pool = Pool2d.plan(kind, spec, in);
            int size = Shapes.size(in), outSize = Shapes.size(pool.outputShape());
            // distinct values spaced 0.05 > 2h apart, shuffled: no ties for max pooling
            float[] x = new float[size];
            for (int i = 0; i < size; i++) x[i] = (i - size / 2f) * 0.05f;
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                float t = x[i];
                x[i] = x[j];
                x[j] = t;
            }
            float[] rr = GradCheck.randn(r, outSize), y = new float[outSize], dx = new float[size];
            pool.backward(Parallel.serial(), x, rr, dx);
            GradCheck.check(kind + " " + spec, x, size, dx, () -> {
                pool.forward(Parallel.serial(), x, y);
                return GradCheck.dot(y, rr, outSize);
            });
        });
    }

    @Test
    void averagePoolWithSamePaddingDividesByTheTapsInsideTheInput() {
        float[] x = {1, 2, 3, 4};
        Pool2d pool = Pool2d.plan(Pool2d.Kind.AVERAGE, Conv2dSpec.of(2, 1, Padding.SAME), new int[] {1, 2, 2, 1});
        float[] y = new float[4];
        pool.forward(Parallel.serial(), x, y);
        assertArrayEquals(new float[] {2.5f, 3f, 3.5f, 4f}, y);
    }

    @Test
    void meanGradientsMatchCentralDifferences() {
        qt().withFixedSeed(26).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] in = randomShape(r);
            int size = Shapes.size(in), outSize = in[0] * in[3];
            float[] x = GradCheck.randn(r, size), rr = GradCheck.randn(r, outSize), y = new float[outSize], dx = new float[size];
            Mean.backward(Parallel.serial(), in, rr, dx);
            GradCheck.check("mean", x, size, dx, () -> {
                Mean.forward(Parallel.serial(), in, x, y);
                return GradCheck.dot(y, rr, outSize);
            });
        });
    }

    @Test
    void padGradientsMatchCentralDifferencesAndPaddingIsZero() {
        qt().withFixedSeed(28).withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] in = randomShape(r);
            int t = r.nextInt(3), b = r.nextInt(3), l = r.nextInt(3), rt = r.nextInt(3);
            int[] os = Pad.outputShape(in, t, b, l, rt);
            int size = Shapes.size(in), outSize = Shapes.size(os);
            float[] x = GradCheck.randn(r, size), rr = GradCheck.randn(r, outSize), y = new float[outSize], dx = new float[size];
            Pad.backward(Parallel.serial(), in, rr, t, b, l, rt, dx);
            GradCheck.check("pad", x, size, dx, () -> {
                Pad.forward(Parallel.serial(), in, x, t, b, l, rt, y);
                return GradCheck.dot(y, rr, outSize);
            });
            Pad.forward(Parallel.serial(), in, x, t, b, l, rt, y);
            double inSum = 0, outSum = 0;
            for (float v : x) inSum += v;
            for (int i = 0; i < outSize; i++) outSum += y[i];
            assertEquals(inSum, outSum, 1e-9, "padding adds only zeros");
        });
    }

    @Test
    void softmaxCrossEntropyGradientMatchesCentralDifferences() {
        qt().withFixedSeed(27).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(5), k = 2 + r.nextInt(9);
            float[] logits = GradCheck.randn(r, n * k);
            for (int i = 0; i < logits.length; i++) logits[i] *= 3;
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = r.nextInt(k);
            float[] d = new float[n * k];
            SoftmaxCrossEntropy.lossAndGradient(n, k, logits, labels, d);
            GradCheck.check("softmax-ce", logits, logits.length, d, () -> SoftmaxCrossEntropy.lossAndGradient(n, k, logits, labels, null));
        });
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        float[] logits = {1e30f, 0f, -1e30f, 1000f, 1001f, 1002f};
        double loss = SoftmaxCrossEntropy.lossAndGradient(2, 3, logits, new int[] {0, 2}, new float[6]);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        assertEquals((0 + Math.log(1 + Math.exp(-1) + Math.exp(-2))) / 2, loss, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.lossAndGradient(1, 3, logits, new int[] {3}, null));
    }
}
