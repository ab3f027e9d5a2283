package dev.edgetpunas.quant.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import dev.edgetpunas.compiler.passes.GraphEditor;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.params.Calibration;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Post-training quantization of a tiny float graph (1x1 CONV_2D + RELU, RESHAPE, FULLY_CONNECTED) whose
 * float forward pass the test computes by hand ({@link HandForward}); parameters checked against the
 * spec's formulas, the int8 result against float.
 */
class PostTrainingQuantizerTest {

    /** x [1,2,2,3] -> conv 1x1 to 4 (+bias) -> RELU -> reshape [1,16] -> FC to 3 (+bias). */
    static Graph tiny(long seed) {
        GraphBuilder b = new GraphBuilder("tiny", DType.FLOAT32);
        int x = b.input("x", 2, 2, 3);
        int c = b.conv2d("conv", x, 4, 1, 1, Padding.SAME, true, Activation.NONE);
        int r = b.relu("relu", c);
        int f = b.reshape("flat", r, Shape.of(1, 16));
        int y = b.fullyConnected("fc", f, 3, true);
        return withData(b.build(y), seed, Map.of());
    }

    /** Fills float constants without data: seeded N(0, 0.5) weights and N(0, 0.2) biases, or the given values by name. */
    static Graph withData(Graph g, long seed, Map<String, float[]> given) {
        Random r = new Random(seed);
        GraphEditor e = new GraphEditor(g);
        for (int t = 0; t < g.tensors().size(); t++) {
            Tensor x = g.tensor(t);
            if (!x.constant() || x.data().isPresent() || x.dtype() != DType.FLOAT32) continue;
            float[] v = given.get(x.name());
            if (v == null) {
                v = new float[(int) x.elements()];
                boolean bias = x.name().endsWith("/bias") || x.name().endsWith("/beta") || x.name().endsWith("/moving_mean");
                boolean positive = x.name().endsWith("/gamma") || x.name().endsWith("/moving_variance");
                for (int i = 0; i < v.length; i++) v[i] = positive ? 0.5f + r.nextFloat() : (float) ((bias ? 0.2 : 0.5) * r.nextGaussian());
            }
            e.setTensor(t, x.withData(Bytes.ofFloats(v)));
        }
        return e.build();
    }

    static List<float[]> samples(long seed, int count, int size, float range) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] v = new float[size];
            for (int i = 0; i < size; i++) v[i] = (r.nextFloat() * 2 - 1) * range;
            out.add(v);
        }
        return out;
    }

    static int idx(Graph g, String name) {
        for (int t = 0; t < g.tensors().size(); t++) if (g.tensor(t).name().equals(name)) return t;
        throw new AssertionError("no tensor " + name);
    }

    static PerTensor params(Graph g, String name) {
        Quantization q = g.tensor(idx(g, name)).quantization().orElseThrow();
        assertEquals(1, q.count(), name);
        return new PerTensor(q.scale(0), (int) q.zeroPoint(0));
    }

    static float[] runInt8(QuantizedModel m, float[] x) {
        Interpreter interp = Interpreter.prepare(m.graph());
        return interp.run(TensorValue.quantizing(interp.inputTensor(0), x)).get(0).dequantized();
    }

    /**
     * A worst-case bound on |int8 - float| for the tiny graph's outputs, propagated from the quantization
     * steps: input rounding (s_in / 2), weight rounding (s_w / 2), bias rounding (s_in s_w / 2) and the
     * requantization rounding of each layer's output (s_out / 2), through |weights| and |activations|.
     * Valid while nothing saturates (calibration covers the inputs).
     */
    static float[] errorBound(QuantizedModel m, float[] x) {
        Graph f = m.floatGraph(), q = m.graph();
        Op.Conv2D conv = (Op.Conv2D) f.op(f.opsOfKind(OpKind.CONV_2D).get(0));
        Op.FullyConnected fc = (Op.FullyConnected) f.op(f.opsOfKind(OpKind.FULLY_CONNECTED).get(0));
        float[] cw = HandForward.data(f, conv.filter()), fw = HandForward.data(f, fc.weights());
        Quantization cwq = q.tensor(conv.filter()).quantization().orElseThrow(), fwq = q.tensor(fc.weights()).quantization().orElseThrow();
        float sIn = params(q, q.tensor(conv.dataInput()).name()).scale();
        float sH = params(q, q.tensor(conv.output()).name()).scale();
        float sOut = params(q, q.tensor(fc.output()).name()).scale();
        float[] h = new HandForward().prepare(f).run(List.of(x))[conv.output()];
        int cout = cwq.count(), cin = cw.length / cout;
        double[] eh = new double[h.length];
        for (int p = 0; p < h.length / cout; p++) {
            for (int o = 0; o < cout; o++) {
                double e = sIn * cwq.scale(o) / 2;
                for (int i = 0; i < cin; i++) e += Math.abs(cw[o * cin + i]) * sIn / 2 + cwq.scale(o) / 2 * (Math.abs(x[p * cin + i]) + sIn / 2);
                eh[p * cout + o] = e + sH / 2 + 1e-6;
            }
        }
        int units = fwq.count() == 1 ? fw.length / h.length : fwq.count();
        float sW = fwq.scale(0);
        float[] bound = new float[units];
        for (int u = 0; u < units; u++) {
            double e = sH * sW / 2 + sOut / 2;
            for (int d = 0; d < h.length; d++) e += Math.abs(fw[u * h.length + d]) * eh[d] + sW / 2 * (Math.abs(h[d]) + eh[d]);
            bound[u] = (float) e + 1e-5f;
        }
        return bound;
    }

    @Test
    void int8OutputOfTheTinyGraphIsWithinTheErrorPropagatedFromTheQuantizationSteps() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            Graph g = tiny(seed);
            HandForward hf = new HandForward();
            List<float[]> test = samples(seed + 1, 20, 12, 1f);
            List<float[]> cal = new ArrayList<>(samples(seed, 64, 12, 1f));
            cal.addAll(test);
            QuantizedModel m = new PostTrainingQuantizer(hf).quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults());
            float outScale = params(m.graph(), "fc").scale();
            FloatForward.Runner ref = hf.prepare(m.floatGraph());
            double sumErr = 0;
            for (float[] x : test) {
                float[] want = ref.run(List.of(x))[m.floatGraph().outputs().get(0)];
                float[] got = runInt8(m, x);
                float[] bound = errorBound(m, x);
                for (int i = 0; i < 3; i++) {
                    assertEquals(want[i], got[i], bound[i], "output " + i + " (output scale " + outScale + ")");
                    sumErr += Math.abs(want[i] - got[i]);
                }
            }
            assertTrue(sumErr / 60 < 4 * outScale, "mean error " + sumErr / 60 + " is a few output steps (" + outScale + ")");
        });
    }

    @Test
    void parametersFollowTheSpecFormulas() {
        Graph g = tiny(11);
        List<float[]> cal = samples(12, 32, 12, 2f);
        QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults());
        Graph q = m.graph();
        // input: min/max of every calibration value, widened to 0, /255
        float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
        for (float[] x : cal) for (float v : x) {
            mn = Math.min(mn, v);
            mx = Math.max(mx, v);
        }
        assertEquals(Calibration.fromMinMax(mn, mx, QType.INT8), params(q, "x"));
        assertEquals(DType.INT8, q.tensor(idx(q, "x")).dtype());
        // the RELU is fused into the conv, whose output range starts at 0: zero point -128
        Op.Conv2D conv = (Op.Conv2D) q.op(q.opsOfKind(OpKind.CONV_2D).get(0));
        assertEquals(Activation.RELU, conv.activation());
        assertEquals(-128, params(q, q.tensor(conv.output()).name()).zeroPoint());
        // weights per output channel: scale = max|w_c| / 127, q = round(w / scale), zero points 0, axis 0
        float[] w = g.tensor(idx(g, "conv/weights")).data().orElseThrow().floats();
        Tensor wq = q.tensor(conv.filter());
        Quantization wqq = wq.quantization().orElseThrow();
        assertEquals(4, wqq.count());
        assertEquals(0, wqq.axis());
        byte[] wd = wq.data().orElseThrow().toArray();
        for (int c = 0; c < 4; c++) {
            float maxAbs = 0;
            for (int i = 0; i < 3; i++) maxAbs = Math.max(maxAbs, Math.abs(w[c * 3 + i]));
            assertEquals(maxAbs / 127f, wqq.scale(c));
            assertEquals(0, wqq.zeroPoint(c));
            for (int i = 0; i < 3; i++) assertEquals(Math.round(w[c * 3 + i] / wqq.scale(c)), wd[c * 3 + i], 1);
        }
        // bias int32 with scale in_scale * w_scale[c]
        float[] bias = g.tensor(idx(g, "conv/bias")).data().orElseThrow().floats();
        Tensor bq = q.tensor(conv.bias());
        assertEquals(DType.INT32, bq.dtype());
        int[] bd = bq.data().orElseThrow().ints();
        float inScale = params(q, "x").scale();
        for (int c = 0; c < 4; c++) {
            assertEquals(inScale * wqq.scale(c), bq.quantization().orElseThrow().scale(c));
            assertEquals(bias[c] / (inScale * wqq.scale(c)), bd[c], 0.5 + 1e-3);
        }
        // fully connected weights per tensor
        Op.FullyConnected fc = (Op.FullyConnected) q.op(q.opsOfKind(OpKind.FULLY_CONNECTED).get(0));
        assertEquals(1, q.tensor(fc.weights()).quantization().orElseThrow().count());
        // the reshape shares its input's parameters
        assertEquals(params(q, q.tensor(conv.output()).name()), params(q, "flat"));
        assertEquals(32, m.calibrationSamples());
        assertEquals(2, m.weightRanges().size());
    }

    @Test
    void quantizedTypesAreThoseOfTheDeployedGraph() {
        Graph g = tiny(3);
        QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(g, PostTrainingQuantizer.singleInput(samples(4, 8, 12, 1f)), PtqOptions.defaults());
        Graph deployed = Deploy.apply(g);
        assertEquals(deployed.tensors().size(), m.graph().tensors().size());
        for (int t = 0; t < deployed.tensors().size(); t++) {
            Tensor a = deployed.tensor(t), b = m.graph().tensor(t);
            assertEquals(a.name(), b.name());
            assertEquals(a.dtype(), b.dtype(), a.name());
            assertEquals(a.quantization().map(Quantization::count), b.quantization().map(Quantization::count), a.name());
        }
        assertEquals(deployed.ops(), m.graph().ops());
    }

    @Test
    void batchNormIsFoldedAndTheInt8ResultMatchesTheUnfoldedFloatComputation() {
        GraphBuilder b = new GraphBuilder("bn", DType.FLOAT32);
        int x = b.input("x", 2, 2, 3);
        int c = b.conv2d("conv", x, 4, 1, 1, Padding.SAME, false, Activation.NONE);
        int n = b.batchNorm("bn", c, 1e-3f);
        int r = b.relu("relu", n);
        int f = b.reshape("flat", r, Shape.of(1, 16));
        int y = b.fullyConnected("fc", f, 3, true);
        Graph g = withData(b.build(y), 5, Map.of());
        assertFalse(g.opsOfKind(OpKind.BATCH_NORM).isEmpty());
        List<float[]> test = samples(7, 20, 12, 1f);
        List<float[]> cal = new ArrayList<>(samples(6, 64, 12, 1f));
        cal.addAll(test);
        QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults());
        assertTrue(m.floatGraph().opsOfKind(OpKind.BATCH_NORM).isEmpty());
        assertTrue(m.graph().opsOfKind(OpKind.BATCH_NORM).isEmpty());
        float[] w = HandForward.data(g, idx(g, "conv/weights"));
        float[] gamma = HandForward.data(g, idx(g, "bn/gamma")), beta = HandForward.data(g, idx(g, "bn/beta"));
        float[] mean = HandForward.data(g, idx(g, "bn/moving_mean")), var = HandForward.data(g, idx(g, "bn/moving_variance"));
        float[] fw = HandForward.data(g, idx(g, "fc/weights")), fb = HandForward.data(g, idx(g, "fc/bias"));
        for (float[] in : test) {
            float[] bound = errorBound(m, in);
            double[] h = new double[16];
            for (int p = 0; p < 4; p++) {
                for (int o = 0; o < 4; o++) {
                    double acc = 0;
                    for (int i = 0; i < 3; i++) acc += in[p * 3 + i] * w[o * 3 + i];
                    double bn = gamma[o] * (acc - mean[o]) / Math.sqrt(var[o] + 1e-3) + beta[o];
                    h[p * 4 + o] = Math.max(0, bn);
                }
            }
            float[] got = runInt8(m, in);
            for (int u = 0; u < 3; u++) {
                double want = fb[u];
                for (int d = 0; d < 16; d++) want += h[d] * fw[u * 16 + d];
                assertEquals(want, got[u], bound[u] + 1e-4, "output " + u);
            }
        }
    }

    @Test
    void logisticSoftmaxAndTanhOutputsGetTheSpecsFixedParameters() {
        GraphBuilder b = new GraphBuilder("fixed", DType.FLOAT32);
        int x = b.input("x", Shape.of(1, 8));
        int s = b.logistic("sig", x);
        int t = b.tanh("tanh", x);
        int sm = b.softmax("soft", x);
        int r = b.reshape("soft_r", sm, Shape.of(1, 2, 4));
        Graph g = b.build(s, t, r);
        float[] lo = new float[g.tensors().size()], hi = new float[g.tensors().size()];
        java.util.Arrays.fill(lo, -3f);
        java.util.Arrays.fill(hi, 5f);
        QuantizedModel m = PostTrainingQuantizer.fromRanges(g, lo, hi, PtqOptions.defaults(), 1);
        assertEquals(new PerTensor(1f / 256, -128), params(m.graph(), "sig"));
        assertEquals(new PerTensor(1f / 128, 0), params(m.graph(), "tanh"));
        assertEquals(new PerTensor(1f / 256, -128), params(m.graph(), "soft"));
        assertEquals(new PerTensor(1f / 256, -128), params(m.graph(), "soft_r"), "a reshape of a softmax shares its fixed parameters");
        assertEquals(Calibration.fromMinMax(-3f, 5f, QType.INT8), params(m.graph(), "x"));
        Map<String, TensorRange.Source> src = new java.util.HashMap<>();
        for (TensorRange tr : m.activationRanges()) src.put(tr.name(), tr.source());
        assertEquals(TensorRange.Source.FIXED, src.get("sig"));
        assertEquals(TensorRange.Source.SHARED, src.get("soft_r"));
        assertEquals(TensorRange.Source.CALIBRATED, src.get("x"));
    }

    @Test
    void poolsReshapePadResizeAndConcatShareTheUnionOfTheirRanges() {
        GraphBuilder b = new GraphBuilder("shared", DType.FLOAT32);
        int x = b.input("x", 4, 4, 2);
        int y = b.input("y", 2, 2, 2);
        int p = b.maxPool("pool", x, 2, 2, Padding.VALID);
        int c = b.concat("cat", 3, List.of(p, y));
        int pd = b.pad("pad", c, 1);
        int rs = b.resizeNearest("up", pd, 8, 8, false, false);
        int mean = b.mean("mean", rs, List.of(1, 2), true);
        Graph g = b.build(mean);
        int n = g.tensors().size();
        float[] lo = new float[n], hi = new float[n];
        lo[idx(g, "x")] = -1f;
        hi[idx(g, "x")] = 2f;
        lo[idx(g, "y")] = -4f;
        hi[idx(g, "y")] = 0.5f;
        for (String s : List.of("pool", "cat", "pad", "up")) {
            lo[idx(g, s)] = -0.5f;
            hi[idx(g, s)] = 1f;
        }
        lo[idx(g, "mean")] = -0.1f;
        hi[idx(g, "mean")] = 0.3f;
        QuantizedModel m = PostTrainingQuantizer.fromRanges(g, lo, hi, PtqOptions.defaults(), 1);
        PerTensor union = Calibration.fromMinMax(-4f, 2f, QType.INT8);
        for (String s : List.of("x", "y", "pool", "cat", "pad", "up")) assertEquals(union, params(m.graph(), s), s);
        assertEquals(Calibration.fromMinMax(-0.1f, 0.3f, QType.INT8), params(m.graph(), "mean"), "MEAN rescales: its own parameters");
        Interpreter.prepare(m.graph());   // every kernel accepts the parameters
    }

    @Test
    void anAllZeroWeightChannelKeepsZeroWeightsAndItsBias() {
        float[] w = {0.5f, -0.25f, 1f, 0, 0, 0, -0.7f, 0.1f, 0.2f, 0.3f, 0.3f, -0.3f};
        float[] bias = {0.1f, 0.8f, -0.2f, 0.05f};
        Graph g = withData(tiny(0).withName("z"), 0, Map.of());
        GraphEditor e = new GraphEditor(g);
        e.setTensor(idx(g, "conv/weights"), g.tensor(idx(g, "conv/weights")).withData(Bytes.ofFloats(w)));
        e.setTensor(idx(g, "conv/bias"), g.tensor(idx(g, "conv/bias")).withData(Bytes.ofFloats(bias)));
        g = e.build();
        QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(g, PostTrainingQuantizer.singleInput(samples(1, 32, 12, 1f)), PtqOptions.defaults());
        Graph q = m.graph();
        Op.Conv2D conv = (Op.Conv2D) q.op(q.opsOfKind(OpKind.CONV_2D).get(0));
        Quantization wq = q.tensor(conv.filter()).quantization().orElseThrow();
        float maxScale = Math.max(Math.max(wq.scale(0), wq.scale(2)), wq.scale(3));
        assertEquals(maxScale, wq.scale(1), "the zero channel takes the largest scale");
        byte[] wd = q.tensor(conv.filter()).data().orElseThrow().toArray();
        assertArrayEquals(new byte[] {0, 0, 0}, java.util.Arrays.copyOfRange(wd, 3, 6));
        assertEquals(1, m.weightRanges().get(0).zeroChannels());
        // channel 1 outputs relu(0.8) everywhere, whatever the input
        Interpreter interp = Interpreter.prepare(q);
        for (float[] x : samples(2, 5, 12, 1f)) {
            TensorValue convOut = interp.trace(List.of(TensorValue.quantizing(interp.inputTensor(0), x)), dev.edgetpunas.quant.kernels.Parallelism.serial())
                    .value(conv.output()).orElseThrow();
            float s = convOut.params().orElseThrow().scale(0);
            float[] v = convOut.dequantized();
            for (int p = 0; p < 4; p++) assertEquals(0.8f, v[p * 4 + 1], s / 2 + 1e-6f);
        }
    }

    @Test
    void anActivationThatIsAlwaysZeroGetsAPositiveScaleAndRunsExactly() {
        // every conv channel has a large negative bias: the RELU output is always 0
        Graph g = tiny(2);
        GraphEditor e = new GraphEditor(g);
        e.setTensor(idx(g, "conv/bias"), g.tensor(idx(g, "conv/bias")).withData(Bytes.ofFloats(new float[] {-100, -100, -100, -100})));
        g = e.build();
        QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(g, PostTrainingQuantizer.singleInput(samples(3, 16, 12, 1f)), PtqOptions.defaults());
        Graph q = m.graph();
        int relu = q.op(q.opsOfKind(OpKind.CONV_2D).get(0)).output();
        assertEquals(new PerTensor(1f / 255f, -128), params(q, q.tensor(relu).name()));
        float[] fcBias = HandForward.data(g, idx(g, "fc/bias"));
        float outScale = params(q, "fc").scale();
        float[] out = runInt8(m, samples(4, 1, 12, 1f).get(0));
        for (int u = 0; u < 3; u++) assertEquals(fcBias[u], out[u], outScale / 2 + 1e-6f, "the FC sees exact zeros and outputs its bias");
    }

    @Test
    void percentileCalibrationClipsRareOutliersThatMinMaxKeeps() {
        Graph g = tiny(8);
        List<float[]> cal = samples(9, 200, 12, 1f);
        cal.get(17)[5] = 40f;   // one outlier among 2400 input values
        PostTrainingQuantizer ptq = new PostTrainingQuantizer(new HandForward());
        QuantizedModel minMax = ptq.quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults());
        HandForward counting = new HandForward();
        QuantizedModel pct = new PostTrainingQuantizer(counting).quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults().withPercentile(99.9));
        assertEquals(400, counting.runs, "percentile calibration walks the samples twice");
        assertEquals(Calibration.fromMinMax(-1f, 40f, QType.INT8).scale(), params(minMax.graph(), "x").scale(), 1e-3f);
        PerTensor clipped = params(pct.graph(), "x");
        assertTrue(clipped.scale() < 2.1f / 255, "percentile range ~[-1, 1]: scale " + clipped.scale());
        TensorRange x = pct.activationRanges().stream().filter(r -> r.name().equals("x")).findFirst().orElseThrow();
        assertTrue(x.max() > 0.95f && x.max() < 1.03f && x.min() < -0.95f && x.min() > -1.03f, x.toString());
    }

    @Test
    void rangeCollectorQuantilesOfAUniformRampAreWithinABin() {
        boolean[] tracked = {true};
        RangeCollector rc = new RangeCollector(tracked);
        float[] v = new float[10000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        rc.observeMinMax(0, v);
        rc.observeHistogram(0, v, 1000);
        assertEquals(9900f, rc.quantile(0, 0.99), 10f);
        assertEquals(100f, rc.quantile(0, 0.01), 10f);
        assertEquals(0f, rc.quantile(0, 0), 10f);
        assertEquals(9999f, rc.quantile(0, 1), 1e-3f);
    }

    @Test
    void floatEdgesAddQuantizeAndDequantizeAndGiveTheSameValues() {
        Graph g = tiny(21);
        List<float[]> cal = samples(22, 32, 12, 1f);
        PostTrainingQuantizer ptq = new PostTrainingQuantizer(new HandForward());
        QuantizedModel plain = ptq.quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults());
        QuantizedModel edges = ptq.quantize(g, PostTrainingQuantizer.singleInput(cal), PtqOptions.defaults().withFloatEdges(true, true));
        Graph q = edges.graph();
        assertEquals(OpKind.QUANTIZE, q.op(0).kind());
        assertEquals(OpKind.DEQUANTIZE, q.op(q.opCount() - 1).kind());
        assertEquals(DType.FLOAT32, q.tensor(q.inputs().get(0)).dtype());
        assertEquals("x", q.tensor(q.inputs().get(0)).name());
        assertEquals(DType.FLOAT32, q.tensor(q.outputs().get(0)).dtype());
        for (float[] x : samples(23, 5, 12, 1f)) {
            Interpreter fi = Interpreter.prepare(q);
            float[] viaEdges = fi.run(TensorValue.ofFloats("x", new int[] {1, 2, 2, 3}, x)).get(0).floats();
            assertArrayEquals(runInt8(plain, x), viaEdges);
        }
    }

    @Test
    void exportedTfliteReadsBackWithIdenticalInt8Outputs() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            QuantizedModel m = new PostTrainingQuantizer(new HandForward()).quantize(tiny(seed),
                    PostTrainingQuantizer.singleInput(samples(seed, 16, 12, 1f)), PtqOptions.defaults().withFloatEdges(seed % 2 == 0, seed % 3 == 0));
            Graph back = TfliteReader.read(TfliteWriter.write(m.graph()), "tiny.tflite");
            assertEquals(m.graph().withName("tiny"), back.withName("tiny"));
            for (float[] x : samples(seed + 5, 3, 12, 1f)) {
                Interpreter a = Interpreter.prepare(m.graph()), b = Interpreter.prepare(back);
                assertEquals(a.run(TensorValue.quantizing(a.inputTensor(0), x)), b.run(TensorValue.quantizing(b.inputTensor(0), x)));
            }
        });
    }

    @Test
    void badInputsAreRejectedWithMessagesNamingTheProblem() {
        PostTrainingQuantizer ptq = new PostTrainingQuantizer(new HandForward());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ptq.quantize(tiny(1), PostTrainingQuantizer.singleInput(List.of()), PtqOptions.defaults()));
        assertEquals("the calibration set is empty", empty.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> ptq.quantize(tiny(1), PostTrainingQuantizer.singleInput(List.of(new float[5])), PtqOptions.defaults()));
        assertTrue(size.getMessage().contains("needs 12"), size.getMessage());

        GraphBuilder b = new GraphBuilder("hs", DType.FLOAT32);
        int x = b.input("x", Shape.of(1, 4));
        int h = b.hardSwish("h", x);
        IllegalArgumentException hs = assertThrows(IllegalArgumentException.class,
                () -> ptq.quantize(b.build(h), PostTrainingQuantizer.singleInput(List.of(new float[4])), PtqOptions.defaults()));
        assertEquals("op 0 (HARD_SWISH): post-training quantization does not support HARD_SWISH (the integer interpreter has no kernel for it)", hs.getMessage());

        GraphBuilder nb = new GraphBuilder("nodata", DType.FLOAT32);
        int nx = nb.input("x", Shape.of(1, 4));
        int ny = nb.fullyConnected("fc", nx, 2, false);
        Graph noData = nb.build(ny);
        float[] r = new float[noData.tensors().size()];
        IllegalArgumentException nd = assertThrows(IllegalArgumentException.class, () -> PostTrainingQuantizer.fromRanges(noData, r, r, PtqOptions.defaults(), 1));
        assertTrue(nd.getMessage().contains("'fc/weights') has no data"), nd.getMessage());

        FloatForward broken = g -> in -> new float[g.tensors().size()][];
        IllegalStateException bs = assertThrows(IllegalStateException.class,
                () -> new PostTrainingQuantizer(broken).quantize(tiny(1), PostTrainingQuantizer.singleInput(samples(1, 1, 12, 1f)), PtqOptions.defaults()));
        assertTrue(bs.getMessage().contains("tensor 0 ('x')"), bs.getMessage());

        assertThrows(IllegalArgumentException.class, () -> PtqOptions.defaults().withPercentile(40));
    }

    @Test
    void reportCountsTop1OfBothGraphsAndGivesHighSqnrPerLayer() {
        Graph g = tiny(31);
        HandForward hf = new HandForward();
        QuantizedModel m = new PostTrainingQuantizer(hf).quantize(g, PostTrainingQuantizer.singleInput(samples(32, 64, 12, 1f)), PtqOptions.defaults());
        FloatForward.Runner ref = hf.prepare(m.floatGraph());
        List<LabelledSample> test = new ArrayList<>();
        int k = 0;
        for (float[] x : samples(33, 50, 12, 1f)) {
            float[] y = ref.run(List.of(x))[m.floatGraph().outputs().get(0)];
            // labels: the float prediction for the first 40 samples, a wrong class for the last 10
            int fp = QuantReport.argMax(y);
            test.add(LabelledSample.of(x, k++ < 40 ? fp : (fp + 1) % 3));
        }
        QuantReport r = QuantReport.evaluate(m, hf, test, dev.edgetpunas.quant.kernels.Parallelism.serial());
        assertEquals(50, r.samples());
        assertEquals(0.8, r.floatTop1(), 1e-12);
        assertTrue(r.agreement() >= 0.9, "int8 and float agree on most samples: " + r.agreement());
        assertEquals(r.floatTop1() - r.int8Top1(), r.top1Drop(), 1e-12);
        assertEquals(List.of("CONV_2D", "RESHAPE", "FULLY_CONNECTED"), r.layers().stream().map(QuantReport.LayerSqnr::op).toList());
        for (QuantReport.LayerSqnr l : r.layers()) assertTrue(l.sqnrDb() > 25, l.toString());
        var json = r.toJson();
        assertEquals(50, json.get("samples").asInt());
        assertEquals(3, json.get("layers").size());
        assertTrue(json.get("layers").get(0).has("sqnr_db"));
        assertEquals(4, json.get("activations").size());
        assertEquals("calibrated", json.get("activations").get(0).get("source").asText());
        assertEquals(2, json.get("weights").size());
    }

    @Test
    void weightsAndBiasSharedByLayersWithDifferentInputScalesGetABiasCopyPerScale() {
        GraphBuilder b = new GraphBuilder("sharedbias", DType.FLOAT32);
        int x = b.input("x", Shape.of(1, 4));
        int y = b.input("y", Shape.of(1, 4));
        int f1 = b.fullyConnected("f1", x, 2, true);
        int f2 = b.fullyConnected("f2", y, 2, true);
        Graph g0 = withData(b.build(f1, f2), 1, Map.of());
        GraphEditor e = new GraphEditor(g0);
        e.replaceUses(idx(g0, "f2/weights"), idx(g0, "f1/weights"));
        e.replaceUses(idx(g0, "f2/bias"), idx(g0, "f1/bias"));
        Graph g = e.build();
        float[] lo = new float[g.tensors().size()], hi = new float[g.tensors().size()];
        lo[idx(g, "x")] = -1f;
        hi[idx(g, "x")] = 1f;
        lo[idx(g, "y")] = -4f;
        hi[idx(g, "y")] = 4f;
        for (String s : List.of("f1", "f2")) {
            lo[idx(g, s)] = -3f;
            hi[idx(g, s)] = 3f;
        }
        QuantizedModel m = PostTrainingQuantizer.fromRanges(g, lo, hi, PtqOptions.defaults(), 1);
        Graph q = m.graph();
        Op.FullyConnected a = (Op.FullyConnected) q.op(0), c = (Op.FullyConnected) q.op(1);
        assertEquals(a.weights(), c.weights(), "the weights stay shared");
        assertTrue(a.bias() != c.bias(), "each input scale gets its own bias tensor");
        float[] bias = HandForward.data(g, idx(g, "f1/bias"));
        float sw = q.tensor(a.weights()).quantization().orElseThrow().scale(0);
        for (Op.FullyConnected op : List.of(a, c)) {
            float sIn = params(q, q.tensor(op.dataInput()).name()).scale();
            int[] qb = q.tensor(op.bias()).data().orElseThrow().ints();
            for (int u = 0; u < 2; u++) assertEquals(bias[u] / (sIn * sw), qb[u], 0.5 + 1e-3);
        }
        Interpreter.prepare(q);
    }

    @Test
    void sqnrOfKnownSignalsAndNoise() {
        assertEquals(20.0, Sqnr.db(new float[] {1, 1}, new float[] {1.1f, 0.9f}), 1e-5);
        assertEquals(Double.POSITIVE_INFINITY, Sqnr.db(new float[] {1, 2}, new float[] {1, 2}));
        assertEquals(Double.NEGATIVE_INFINITY, Sqnr.db(new float[] {0, 0}, new float[] {0, 1}));
        Sqnr.Accumulator a = new Sqnr.Accumulator();
        a.add(new float[] {3}, new float[] {3});
        a.add(new float[] {4}, new float[] {3.5f});
        assertEquals(10 * Math.log10(25 / 0.25), a.db(), 1e-9);
        // a full-range uniform signal rounded to 256 levels: about 6.02 * 8 dB
        float[] x = new float[100_000], y = new float[x.length];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
            y[i] = Math.round(x[i] * 127.5f) / 127.5f;
        }
        assertEquals(48.2, Sqnr.db(x, y), 0.5);
    }

    @Test
    void foldingIsIdempotentSoFloatAndInt8TensorsLineUp() {
        Graph folded = FoldBatchNorm.apply(tiny(4));
        assertEquals(folded, FoldBatchNorm.apply(folded));
    }
}
