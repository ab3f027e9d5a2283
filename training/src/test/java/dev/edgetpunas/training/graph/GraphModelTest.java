package dev.edgetpunas.training.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.nn.Models;
import dev.edgetpunas.training.nn.Param;
import dev.edgetpunas.training.nn.Sequential;
import dev.edgetpunas.training.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class GraphModelTest {
    static final double H = 1e-2;
    static final double ATOL = 2e-3;
    static final double RTOL = 2e-2;

    static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    static float[] randn(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - r.nextDouble(), v = r.nextDouble();
            a[i] = (float) (scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return a;
    }

    /**
     * A graph with every op the executor runs, activations smooth where their inputs are large (central
     * differences across HARD_SWISH's kinks at +-3 would be wrong): conv with bias and fused TANH, BN,
     * swish (LOGISTIC + MUL), HARD_SWISH on the small SE values, depthwise with
     * multiplier 2 and stride 2, squeeze-and-excitation, 1x1 projection + BN, residual ADD, grouped conv,
     * average pool, PAD, CONCATENATION, MEAN, RESHAPE, FC, SUB of a constant, SOFTMAX, MUL by a constant.
     */
    static Graph everyOp() {
        GraphBuilder b = new GraphBuilder("every-op", DType.FLOAT32);
        int x = b.input("input", 6, 6, 2);
        int y = b.conv2d("stem", x, 4, 3, 3, 1, 1, Padding.SAME, 1, true, Activation.TANH);
        y = b.batchNorm("stem/bn", y, 1e-3f);
        y = b.activation("stem/swish", y, Nonlinearity.SWISH);
        int dw = b.depthwiseConv2d("dw", y, 3, 3, 2, 2, Padding.SAME, 2, 1, false, Activation.NONE);
        dw = b.batchNorm("dw/bn", dw, 1e-3f);
        dw = b.activation("dw/tanh", dw, Nonlinearity.TANH);
        int s = b.mean("se/squeeze", dw, List.of(1, 2), true);
        s = b.conv2d("se/reduce", s, 2, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        s = b.activation("se/act", s, Nonlinearity.HARD_SWISH);
        s = b.conv2d("se/expand", s, 8, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        s = b.logistic("se/gate", s);
        int e = b.mul("se/excite", dw, s);
        int p = b.conv2d("project", e, 8, 1, 1, 1, 1, Padding.SAME, 1, false, Activation.NONE);
        p = b.batchNorm("project/bn", p, 1e-3f);
        int r = b.add("residual", p, dw);
        // grouped conv: 8 channels in, filter depth 4 -> 2 groups
        int gw = b.constant("grouped/weights", Shape.of(6, 3, 3, 4));
        int g = b.addOp("grouped", 1, o -> new dev.edgetpunas.compiler.graph.Op.Conv2D(List.of(r, gw), List.of(o), Padding.SAME, 1, 1, 1, 1,
                Activation.NONE), null).get(0);
        g = b.averagePool("pool", g, 2, 1, Padding.SAME);
        g = b.pad("pad", g, 1, 0, 0, 1);
        int h = b.logistic("sigmoid", b.pad("pad2", r, 1, 0, 0, 1));
        int c = b.concat("concat", 3, List.of(g, h));
        int m = b.mean("gap", c, List.of(1, 2), true);
        m = b.reshape("flatten", m, Shape.of(1, 14));
        int f = b.fullyConnected("fc", m, 5, true);
        int k = b.addTensor(Tensor.constant("shift", Shape.of(5), DType.FLOAT32, Bytes.ofFloats(new float[] {0.1f, -0.2f, 0.3f, 0f, 0.5f})));
        f = b.sub("minus", f, k);
        f = b.softmax("softmax", f);
        int two = b.addTensor(Tensor.constant("two", Shape.of(1, 5), DType.FLOAT32, Bytes.ofFloats(new float[] {2f, 1f, -1f, 3f, 0.5f})));
        f = b.mul("scaled", f, two);
        return b.build(f);
    }

    static double loss(GraphModel m, float[] x, int batch, float[] r, Parallel par, boolean training) {
        dev.edgetpunas.training.nn.Tensor out = m.forward(new dev.edgetpunas.training.nn.Tensor(withBatch(m, batch), x), training, par);
        double s = 0;
        for (int i = 0; i < r.length; i++) s += (double) out.data()[i] * r[i];
        return s;
    }

    static int[] withBatch(GraphModel m, int batch) {
        int[] s = m.sampleShape();
        int[] full = new int[s.length + 1];
        full[0] = batch;
        System.arraycopy(s, 0, full, 1, s.length);
        return full;
    }

    static void check(String what, float[] v, float[] analytic, java.util.function.DoubleSupplier loss) {
        for (int i = 0; i < v.length; i++) {
            float saved = v[i];
            v[i] = (float) (saved + H);
            double up = loss.getAsDouble();
            v[i] = (float) (saved - H);
            double down = loss.getAsDouble();
            v[i] = saved;
            double numeric = (up - down) / (2 * H);
            double a = analytic[i];
            if (Math.abs(a - numeric) > ATOL + RTOL * Math.max(Math.abs(a), Math.abs(numeric))) {
                fail(what + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
            }
        }
    }

    private static void gradientCheck(boolean training, long seed) {
        Graph g = everyOp();
        GraphModel m = GraphModel.initialise(g, rng(seed));
        SplittableRandom sr = new SplittableRandom(seed);
        int batch = 3;
        float[] x = randn(sr, batch * 6 * 6 * 2, 1.0);
        float[] r = randn(sr, batch * 5, 1.0);
        Parallel par = Parallel.serial();
        loss(m, x, batch, r, par, training);
        dev.edgetpunas.training.nn.Tensor dx = m.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {batch, 5}, r), true, par);
        List<float[]> grads = new ArrayList<>();
        for (Param p : m.params()) grads.add(p.grad().clone());
        float[] dIn = dx.data().clone();
        check("input", x, dIn, () -> loss(m, x, batch, r, par, training));
        for (int k = 0; k < m.params().size(); k++) {
            Param p = m.params().get(k);
            check(p.name(), p.value(), grads.get(k), () -> loss(m, x, batch, r, par, training));
        }
    }

    @Test
    void analyticGradientsMatchCentralDifferencesThroughEveryOpInTrainingMode() {
        gradientCheck(true, 3);
        gradientCheck(true, 11);
    }

    @Test
    void analyticGradientsMatchCentralDifferencesInInferenceMode() {
        gradientCheck(false, 5);
    }

    @Test
    void smallCnnGraphComputesExactlyWhatTheLayerApiComputes() {
        Sequential seq = Models.fashionCnn(rng(9));
        GraphModel m = GraphModel.initialise(SmallCnn.graph(1.0), rng(1));
        assertEquals(seq.params().size(), m.params().size());
        for (int k = 0; k < seq.params().size(); k++) {
            Param a = seq.params().get(k), b = m.params().get(k);
            assertArrayEquals(a.shape(), b.shape(), a.name() + " vs " + b.name());
            System.arraycopy(a.value(), 0, b.value(), 0, a.size());
        }
        assertEquals(seq.parameterCount(), m.parameterCount());
        float[] x = randn(new SplittableRandom(2), 4 * 784, 1.0);
        try (Parallel par = Parallel.of(2)) {
            var t = new dev.edgetpunas.training.nn.Tensor(new int[] {4, 28, 28, 1}, x);
            float[] ys = seq.forward(t, true, par).data().clone();
            float[] yg = m.forward(t, true, par).data().clone();
            assertArrayEquals(ys, yg);
            float[] dy = randn(new SplittableRandom(3), 40, 1.0);
            seq.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {4, 10}, dy), false, par);
            m.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {4, 10}, dy), false, par);
            for (int k = 0; k < seq.params().size(); k++) {
                assertArrayEquals(seq.params().get(k).grad(), m.params().get(k).grad(), seq.params().get(k).name());
            }
        }
    }

    @Test
    void trainingStepsAreBitIdenticalForOneTwoAndThreeThreads() {
        Graph g = ProxyTask.graph(ProxyTask.adapt(EfficientNetSpec.B0.withBlocks(EfficientNetSpec.B0.blocks().subList(0, 3)), 0.25));
        List<float[]> first = null;
        for (int threads = 1; threads <= 3; threads++) {
            GraphModel m = GraphModel.initialise(g, rng(4));
            Sgd sgd = new Sgd(m.params(), 0.9f, true, 1e-4f);
            SplittableRandom sr = new SplittableRandom(6);
            try (Parallel par = Parallel.of(threads)) {
                for (int step = 0; step < 3; step++) {
                    float[] x = randn(sr, 5 * 784, 1.0);
                    m.forward(new dev.edgetpunas.training.nn.Tensor(new int[] {5, 28, 28, 1}, x), true, par);
                    m.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {5, 10}, randn(sr, 50, 0.1)), false, par);
                    sgd.step(0.05f);
                }
            }
            List<float[]> values = new ArrayList<>();
            for (Param p : m.params()) values.add(p.value().clone());
            for (float[] v : m.toGraph().tensors().stream().filter(t -> t.name().endsWith("moving_mean")).map(t -> t.data().get().floats()).toList()) {
                values.add(v);
            }
            if (first == null) {
                first = values;
            } else {
                for (int k = 0; k < first.size(); k++) assertArrayEquals(first.get(k), values.get(k), "threads " + threads + ", array " + k);
            }
        }
    }

    @Test
    void initialisationIsSeededAndDataIsKept() {
        Graph g = SmallCnn.graph(0.5);
        GraphModel a = GraphModel.initialise(g, rng(7)), b = GraphModel.initialise(g, rng(7)), c = GraphModel.initialise(g, rng(8));
        assertArrayEquals(a.params().get(0).value(), b.params().get(0).value());
        assertTrue(!java.util.Arrays.equals(a.params().get(0).value(), c.params().get(0).value()));
        GraphModel back = GraphModel.of(a.toGraph());
        for (int k = 0; k < a.params().size(); k++) assertArrayEquals(a.params().get(k).value(), back.params().get(k).value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphModel.of(g));
        assertTrue(e.getMessage().contains("has no data"), e.getMessage());
    }

    @Test
    void unsupportedOpsAndQuantizedGraphsAreRefusedByName() {
        GraphBuilder b = new GraphBuilder("resize", DType.FLOAT32);
        int x = b.input("input", 4, 4, 1);
        int y = b.resizeBilinear("up", x, 8, 8, false, false);
        Graph g = b.build(y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphModel.initialise(g, rng(1)));
        assertTrue(e.getMessage().contains("RESIZE_BILINEAR"), e.getMessage());
        Graph q = dev.edgetpunas.compiler.passes.Deploy.apply(SmallCnn.graph(0.25));
        e = assertThrows(IllegalArgumentException.class, () -> GraphModel.initialise(q, rng(1)));
        assertTrue(e.getMessage().contains("INT8"), e.getMessage());
    }

    @Test
    void logitsAreTheSoftmaxInputWhenTheGraphEndsInSoftmax() {
        GraphBuilder b = new GraphBuilder("soft", DType.FLOAT32);
        int x = b.input("input", 2, 2, 1);
        int m = b.reshape("flat", x, Shape.of(1, 4));
        int f = b.fullyConnected("fc", m, 3, true);
        int s = b.softmax("softmax", f);
        GraphModel model = GraphModel.initialise(b.build(s), rng(1));
        assertEquals(f, model.logitsTensor());
        assertEquals(3, model.classes());
        assertNull(model.backward(new dev.edgetpunas.training.nn.Tensor(new int[] {1, 3}, new float[3]), false, Parallel.serial()));
    }
}
