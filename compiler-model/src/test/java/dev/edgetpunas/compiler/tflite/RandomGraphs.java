package dev.edgetpunas.compiler.tflite;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random graphs for round-trip properties: a float training graph (convs with BN, depthwise,
 * element-wise ops, pools, pads, resizes, concat/split, transpose conv, custom and opaque ops, a
 * random head) whose constants all carry random data; {@link #floatGraph} folds its BN,
 * {@link #int8Graph} deploys it (per-channel int8 weights, int32 biases, quantized activations).
 */
final class RandomGraphs {
    private RandomGraphs() {}

    static Graph floatGraph(long seed) {
        return FoldBatchNorm.apply(training(seed));
    }

    static Graph int8Graph(long seed) {
        return Deploy.apply(training(seed));
    }

    static Graph training(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder("random_" + Long.toHexString(seed), DType.FLOAT32);
        int x = b.input("input", 4 + r.nextInt(9), 4 + r.nextInt(9), 1 + r.nextInt(6));
        int layers = 2 + r.nextInt(7);
        for (int i = 0; i < layers; i++) x = layer(b, r, "l" + i, x);
        x = head(b, r, x);
        Graph g = b.build(x);
        return withData(g, r);
    }

    private static Activation act(SplittableRandom r) {
        Activation[] a = {Activation.NONE, Activation.RELU, Activation.RELU6};
        return a[r.nextInt(a.length)];
    }

    private static int layer(GraphBuilder b, SplittableRandom r, String n, int x) {
        Shape s = b.shape(x);
        int h = s.h(), w = s.w(), c = s.c();
        switch (r.nextInt(14)) {
            case 0: {
                int k = 1 + r.nextInt(3), stride = 1 + r.nextInt(2), dil = stride == 1 ? 1 + r.nextInt(2) : 1;
                Padding p = h >= (k - 1) * dil + 1 && w >= (k - 1) * dil + 1 && r.nextBoolean() ? Padding.VALID : Padding.SAME;
                int y = b.conv2d(n, x, 1 + r.nextInt(8), k, k, stride, stride, p, dil, r.nextBoolean(), Activation.NONE);
                return r.nextBoolean() ? b.batchNorm(n + "/bn", y, 1e-3f) : b.relu(n + "/relu", y);
            }
            case 1:
                return b.depthwiseConv2d(n, x, 3, 3, 1 + r.nextInt(2), 1 + r.nextInt(2), Padding.SAME, 1 + r.nextInt(2), 1,
                        r.nextBoolean(), act(r));
            case 2: {
                int y = b.conv2d(n + "/branch", x, c, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
                return b.add(n, x, y);
            }
            case 3:
                return b.mul(n, x, b.logistic(n + "/sigmoid", x));
            case 4: {
                int k = r.nextInt(4);
                return k == 0 ? b.relu6(n, x) : k == 1 ? b.tanh(n, x) : k == 2 ? b.hardSwish(n, x) : b.sub(n, x, b.relu(n + "/r", x));
            }
            case 5:
                if (h < 2 || w < 2) return b.relu(n, x);
                return r.nextBoolean() ? b.averagePool(n, x, 2, 2, Padding.VALID) : b.maxPool(n, x, 2 + r.nextInt(2), 1, Padding.SAME);
            case 6:
                return b.pad(n, x, r.nextInt(2), r.nextInt(2), r.nextInt(2), 1);
            case 7: {
                int nh = Math.min(16, h * 2), nw = Math.min(16, w + 1);
                return r.nextBoolean() ? b.resizeBilinear(n, x, nh, nw, r.nextBoolean(), false)
                        : b.resizeNearest(n, x, nh, nw, false, r.nextBoolean());
            }
            case 8:
                return b.concat(n, 3, List.of(x, b.relu(n + "/relu", x)));
            case 9: {
                if (c % 2 != 0) return b.concat(n, -1, List.of(x, x));
                List<Integer> parts = b.split(n, x, 3, 2);
                return b.concat(n + "/join", 3, List.of(parts.get(1), parts.get(0)));
            }
            case 10:
                return b.transposeConv2d(n, x, 1 + r.nextInt(4), 3, 2, Padding.SAME, r.nextBoolean());
            case 11: {
                byte[] opts = new byte[r.nextInt(20)];
                for (int i = 0; i < opts.length; i++) opts[i] = (byte) r.nextInt(256);
                return b.addOp(n, 1, o -> new Op.Custom(List.of(x), List.of(o), "MyCustomOp" + r.nextInt(3), Bytes.wrap(opts)),
                        List.of(s)).get(0);
            }
            case 12:
                // an op the IR has no record for (builtin 100, MIRROR_PAD; shape kept for simplicity)
                return b.addOp(n, 1, o -> new Op.Opaque(List.of(x), List.of(o), 100, "MIRROR_PAD"), List.of(s)).get(0);
            default: {
                int y = b.depthwiseConv2d(n, x, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE);
                return b.batchNorm(n + "/bn", y, 1e-3f);
            }
        }
    }

    private static int head(GraphBuilder b, SplittableRandom r, int x) {
        switch (r.nextInt(4)) {
            case 0: {
                int m = b.mean("pool", x, List.of(1, 2), r.nextBoolean());
                int fc = b.fullyConnected("logits", m, 2 + r.nextInt(9), r.nextBoolean());
                return b.softmax("probs", fc);
            }
            case 1: {
                Shape s = b.shape(x);
                int flat = b.reshape("flatten", x, Shape.of(1, (int) s.elements()));
                return b.fullyConnected("logits", flat, 3, true);
            }
            case 2:
                return b.argMax("argmax", x, 3);
            default: {
                int m = b.mean("pool", x, List.of(1, 2), true);
                return b.addOp("squeeze", 1, o -> new Op.Squeeze(List.of(m), List.of(o), List.of(1, 2)), null).get(0);
            }
        }
    }

    /** The graph with random float data in every constant that has none. */
    private static Graph withData(Graph g, SplittableRandom r) {
        List<Tensor> ts = new ArrayList<>();
        for (Tensor t : g.tensors()) {
            if (t.constant() && t.data().isEmpty()) {
                float[] v = new float[(int) t.elements()];
                boolean positive = t.name().endsWith("moving_variance") || t.name().endsWith("gamma");
                for (int i = 0; i < v.length; i++) v[i] = (float) (positive ? 0.5 + r.nextDouble() : r.nextDouble() * 2 - 1);
                t = t.withData(Bytes.ofFloats(v));
            }
            ts.add(t);
        }
        return new Graph(g.name(), ts, g.ops(), g.inputs(), g.outputs());
    }
}
