package dev.edgetpunas.quant.testutil;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.GraphEditor;
import java.util.List;
import java.util.Random;

/** Small float graphs with seeded random constant data, for interpreter and PTQ tests. */
public final class TestGraphs {
    private TestGraphs() {}

    /**
     * Fills every FLOAT32 constant without data: weights ~ N(0, 0.5^2); BN variances and gammas in
     * [0.5, 1.5]; biases, betas and means ~ N(0, 0.1^2).
     */
    public static Graph filled(Graph g, long seed) {
        Random r = new Random(seed);
        GraphEditor e = new GraphEditor(g);
        for (int t = 0; t < g.tensors().size(); t++) {
            Tensor x = g.tensor(t);
            if (!x.constant() || x.data().isPresent() || x.dtype() != DType.FLOAT32) continue;
            float[] v = new float[(int) x.elements()];
            String n = x.name();
            for (int i = 0; i < v.length; i++) {
                if (n.endsWith("/gamma") || n.endsWith("/moving_variance")) v[i] = 0.5f + r.nextFloat();
                else if (n.endsWith("/bias") || n.endsWith("/beta") || n.endsWith("/moving_mean")) v[i] = (float) (0.1 * r.nextGaussian());
                else v[i] = (float) (0.5 * r.nextGaussian());
            }
            e.setTensor(t, x.withData(Bytes.ofFloats(v)));
        }
        return e.build();
    }

    /**
     * A small CNN over a {@code [1, 8, 8, 3]} input: 3x3/2 conv + RELU6, 3x3 depthwise + RELU, 1x1 conv,
     * residual ADD, global MEAN, RESHAPE, FULLY_CONNECTED to 5, SOFTMAX. Float, without data.
     */
    public static Graph smallCnn(String name) {
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = b.input("in", 8, 8, 3);
        int c1 = b.conv2d("c1", x, 8, 3, 2, Padding.SAME, true, Activation.RELU6);
        int d = b.depthwiseConv2d("dw", c1, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.RELU);
        int c2 = b.conv2d("c2", d, 8, 1, 1, Padding.SAME, true, Activation.NONE);
        int a = b.add("add", c1, c2);
        int m = b.mean("gap", a, List.of(1, 2), true);
        int r = b.reshape("flat", m, Shape.of(1, 8));
        int f = b.fullyConnected("fc", r, 5, true);
        int s = b.softmax("prob", f);
        return b.build(s);
    }

    /** Seeded random bytes. */
    public static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
