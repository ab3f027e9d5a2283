package dev.edgetpunas.quant.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Element-wise, pooling, reduction, shape and activation kernels. */
class OtherKernelsTest {

    private static QTensor t(QType type, int[] shape, float scale, int zp) {
        return QTensor.of(type, shape, new PerTensor(scale, zp));
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void addWithDifferentScalesIsWithinOneStepOfTheRealSumAndBroadcastsChannels() {
        Random r = new Random(21);
        QTensor a = t(QType.INT8, new int[] {1, 3, 4, 5}, 0.05f, -10);
        QTensor b = t(QType.INT8, new int[] {1, 1, 1, 5}, 0.02f, 3);
        QTensor o = t(QType.INT8, new int[] {1, 3, 4, 5}, 0.08f, 1);
        byte[] x = random(r, 60), y = random(r, 5), out = new byte[60];
        Add.prepare(FusedActivation.NONE, a, b, o).run(x, y, out);
        for (int i = 0; i < 60; i++) {
            double real = 0.05 * (x[i] + 10) + 0.02 * (y[i % 5] - 3);
            double want = Math.max(-128, Math.min(127, real / 0.08 + 1));
            assertEquals(want, out[i], 1.0, "element " + i);
        }
        // broadcasting is symmetric
        byte[] out2 = new byte[60];
        Add.prepare(FusedActivation.NONE, b, a, o).run(y, x, out2);
        assertTrue(Math.abs(out2[7] - out[7]) <= 1);
    }

    @Test
    void mulBroadcastsASqueezeExcitationGateOverChannels() {
        Random r = new Random(22);
        QTensor x = t(QType.INT8, new int[] {1, 4, 4, 8}, 0.1f, -5);
        QTensor g = t(QType.INT8, new int[] {1, 1, 1, 8}, 1f / 256, -128); // a sigmoid output
        QTensor o = t(QType.INT8, new int[] {1, 4, 4, 8}, 0.1f, -5);
        byte[] xv = random(r, 128), gv = random(r, 8), out = new byte[128];
        Mul mul = Mul.prepare(FusedActivation.NONE, x, g, o);
        mul.run(xv, gv, out);
        for (int i = 0; i < 128; i++) {
            double real = 0.1 * (xv[i] + 5) * ((gv[i % 8] + 128) / 256.0);
            assertEquals(Math.max(-128, Math.min(127, real / 0.1 - 5)), out[i], 1.0, "element " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> Mul.prepare(FusedActivation.NONE, x, t(QType.INT8, new int[] {1, 1, 3, 8}, 1f, 0), o));
    }

    @Test
    void averagePoolRoundsHalfAwayForInt8AndHalfUpForUint8() {
        // window of 2: sums -3 -> -1.5 -> -2 (int8); the same reals in uint8 (+128 each): 253 / 2 = 126.5 -> 127 = -1 + 128
        Pool2D.Options o = new Pool2D.Options(Padding.VALID, 1, 1, 1, 2, FusedActivation.NONE);
        byte[] out = new byte[1];
        Pool2D.prepare(Pool2D.Kind.AVERAGE, o, t(QType.INT8, new int[] {1, 1, 2, 1}, 1f, 0), t(QType.INT8, new int[] {1, 1, 1, 1}, 1f, 0))
                .run(new byte[] {-1, -2}, out);
        assertEquals(-2, out[0]);
        Pool2D.prepare(Pool2D.Kind.AVERAGE, o, t(QType.UINT8, new int[] {1, 1, 2, 1}, 1f, 128), t(QType.UINT8, new int[] {1, 1, 1, 1}, 1f, 128))
                .run(new byte[] {127, 126}, out);
        assertEquals(127, out[0] & 0xFF);
    }

    @Test
    void maxPoolTakesTheLargestRawValueUnsignedForUint8() {
        Pool2D.Options o = new Pool2D.Options(Padding.SAME, 2, 2, 2, 2, FusedActivation.NONE);
        byte[] in = {1, (byte) 200, 3, 4, 5, 6, 7, 8, 9};
        byte[] out = new byte[4];
        Pool2D.prepare(Pool2D.Kind.MAX, o, t(QType.UINT8, new int[] {1, 3, 3, 1}, 1f, 0), t(QType.UINT8, new int[] {1, 2, 2, 1}, 1f, 0)).run(in, out);
        assertArrayEquals(new byte[] {(byte) 200, 6, 8, 9}, out);
        Pool2D.prepare(Pool2D.Kind.MAX, o, t(QType.INT8, new int[] {1, 3, 3, 1}, 1f, 0), t(QType.INT8, new int[] {1, 2, 2, 1}, 1f, 0)).run(in, out);
        assertArrayEquals(new byte[] {5, 6, 8, 9}, out); // 200 is -56 as int8
    }

    @Test
    void meanDispatchesLikeTflite() {
        QTensor in4 = t(QType.INT8, new int[] {1, 2, 2, 2}, 0.5f, -1);
        assertEquals(Mean.Path.SPATIAL_4D, Mean.prepare(new int[] {1, 2}, true, in4, t(QType.INT8, new int[] {1, 1, 1, 2}, 0.25f, 3)).path());
        assertEquals(Mean.Path.SAME_PARAMS, Mean.prepare(new int[] {1, 2}, false, in4, t(QType.INT8, new int[] {1, 2}, 0.5f, -1)).path());
        assertEquals(Mean.Path.RESCALE, Mean.prepare(new int[] {3}, true, in4, t(QType.INT8, new int[] {1, 2, 2, 1}, 0.25f, 3)).path());
    }

    @Test
    void spatialMeanRequantizesThenDividesWithRounding() {
        // channel 0: q = {1, 2, 4, 8}, zp -1 -> sum 19; s_in/s_out = 2 -> 38; 38 / 4 = 9.5 -> 10; + 3 = 13
        // channel 1: q = {-1, -2, -3, -5} -> sum -7 -> -14 -> -3.5 -> -4; + 3 = -1
        byte[] in = {1, -1, 2, -2, 4, -3, 8, -5};
        byte[] out = new byte[2];
        Mean.prepare(new int[] {2, 1}, true, t(QType.INT8, new int[] {1, 2, 2, 2}, 0.5f, -1), t(QType.INT8, new int[] {1, 1, 1, 2}, 0.25f, 3)).run(in, out);
        assertArrayEquals(new byte[] {13, -1}, out);
        // same params, other axes: raw sum / count, truncated toward zero: (1 + 2 + 4 + 8) / 4 = 3, (-1 -2 -3 -5) / 4 = -2
        Mean.prepare(new int[] {1, 2}, false, t(QType.INT8, new int[] {1, 2, 2, 2}, 0.5f, -1), t(QType.INT8, new int[] {1, 2}, 0.5f, -1)).run(in, out);
        assertArrayEquals(new byte[] {3, -2}, out);
        // rescale path over channels: mean of (1, -1) = 0 -> 0 * 2 + (1 * 2 + 0.5) = 2.5 -> round 3, + 3 = 6
        byte[] o4 = new byte[4];
        Mean.prepare(new int[] {-1}, true, t(QType.INT8, new int[] {1, 2, 2, 2}, 0.5f, -1), t(QType.INT8, new int[] {1, 2, 2, 1}, 0.25f, 3)).run(in, o4);
        assertEquals(6, o4[0]);
    }

    @Test
    void spatialMeanIsCloseToTheRealMean() {
        Random r = new Random(23);
        byte[] in = random(r, 7 * 7 * 16);
        byte[] out = new byte[16];
        Mean.prepare(new int[] {1, 2}, true, t(QType.INT8, new int[] {1, 7, 7, 16}, 0.1f, 2), t(QType.INT8, new int[] {1, 1, 1, 16}, 0.03f, -4)).run(in, out);
        for (int c = 0; c < 16; c++) {
            double sum = 0;
            for (int i = 0; i < 49; i++) sum += 0.1 * (in[i * 16 + c] - 2);
            assertEquals(Math.max(-128, Math.min(127, sum / 49 / 0.03 - 4)), out[c], 1.0, "channel " + c);
        }
    }

    @Test
    void concatenationCopiesEqualParamsAndRequantizesOthers() {
        QTensor a = t(QType.UINT8, new int[] {1, 2, 1, 1}, 0.5f, 10);
        QTensor b = t(QType.UINT8, new int[] {1, 2, 1, 2}, 1f, 0);
        QTensor o = t(QType.UINT8, new int[] {1, 2, 1, 3}, 0.5f, 10);
        byte[] out = new byte[6];
        Concatenation.prepare(3, new QTensor[] {a, b}, o).run(new byte[][] {{20, 30}, {1, 2, (byte) 200, 4}}, out);
        // b: q * 2 + 10, clamped at 255
        assertArrayEquals(new int[] {20, 12, 14, 30, 255, 18}, unsigned(out));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.prepare(3, new QTensor[] {a, b}, t(QType.UINT8, new int[] {1, 2, 1, 4}, 0.5f, 10)));
    }

    private static int[] unsigned(byte[] b) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] & 0xFF;
        return r;
    }

    @Test
    void padFillsWithTheZeroPoint() {
        QTensor in = t(QType.INT8, new int[] {1, 1, 2, 1}, 0.1f, -7);
        QTensor out = t(QType.INT8, new int[] {1, 2, 4, 1}, 0.1f, -7);
        byte[] o = new byte[8];
        Pad.prepare(new int[][] {{0, 0}, {1, 0}, {1, 1}, {0, 0}}, in, out).run(new byte[] {5, 6}, o);
        assertArrayEquals(new byte[] {-7, -7, -7, -7, -7, 5, 6, -7}, o);
    }

    @Test
    void logisticAndTanhAreWithinOneStepOfFloatAndUint8IsInt8Plus128() {
        QTensor in8 = t(QType.INT8, new int[] {256}, 0.07f, 3);
        QTensor inU = t(QType.UINT8, new int[] {256}, 0.07f, 131);
        byte[] x = new byte[256];
        for (int i = 0; i < 256; i++) x[i] = (byte) (i - 128);
        byte[] xu = new byte[256];
        for (int i = 0; i < 256; i++) xu[i] = (byte) (x[i] ^ 0x80);
        for (Activation.Kind k : Activation.Kind.values()) {
            boolean lg = k == Activation.Kind.LOGISTIC;
            byte[] o8 = new byte[256], ou = new byte[256];
            Activation.prepare(k, in8, t(QType.INT8, new int[] {256}, lg ? 1f / 256 : 1f / 128, lg ? -128 : 0)).run(x, o8);
            Activation.prepare(k, inU, t(QType.UINT8, new int[] {256}, lg ? 1f / 256 : 1f / 128, lg ? 0 : 128)).run(xu, ou);
            for (int i = 0; i < 256; i++) {
                double real = 0.07 * (x[i] - 3);
                double want = lg ? 1 / (1 + Math.exp(-real)) * 256 - 128 : Math.tanh(real) * 128;
                assertEquals(Math.max(-128, Math.min(127, want)), o8[i], 1.0, k + " at " + real);
                assertEquals((o8[i] ^ 0x80) & 0xFF, ou[i] & 0xFF, k + " uint8 at " + real);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Activation.prepare(Activation.Kind.LOGISTIC, in8, t(QType.INT8, new int[] {256}, 0.1f, 0)));
    }

    @Test
    void softmaxIsWithinOneStepOfFloatAndRowsSumToAboutOne() {
        qt().withFixedSeed(24L).forAll(integers().between(1, 40), integers().between(1, 1000)).checkAssert((n, seed) -> {
            Random r = new Random(seed);
            byte[] x = random(r, 3 * n);
            float scale = 0.01f + r.nextFloat() * 0.2f;
            byte[] out = new byte[3 * n];
            Softmax.prepare(1f, t(QType.INT8, new int[] {3, n}, scale, 0), t(QType.INT8, new int[] {3, n}, 1f / 256, -128)).run(x, out);
            for (int row = 0; row < 3; row++) {
                double max = -1e9, sum = 0, qsum = 0;
                for (int c = 0; c < n; c++) max = Math.max(max, scale * x[row * n + c]);
                for (int c = 0; c < n; c++) sum += Math.exp(scale * x[row * n + c] - max);
                for (int c = 0; c < n; c++) {
                    double p = Math.exp(scale * x[row * n + c] - max) / sum;
                    assertEquals(Math.min(127, p * 256 - 128), out[row * n + c], 1.0, "n=" + n + " row " + row + " col " + c);
                    qsum += (out[row * n + c] + 128) / 256.0;
                }
                assertEquals(1.0, qsum, n / 256.0 + 1e-9);
            }
        });
    }

    @Test
    void resizeBilinearInt8MatchesTfliteTestValues() {
        // TFLite resize_bilinear_test: {3, 6} -> 1x3 = {3, 5, 6}; {3, 9} -> 3x1 = {3, 7, 9}; 2x2 -> 3x3
        assertArrayEquals(new byte[] {3, 5, 6}, resize(Resize.Method.BILINEAR, new byte[] {3, 6}, 1, 2, 1, 3, false, false));
        assertArrayEquals(new byte[] {3, 7, 9}, resize(Resize.Method.BILINEAR, new byte[] {3, 9}, 2, 1, 3, 1, false, false));
        assertArrayEquals(new byte[] {3, 5, 6, 7, 9, 10, 9, 11, 12},
                resize(Resize.Method.BILINEAR, new byte[] {3, 6, 9, 12}, 2, 2, 3, 3, false, false));
        // negative values round half away from zero: {-3, -6} -> {-3, -5, -6}
        assertArrayEquals(new byte[] {-3, -5, -6}, resize(Resize.Method.BILINEAR, new byte[] {-3, -6}, 1, 2, 1, 3, false, false));
        // align_corners: 2 -> 3 samples the ends and the midpoint
        assertArrayEquals(new byte[] {2, 5, 8}, resize(Resize.Method.BILINEAR, new byte[] {2, 8}, 1, 2, 1, 3, true, false));
        // half_pixel_centers 2 -> 4: positions -0.25, 0.25, 0.75, 1.25 -> {2, 3.5, 6.5, 8} -> {2, 4, 7, 8}
        assertArrayEquals(new byte[] {2, 4, 7, 8}, resize(Resize.Method.BILINEAR, new byte[] {2, 8}, 1, 2, 1, 4, false, true));
    }

    @Test
    void resizeBilinearUint8TruncatesLikeTheFloatTemplate() {
        // (3 * (1 - 2/3) + 6 * 2/3) = 5.0 in float (or 4.9999) -> truncation
        byte[] got = resizeU8(new byte[] {3, 6}, 1, 2, 1, 3);
        assertEquals(3, got[0]);
        assertTrue(got[1] == 4 || got[1] == 5);
        assertEquals(6, got[2]);
        assertArrayEquals(new byte[] {10, 15, 20, 20}, resizeU8(new byte[] {10, 20}, 1, 2, 1, 4)); // positions 0, 0.5, 1, 1.5 (x1 clamped at the edge)
    }

    @Test
    void resizeNearestFollowsTfliteIndexing() {
        assertArrayEquals(new byte[] {3, 3, 6}, resize(Resize.Method.NEAREST_NEIGHBOR, new byte[] {3, 6}, 1, 2, 1, 3, false, false));
        assertArrayEquals(new byte[] {3, 6, 6}, resize(Resize.Method.NEAREST_NEIGHBOR, new byte[] {3, 6}, 1, 2, 1, 3, true, false));
        assertArrayEquals(new byte[] {3, 6, 6}, resize(Resize.Method.NEAREST_NEIGHBOR, new byte[] {3, 6}, 1, 2, 1, 3, false, true));
        assertArrayEquals(new byte[] {3, 3, 6, 3, 3, 6, 9, 9, 12},
                resize(Resize.Method.NEAREST_NEIGHBOR, new byte[] {3, 6, 9, 12}, 2, 2, 3, 3, false, false));
        assertThrows(IllegalArgumentException.class, () -> resize(Resize.Method.BILINEAR, new byte[] {3, 6}, 1, 2, 1, 3, true, true));
    }

    private static byte[] resize(Resize.Method m, byte[] in, int h, int w, int oh, int ow, boolean align, boolean half) {
        byte[] out = new byte[oh * ow];
        Resize.prepare(m, align, half, t(QType.INT8, new int[] {1, h, w, 1}, 1f, 0), t(QType.INT8, new int[] {1, oh, ow, 1}, 1f, 0)).run(in, out);
        return out;
    }

    private static byte[] resizeU8(byte[] in, int h, int w, int oh, int ow) {
        byte[] out = new byte[oh * ow];
        Resize.prepare(Resize.Method.BILINEAR, false, false, t(QType.UINT8, new int[] {1, h, w, 1}, 1f, 0), t(QType.UINT8, new int[] {1, oh, ow, 1}, 1f, 0)).run(in, out);
        return out;
    }

    @Test
    void argMaxPicksTheFirstLargestAlongTheAxis() {
        int[] out = new int[2];
        ArgMax.run(QType.INT8, new int[] {2, 4}, -1, new byte[] {1, 7, 7, -3, -5, -2, -9, -2}, out);
        assertArrayEquals(new int[] {1, 1}, out);
        ArgMax.run(QType.UINT8, new int[] {2, 4}, 1, new byte[] {1, (byte) 200, 7, 3, 0, 0, 0, 1}, out);
        assertArrayEquals(new int[] {1, 3}, out);
        int[] cols = new int[4];
        ArgMax.run(QType.INT8, new int[] {2, 4}, 0, new byte[] {1, 7, 7, -3, -5, 8, 7, -2}, cols);
        assertArrayEquals(new int[] {0, 1, 0, 1}, cols);
    }

    @Test
    void quantizeRequantizeAndDequantize() {
        byte[] q = new byte[4];
        Quantize.fromFloat(new float[] {-1.25f, 0f, 1.25f, 100f}, new PerTensor(0.5f, 1), QType.INT8, q);
        assertArrayEquals(new byte[] {-2, 1, 4, 127}, q); // round(-2.5) = -3, + 1
        float[] f = new float[4];
        Quantize.dequantize(q, QType.INT8, new PerTensor(0.5f, 1), f);
        assertArrayEquals(new float[] {-1.5f, 0f, 1.5f, 63f}, f);
        // int8 -> uint8 with the same scale and zero points 128 apart flips the top bit
        Quantize.Requantize flip = Quantize.requantize(t(QType.INT8, new int[] {4}, 0.5f, 1), t(QType.UINT8, new int[] {4}, 0.5f, 129));
        byte[] u = new byte[4];
        flip.run(q, u);
        assertArrayEquals(new int[] {126, 129, 132, 255}, unsigned(u));
        // a new scale: real values are kept to within one step
        Quantize.Requantize half = Quantize.requantize(t(QType.UINT8, new int[] {4}, 0.5f, 129), t(QType.INT8, new int[] {4}, 0.25f, 0));
        byte[] back = new byte[4];
        half.run(u, back);
        assertArrayEquals(new byte[] {-6, 0, 6, 127}, back); // -1.5, 0, 1.5, 63 (clamped) at scale 0.25
    }
}
