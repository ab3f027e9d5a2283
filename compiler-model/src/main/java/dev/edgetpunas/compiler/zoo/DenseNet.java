package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import java.util.List;

/**
 * DenseNet as Keras applications defines it ({@code keras/applications/densenet.py}): growth rate 32,
 * bottleneck width 4 x 32, compression 0.5, BN epsilon 1.001e-5, convs without bias.
 *
 * <pre>{@code
 * Graph d121 = DenseNet.build("densenet121", new int[] {6, 12, 24, 16}, 224, 1000);
 * }</pre>
 *
 * <p>Pre-activation: each conv block starts with BATCH_NORM + RELU on the concatenated features, so
 * that BN follows a CONCATENATION, not a conv; {@code Deploy} turns it into MUL + ADD by per-channel
 * constants, as the TFLite converter does.
 */
public final class DenseNet {
    private DenseNet() {}

    /** DenseNet with the given conv blocks per dense block (DenseNet-121: 6, 12, 24, 16). */
    public static Graph build(String name, int[] blocks, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        x = b.pad("zero_padding2d", x, 3);
        x = b.conv2d("conv1/conv", x, 64, 7, 7, 2, 2, Padding.VALID, 1, false, Activation.NONE);
        x = b.batchNorm("conv1/bn", x, Layers.EPS_KERAS_RESNET);
        x = b.relu("conv1/relu", x);
        x = b.pad("zero_padding2d_1", x, 1);
        x = b.maxPool("pool1", x, 3, 2, Padding.VALID);
        for (int s = 0; s < blocks.length; s++) {
            for (int i = 1; i <= blocks[s]; i++) x = convBlock(b, "conv" + (s + 2) + "_block" + i, x, 32);
            if (s < blocks.length - 1) x = transition(b, "pool" + (s + 2), x, 0.5);
        }
        x = b.batchNorm("bn", x, Layers.EPS_KERAS_RESNET);
        x = b.relu("relu", x);
        return b.build(Layers.kerasTop(b, x, classes));
    }

    private static int convBlock(GraphBuilder b, String n, int x, int growth) {
        int y = b.batchNorm(n + "_0_bn", x, Layers.EPS_KERAS_RESNET);
        y = b.relu(n + "_0_relu", y);
        y = b.conv2d(n + "_1_conv", y, 4 * growth, 1, 1, 1, 1, Padding.VALID, 1, false, Activation.NONE);
        y = b.batchNorm(n + "_1_bn", y, Layers.EPS_KERAS_RESNET);
        y = b.relu(n + "_1_relu", y);
        y = b.conv2d(n + "_2_conv", y, growth, 3, 3, 1, 1, Padding.SAME, 1, false, Activation.NONE);
        return b.concat(n + "_concat", 3, List.of(x, y));
    }

    private static int transition(GraphBuilder b, String n, int x, double reduction) {
        int y = b.batchNorm(n + "_bn", x, Layers.EPS_KERAS_RESNET);
        y = b.relu(n + "_relu", y);
        y = b.conv2d(n + "_conv", y, (int) (b.shape(x).c() * reduction), 1, 1, 1, 1, Padding.VALID, 1, false, Activation.NONE);
        return b.averagePool(n + "_pool", y, 2, 2, Padding.VALID);
    }
}
