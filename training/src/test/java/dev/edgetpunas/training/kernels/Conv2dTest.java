package dev.edgetpunas.training.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    /** A random small convolution: shapes, groups (incl. depthwise with multiplier), stride, dilation, padding. */
    record Case(Conv2dSpec spec, int[] in, int[] filter, float[] x, float[] f, float[] bias) {
        static Case random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = r.nextInt(3) == 0 ? 1 : 1 + r.nextInt(3);
            boolean depthwise = r.nextInt(3) == 0;
            int cinG = depthwise ? 1 : 1 + r.nextInt(3);
            int cin = groups * cinG;
            int cout = groups * (1 + r.nextInt(3));
            int k = 1 + r.nextInt(3);
            int kw = r.nextBoolean() ? k : 1 + r.nextInt(3);
            int stride = 1 + r.nextInt(2);
            int dil = r.nextInt(4) == 0 ? 2 : 1;
            Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            int h = (k - 1) * dil + 1 + r.nextInt(5);
            int w = (kw - 1) * dil + 1 + r.nextInt(5);
            int n = 1 + r.nextInt(2);
            Conv2dSpec spec = new Conv2dSpec(k, kw, stride, 1 + r.nextInt(2), dil, dil, pad, groups);
            int[] in = {n, h, w, cin};
            int[] fs = {cout, k, kw, cinG};
            return new Case(spec, in, fs, GradCheck.randn(r, Shapes.size(in)), GradCheck.randn(r, Shapes.size(fs)),
                    r.nextBoolean() ? GradCheck.randn(r, cout) : null);
        }
    }

    @Test
    void forwardMatchesNaiveDoublePrecisionConvolution() {
        qt().withFixedSeed(11).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Case c = Case.random(seed);
            Conv2d conv = Conv2d.plan(c.spec, c.in, c.filter);
            float[] out = new float[Shapes.size(conv.outputShape())];
            conv.forward(Parallel.serial(), c.x, c.f, c.bias, out);
            double[] ref = Reference.conv(c.spec, c.in, c.x, c.filter, c.f, c.bias);
            assertEquals(ref.length, out.length);
            for (int i = 0; i < out.length; i++) {
                if (Math.abs(out[i] - ref[i]) > 1e-4 * (1 + Math.abs(ref[i]))) fail("out[" + i + "] " + out[i] + " vs " + ref[i] + " for " + c.spec);
            }
        });
    }

    @Test
    void analyticGradientsMatchCentralDifferences() {
        qt().withFixedSeed(12).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Case c = Case.random(seed);
            Conv2d conv = Conv2d.plan(c.spec, c.in, c.filter);
            int outSize = Shapes.size(conv.outputShape());
            float[] r = GradCheck.randn(new SplittableRandom(seed ^ 0x5DEECE66DL), outSize);
            float[] out = new float[outSize];
            float[] dx = new float[c.x.length];
            float[] df = new float[c.f.length];
            float[] db = new float[c.filter[0]];
            conv.backward(Parallel.serial(), c.x, c.f, r, dx, df, db);
            java.util.function.DoubleSupplier loss = () -> {
                conv.forward(Parallel.serial(), c.x, c.f, c.bias, out);
                return GradCheck.dot(out, r, outSize);
            };
            GradCheck.check("dInput " + c.spec, c.x, c.x.length, dx, loss);
            GradCheck.check("dFilter " + c.spec, c.f, c.f.length, df, loss);
            if (c.bias != null) GradCheck.check("dBias " + c.spec, c.bias, c.bias.length, db, loss);
        });
    }

    @Test
    void resultsAreBitIdenticalForOneTwoAndThreeThreads() {
        SplittableRandom r = new SplittableRandom(7);
        // big enough for several pixel blocks and several row chunks per phase
        int[] in = {5, 21, 19, 12};
        int[] fs = {16, 3, 3, 12};
        Conv2dSpec spec = Conv2dSpec.of(3, 1, Padding.SAME);
        float[] x = GradCheck.randn(r, Shapes.size(in));
        float[] f = GradCheck.randn(r, Shapes.size(fs));
        float[] b = GradCheck.randn(r, 16);
        float[][] results = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel par = Parallel.of(threads)) {
                Conv2d conv = Conv2d.plan(spec, in, fs);
                float[] out = new float[Shapes.size(conv.outputShape())];
                float[] dy = GradCheck.randn(new SplittableRandom(9), out.length);
                float[] dx = new float[x.length];
                float[] df = new float[f.length];
                float[] db = new float[16];
                conv.forward(par, x, f, b, out);
                conv.backward(par, x, f, dy, dx, df, db);
                float[][] now = {out, dx, df, db};
                if (results == null) {
                    results = now;
                } else {
                    for (int i = 0; i < now.length; i++) assertArrayEquals(results[i], now[i], "array " + i + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void depthwiseFilterLayoutRoundTripsThroughTfliteOrder() {
        float[] tfl = new float[3 * 3 * 4];
        for (int i = 0; i < tfl.length; i++) tfl[i] = i;
        float[] ours = Conv2d.depthwiseFilterFromTflite(tfl, 3, 3, 4);
        assertEquals(tfl[1], ours[9], "channel 1, tap 0");
        assertArrayEquals(tfl, Conv2d.depthwiseFilterToTflite(ours, 3, 3, 4));
    }

    @Test
    void samePaddingPutsTheOddExtraRowAfterLikeTflite() {
        assertEquals(14, Padding.SAME.outputSize(28, 3, 2, 1));
        assertEquals(0, Padding.SAME.padBefore(28, 3, 2, 1));
        assertEquals(1, Padding.SAME.padBefore(28, 3, 1, 1));
        assertEquals(2, Padding.SAME.padBefore(7, 3, 1, 2));
        assertEquals(13, Padding.VALID.outputSize(28, 3, 2, 1));
    }

    @Test
    void mismatchedFilterIsRejectedWithTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.plan(Conv2dSpec.of(3, 1, Padding.SAME), new int[] {1, 8, 8, 4}, new int[] {8, 3, 3, 2}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[8, 3, 3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conv2dSpec.of(0, 1, Padding.SAME));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.plan(Conv2dSpec.of(5, 1, Padding.VALID), new int[] {1, 3, 3, 1}, new int[] {1, 5, 5, 1}));
    }
}
