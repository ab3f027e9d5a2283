package dev.edgetpunas.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code FoldBatchNorm} preserves the float forward pass (inference mode) on random graphs. */
class FoldBatchNormForwardTest {
    private static final Nonlinearity[] ACTS = {Nonlinearity.NONE, Nonlinearity.RELU, Nonlinearity.RELU6, Nonlinearity.SWISH,
        Nonlinearity.HARD_SWISH, Nonlinearity.TANH};

    /** A random CNN: conv / depthwise / fused blocks with BN and an activation, SE, residual ADDs, BN after an ADD (not foldable), pools, a dense head. */
    static Graph randomGraph(SplittableRandom r) {
        GraphBuilder b = new GraphBuilder("random", DType.FLOAT32);
        int size = 6 + r.nextInt(6);
        int x = b.input("input", size, size, 1 + r.nextInt(3));
        int blocks = 2 + r.nextInt(4);
        for (int i = 0; i < blocks; i++) {
            String n = "b" + i;
            int in = x;
            int c = b.shape(x).c();
            Nonlinearity act = ACTS[r.nextInt(ACTS.length)];
            int stride = r.nextInt(4) == 0 && b.shape(x).h() > 3 ? 2 : 1;
            int y;
            switch (r.nextInt(3)) {
                case 0:
                    y = b.conv2d(n + "/conv", x, 2 + r.nextInt(6), 1 + 2 * r.nextInt(2), 1 + 2 * r.nextInt(2), stride, stride, Padding.SAME, 1,
                            r.nextBoolean(), Activation.NONE);
                    break;
                case 1:
                    y = b.depthwiseConv2d(n + "/dw", x, 3, 3, stride, stride, Padding.SAME, 1 + r.nextInt(2), 1, r.nextBoolean(), Activation.NONE);
                    break;
                default:
                    y = b.conv2d(n + "/fused", x, c, 3, 3, stride, stride, Padding.SAME, 1, false, Activation.NONE);
                    break;
            }
            y = b.batchNorm(n + "/bn", y, 1e-3f);
            y = b.activation(n + "/act", y, act);
            if (r.nextInt(3) == 0) {
                int ch = b.shape(y).c();
                int s = b.mean(n + "/se/squeeze", y, List.of(1, 2), true);
                s = b.conv2d(n + "/se/reduce", s, Math.max(1, ch / 2), 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
                s = b.activation(n + "/se/act", s, Nonlinearity.SWISH);
                s = b.conv2d(n + "/se/expand", s, ch, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
                s = b.logistic(n + "/se/gate", s);
                y = b.mul(n + "/se/excite", y, s);
            }
            if (b.shape(y).equals(b.shape(in)) && r.nextBoolean()) {
                y = b.add(n + "/add", y, in);
                if (r.nextBoolean()) y = b.batchNorm(n + "/post_bn", y, 1e-3f);
            }
            if (r.nextInt(4) == 0 && b.shape(y).h() >= 2) y = r.nextBoolean() ? b.maxPool(n + "/pool", y, 2, 2, Padding.SAME)
                    : b.averagePool(n + "/pool", y, 2, 2, Padding.SAME);
            x = y;
        }
        x = b.mean("gap", x, List.of(1, 2), false);
        x = b.fullyConnected("fc", x, 2 + r.nextInt(8), true);
        return b.build(x);
    }

    /** The trained-looking graph: initialised weights, then non-trivial BN parameters and statistics. */
    static Graph withBnStatistics(Graph g, SplittableRandom r) {
        Graph init = GraphModel.initialise(g, GraphModelTest.rng(r.nextLong())).toGraph();
        List<Tensor> ts = new ArrayList<>(init.tensors());
        for (Op op : init.ops()) {
            if (op.kind() != OpKind.BATCH_NORM) continue;
            for (int p = 1; p <= 4; p++) {
                int t = op.inputs().get(p);
                float[] v = new float[(int) init.tensor(t).elements()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) switch (p) {
                        case 1 -> 0.5 + r.nextDouble();
                        case 2 -> r.nextDouble() - 0.5;
                        case 3 -> (r.nextDouble() - 0.5) * 2;
                        default -> 0.25 + 2 * r.nextDouble();
                    };
                }
                ts.set(t, ts.get(t).withData(Bytes.ofFloats(v)));
            }
        }
        return new Graph(init.name(), ts, init.ops(), init.inputs(), init.outputs());
    }

    @Test
    void foldingBatchNormPreservesTheInferenceForwardPass() {
        qt().withFixedSeed(31).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Graph g = withBnStatistics(randomGraph(r), r);
            Graph folded = FoldBatchNorm.apply(g);
            assertTrue(folded.opsOfKind(OpKind.BATCH_NORM).isEmpty());
            int batch = 1 + r.nextInt(3);
            int[] in = g.tensor(g.inputs().get(0)).shape().toArray();
            float[] x = GraphModelTest.randn(r, batch * in[1] * in[2] * in[3], 1.0);
            float[] a = GraphModel.of(g).predict(Parallel.serial(), x, batch);
            float[] b = GraphModel.of(folded).predict(Parallel.serial(), x, batch);
            assertEquals(a.length, b.length);
            double scale = 0;
            for (float v : a) scale = Math.max(scale, Math.abs(v));
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1e-4 + 1e-4 * scale, "seed " + seed + ", output " + i + ": " + a[i] + " vs folded " + b[i]);
            }
        });
    }

    @Test
    void foldingWritesBnIntoTheConvolutionsAndFusesRelus() {
        Graph g = withBnStatistics(SmallCnn.graph(0.25), new SplittableRandom(1));
        Graph f = FoldBatchNorm.apply(g);
        assertTrue(f.opsOfKind(OpKind.RELU).isEmpty(), "every ReLU fused");
        assertTrue(f.opsOfKind(OpKind.BATCH_NORM).isEmpty());
        for (int i : f.opsOfKind(OpKind.CONV_2D)) assertEquals(Activation.RELU, f.op(i).fusedActivation());
        assertEquals(7, f.opCount(), "conv, pool, conv, pool, reshape, fc, fc; was " + f.ops().stream().map(Op::opName).toList());
    }
}
