package dev.edgetpunas.quant.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED against a direct (slow, obviously correct) evaluation
 * of the reference formula, uint8 vs int8 equivalence, and thread-count independence.
 */
class ConvolutionKernelsTest {

    private static byte[] random(Random r, int n, QType t) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (t.min() + r.nextInt(t.max() - t.min() + 1));
        return b;
    }

    private static int[] randomBias(Random r, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(20001) - 10000;
        return b;
    }

    /** Direct evaluation of TFLite's reference conv loop (padding = skipped taps). */
    private static int[] directConv(byte[] in, int[] inShape, byte[] w, int[] wShape, int[] bias, int zpIn, int zpW, QType t,
                                    int sh, int sw, int dh, int dw, Padding pad, int[] m, int[] s, int zpOut, int[] act, boolean depthwise, int mult) {
        int n = inShape[0], h = inShape[1], wd = inShape[2], c = inShape[3];
        int kh = wShape[1], kw = wShape[2];
        int oc = depthwise ? wShape[3] : wShape[0];
        int oh = pad.outputSize(h, kh, sh, dh), ow = pad.outputSize(wd, kw, sw, dw);
        int pt = pad.padBefore(h, kh, sh, dh), pl = pad.padBefore(wd, kw, sw, dw);
        int[] out = new int[n * oh * ow * oc];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++)
                    for (int o = 0; o < oc; o++) {
                        long acc = 0;
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = y * sh - pt + ky * dh, ix = x * sw - pl + kx * dw;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                if (depthwise) {
                                    int ic = o / mult;
                                    acc += (long) (t.load(in[((b * h + iy) * wd + ix) * c + ic]) - zpIn)
                                            * (t.load(w[(ky * kw + kx) * oc + o]) - zpW);
                                } else {
                                    for (int ic = 0; ic < c; ic++) {
                                        acc += (long) (t.load(in[((b * h + iy) * wd + ix) * c + ic]) - zpIn)
                                                * (t.load(w[((o * kh + ky) * kw + kx) * c + ic]) - zpW);
                                    }
                                }
                            }
                        int v = new QuantizedMultiplier(m[o], s[o]).apply((int) acc + bias[o]) + zpOut;
                        out[((b * oh + y) * ow + x) * oc + o] = Math.max(act[0], Math.min(act[1], v));
                    }
        return out;
    }

    private static int[] load(byte[] b, QType t) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) r[i] = t.load(b[i]);
        return r;
    }

    @Test
    void conv2dMatchesTheDirectReferenceLoopForPaddingStridesAndDilation() {
        Random r = new Random(11);
        int[][] configs = { // sh, sw, dh, dw, padding(0 SAME 1 VALID), kh, kw
                {1, 1, 1, 1, 0, 3, 3}, {2, 2, 1, 1, 0, 3, 3}, {2, 1, 1, 1, 1, 3, 2}, {1, 1, 2, 2, 0, 3, 3}, {1, 2, 2, 1, 1, 2, 3}, {1, 1, 1, 1, 1, 1, 1}};
        for (int[] cfg : configs) {
            Padding pad = cfg[4] == 0 ? Padding.SAME : Padding.VALID;
            int[] inShape = {2, 9, 11, 5};
            int outC = 7;
            int[] wShape = {outC, cfg[5], cfg[6], 5};
            byte[] in = random(r, 2 * 9 * 11 * 5, QType.INT8);
            byte[] w = random(r, outC * cfg[5] * cfg[6] * 5, QType.INT8);
            for (int i = 0; i < w.length; i++) if (w[i] == -128) w[i] = -127;
            int[] bias = randomBias(r, outC);
            float[] scales = new float[outC];
            for (int c = 0; c < outC; c++) scales[c] = 0.001f + r.nextFloat() * 0.02f;
            QTensor input = QTensor.of(QType.INT8, inShape, new PerTensor(0.05f, -3));
            QTensor filter = QTensor.of(QType.INT8, wShape, new PerAxis(scales, new int[outC], 0));
            Conv2D.Options o = new Conv2D.Options(pad, cfg[0], cfg[1], cfg[2], cfg[3], FusedActivation.RELU6);
            int[] outShape = Conv2D.outputShape(o, inShape, wShape);
            QTensor output = QTensor.of(QType.INT8, outShape, new PerTensor(0.04f, -128));
            Conv2D conv = Conv2D.prepare(o, input, filter, w, bias, output);
            byte[] got = new byte[output.size()];
            conv.run(in, got);
            int[][] qm = conv.quantizedMultipliers();
            int[] m = new int[outC], s = new int[outC];
            for (int c = 0; c < outC; c++) {
                m[c] = qm[c][0];
                s[c] = qm[c][1];
                assertEquals(QuantizedMultiplier.of((double) 0.05f * scales[c] / 0.04f), new QuantizedMultiplier(m[c], s[c]));
            }
            int[] want = directConv(in, inShape, w, wShape, bias, -3, 0, QType.INT8, cfg[0], cfg[1], cfg[2], cfg[3], pad, m, s, -128,
                    conv.activationRange(), false, 1);
            assertArrayEquals(want, load(got, QType.INT8), "config " + java.util.Arrays.toString(cfg));
        }
    }

    @Test
    void uint8ConvEqualsInt8ConvOnValuesShiftedBy128() {
        Random r = new Random(12);
        int[] inShape = {1, 8, 8, 6};
        int[] wShape = {4, 3, 3, 6};
        byte[] inU = random(r, 8 * 8 * 6, QType.UINT8);
        byte[] wU = random(r, 4 * 3 * 3 * 6, QType.UINT8);
        int[] bias = randomBias(r, 4);
        Conv2D.Options o = Conv2D.Options.of(Padding.SAME, 2, FusedActivation.RELU);
        int[] outShape = Conv2D.outputShape(o, inShape, wShape);
        Conv2D u8 = Conv2D.prepare(o, QTensor.of(QType.UINT8, inShape, new PerTensor(0.02f, 130)),
                QTensor.of(QType.UINT8, wShape, new PerTensor(0.01f, 120)), wU, bias, QTensor.of(QType.UINT8, outShape, new PerTensor(0.1f, 10)));
        Conv2D i8 = Conv2D.prepare(o, QTensor.of(QType.INT8, inShape, new PerTensor(0.02f, 2)),
                QTensor.of(QType.INT8, wShape, new PerTensor(0.01f, -8)), flip(wU), bias, QTensor.of(QType.INT8, outShape, new PerTensor(0.1f, -118)));
        byte[] a = new byte[Shapes.size(outShape)], b = new byte[a.length];
        u8.run(inU, a);
        i8.run(flip(inU), b);
        // uint8 per-tensor uses double(float(s_in * s_w)) / s_out, int8 per-tensor double products: same here
        assertArrayEquals(a, flip(b));
    }

    private static byte[] flip(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = (byte) (b[i] ^ 0x80);
        return r;
    }

    @Test
    void depthwiseMatchesTheDirectReferenceLoopWithDepthMultiplier() {
        Random r = new Random(13);
        for (int mult : new int[] {1, 2, 3}) {
            for (Padding pad : Padding.values()) {
                int inC = 4, outC = inC * mult;
                int[] inShape = {1, 10, 7, inC};
                int[] wShape = {1, 3, 3, outC};
                byte[] in = random(r, Shapes.size(inShape), QType.INT8);
                byte[] w = random(r, Shapes.size(wShape), QType.INT8);
                int[] bias = randomBias(r, outC);
                float[] scales = new float[outC];
                for (int c = 0; c < outC; c++) scales[c] = 0.002f + r.nextFloat() * 0.02f;
                DepthwiseConv2D.Options o = new DepthwiseConv2D.Options(pad, 2, 1, mult, 1, 2, FusedActivation.NONE);
                int oh = pad.outputSize(10, 3, 2, 1), ow = pad.outputSize(7, 3, 1, 2);
                QTensor output = QTensor.of(QType.INT8, new int[] {1, oh, ow, outC}, new PerTensor(0.03f, 5));
                DepthwiseConv2D dw = DepthwiseConv2D.prepare(o, QTensor.of(QType.INT8, inShape, new PerTensor(0.05f, 7)),
                        QTensor.of(QType.INT8, wShape, new PerAxis(scales, new int[outC], 3)), w, bias, output);
                byte[] got = new byte[output.size()];
                dw.run(in, got);
                int[] m = new int[outC], s = new int[outC];
                for (int c = 0; c < outC; c++) {
                    QuantizedMultiplier q = QuantizedMultiplier.of((double) 0.05f * scales[c] / 0.03f);
                    m[c] = q.multiplier();
                    s[c] = q.shift();
                }
                int[] want = directConv(in, inShape, w, wShape, bias, 7, 0, QType.INT8, 2, 1, 1, 2, pad, m, s, 5, new int[] {-128, 127}, true, mult);
                assertArrayEquals(want, load(got, QType.INT8), "multiplier " + mult + " " + pad);
            }
        }
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        Random r = new Random(14);
        int[] inShape = {1, 23, 17, 8};
        int[] wShape = {16, 3, 3, 8};
        byte[] in = random(r, Shapes.size(inShape), QType.INT8);
        byte[] w = random(r, Shapes.size(wShape), QType.INT8);
        Conv2D.Options o = Conv2D.Options.of(Padding.SAME, 1, FusedActivation.NONE);
        QTensor out = QTensor.of(QType.INT8, Conv2D.outputShape(o, inShape, wShape), new PerTensor(0.5f, 0));
        Conv2D conv = Conv2D.prepare(o, QTensor.of(QType.INT8, inShape, new PerTensor(0.1f, 0)),
                QTensor.of(QType.INT8, wShape, new PerTensor(0.01f, 0)), w, null, out);
        DepthwiseConv2D dw = DepthwiseConv2D.prepare(DepthwiseConv2D.Options.of(Padding.SAME, 2, FusedActivation.NONE),
                QTensor.of(QType.INT8, inShape, new PerTensor(0.1f, 0)), QTensor.of(QType.INT8, new int[] {1, 3, 3, 8}, new PerTensor(0.01f, 0)),
                random(r, 72, QType.INT8), null, QTensor.of(QType.INT8, new int[] {1, 12, 9, 8}, new PerTensor(0.05f, 0)));
        byte[] serial = new byte[out.size()], serialDw = new byte[12 * 9 * 8];
        conv.run(in, serial);
        dw.run(in, serialDw);
        for (int threads : new int[] {2, 3, 7, 64}) {
            try (Parallelism p = Parallelism.threads(threads)) {
                byte[] par = new byte[out.size()], parDw = new byte[serialDw.length];
                conv.run(in, par, p);
                dw.run(in, parDw, p);
                assertArrayEquals(serial, par, threads + " threads");
                assertArrayEquals(serialDw, parDw, threads + " threads (depthwise)");
            }
        }
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            byte[] par = new byte[out.size()];
            conv.run(in, par, Parallelism.of(ex, 5));
            assertArrayEquals(serial, par, "caller-owned executor");
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void anAllZeroWeightChannelWithScaleZeroOutputsTheZeroPointPlusNothing() {
        int[] inShape = {1, 2, 2, 1};
        int[] wShape = {2, 1, 1, 1};
        QTensor filter = QTensor.of(QType.INT8, wShape, new PerAxis(new float[] {0.1f, 0f}, new int[2], 0));
        Conv2D conv = Conv2D.prepare(Conv2D.Options.of(Padding.VALID, 1, FusedActivation.NONE),
                QTensor.of(QType.INT8, inShape, new PerTensor(1f, 0)), filter, new byte[] {10, 0}, new int[] {0, 0},
                QTensor.of(QType.INT8, new int[] {1, 2, 2, 2}, new PerTensor(1f, 3)));
        assertArrayEquals(new int[] {0, 0}, conv.quantizedMultipliers()[1]);
        byte[] out = new byte[8];
        conv.run(new byte[] {1, 2, 3, 4}, out);
        assertArrayEquals(new byte[] {4, 3, 5, 3, 6, 3, 7, 3}, out);
    }

    @Test
    void fullyConnectedPerChannelAndPerTensorMatchTheFormula() {
        Random r = new Random(15);
        int depth = 37, units = 9, batches = 3;
        byte[] in = random(r, batches * depth, QType.INT8);
        byte[] w = random(r, units * depth, QType.INT8);
        int[] bias = randomBias(r, units);
        float[] scales = new float[units];
        for (int u = 0; u < units; u++) scales[u] = 0.001f + r.nextFloat() * 0.01f;
        QTensor input = QTensor.of(QType.INT8, new int[] {batches, depth}, new PerTensor(0.1f, 4));
        QTensor output = QTensor.of(QType.INT8, new int[] {batches, units}, new PerTensor(0.2f, -2));
        for (boolean perChannel : new boolean[] {true, false}) {
            QTensor weights = perChannel ? QTensor.of(QType.INT8, new int[] {units, depth}, new PerAxis(scales, new int[units], 0))
                    : QTensor.of(QType.INT8, new int[] {units, depth}, new PerTensor(0.005f, -1));
            FullyConnected fc = FullyConnected.prepare(FusedActivation.NONE, input, weights, w, bias, output);
            byte[] got = new byte[batches * units];
            fc.run(in, got, Parallelism.threads(2));
            int zpW = perChannel ? 0 : -1;
            for (int b = 0; b < batches; b++)
                for (int u = 0; u < units; u++) {
                    int acc = bias[u];
                    for (int d = 0; d < depth; d++) acc += (in[b * depth + d] - 4) * (w[u * depth + d] - zpW);
                    double real = perChannel ? (double) 0.1f * scales[u] / 0.2f : (double) (0.1f * 0.005f) / 0.2f;
                    int want = Math.max(-128, Math.min(127, QuantizedMultiplier.of(real).apply(acc) - 2));
                    assertEquals(want, got[b * units + u], "batch " + b + " unit " + u + (perChannel ? " per-channel" : " per-tensor"));
                }
        }
    }

    @Test
    void prepareRejectsMismatchedShapesAndTypesWithNamedFields() {
        QTensor in = QTensor.of(QType.INT8, new int[] {1, 4, 4, 3}, new PerTensor(1f, 0));
        QTensor w = QTensor.of(QType.INT8, new int[] {2, 3, 3, 4}, new PerTensor(1f, 0));
        QTensor out = QTensor.of(QType.INT8, new int[] {1, 4, 4, 2}, new PerTensor(1f, 0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2D.prepare(Conv2D.Options.of(Padding.SAME, 1, FusedActivation.NONE), in, w, new byte[72], null, out));
        assertTrue(e.getMessage().contains("input channels"), e.getMessage());
        QTensor wu8 = QTensor.of(QType.UINT8, new int[] {2, 3, 3, 3}, new PerTensor(1f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Conv2D.prepare(Conv2D.Options.of(Padding.SAME, 1, FusedActivation.NONE), in, wu8, new byte[54], null, out));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D.Options(Padding.SAME, 0, 1, 1, 1, FusedActivation.NONE));
        assertThrows(IllegalArgumentException.class, () -> Padding.VALID.outputSize(2, 3, 1, 1));
    }

    @Test
    void samePaddingPutsTheOddPixelAtTheEnd() {
        assertEquals(56, Padding.SAME.outputSize(112, 3, 2, 1));
        assertEquals(0, Padding.SAME.padBefore(112, 3, 2, 1)); // total 1 -> 0 before, 1 after
        assertEquals(1, Padding.SAME.padBefore(112, 3, 1, 1));
        assertEquals(2, Padding.SAME.padBefore(10, 3, 1, 2)); // dilated 5x5 footprint
        assertEquals(55, Padding.VALID.outputSize(112, 3, 2, 1));
    }
}
