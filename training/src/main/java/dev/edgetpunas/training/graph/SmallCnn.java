package dev.edgetpunas.training.graph;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;

/**
 * The reference small CNN for Fashion-MNIST as a training graph (the {@code small-cnn} model of the
 * {@code train} command): conv 3x3 (32) + BN + ReLU, max pool 2, conv 3x3 (64) + BN + ReLU, max pool 2,
 * FC 128 + ReLU, FC 10. The same network as {@code nn.Models.fashionCnn} (421,738 parameters, 4.24 M
 * MACs per image at width 1); {@code width} scales the three hidden widths.
 *
 * <pre>{@code
 * Graph g = SmallCnn.graph(1.0);
 * GraphModel m = GraphModel.initialise(g, rng);
 * }</pre>
 */
public final class SmallCnn {
    /** The model name on the command line. */
    public static final String NAME = "small-cnn";

    private SmallCnn() {}

    /** The graph for 28x28x1 inputs and 10 classes, widths 32, 64, 128 times {@code width} (at least 1). */
    public static Graph graph(double width) {
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width must be > 0, but was " + width);
        int c1 = Math.max(1, (int) Math.round(32 * width));
        int c2 = Math.max(1, (int) Math.round(64 * width));
        int f = Math.max(1, (int) Math.round(128 * width));
        GraphBuilder b = new GraphBuilder(width == 1.0 ? NAME : NAME + "-w" + width, DType.FLOAT32);
        int x = b.input("input", ProxyTask.SIZE, ProxyTask.SIZE, ProxyTask.CHANNELS);
        x = b.convBnAct("conv1", x, c1, 3, 1, Nonlinearity.RELU);
        x = b.maxPool("pool1", x, 2, 2, Padding.VALID);
        x = b.convBnAct("conv2", x, c2, 3, 1, Nonlinearity.RELU);
        x = b.maxPool("pool2", x, 2, 2, Padding.VALID);
        x = b.reshape("flatten", x, Shape.of(1, 7 * 7 * c2));
        x = b.fullyConnected("fc1", x, f, true);
        x = b.activation("fc1/relu", x, Nonlinearity.RELU);
        x = b.fullyConnected("logits", x, ProxyTask.CLASSES, true);
        return b.build(x);
    }

}
