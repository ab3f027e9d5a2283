package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import java.util.List;

/**
 * SqueezeNet 1.0 as published (Iandola et al. 2016, the Caffe {@code SqueezeNet_v1.0} deploy file, the
 * same layers as torchvision's {@code squeezenet1_0}): 7x7/2 conv (96), fire modules 2-9, 3x3/2 max pools
 * after conv1, fire4 and fire8 in Caffe's ceil mode, 1x1 conv to 1000 classes with ReLU, global average
 * pool, softmax. Convs have biases and no BN.
 *
 * <pre>{@code
 * Graph g = SqueezeNet.v10(224, 1000);
 * }</pre>
 *
 * <p>A fire module: squeeze 1x1 + ReLU, then 1x1 and 3x3 (SAME) expands + ReLU, concatenated (1x1 first).
 * Caffe's ceil-mode pools become a PAD (bottom/right) + VALID MAX_POOL_2D where floor and ceil differ.
 */
public final class SqueezeNet {
    private SqueezeNet() {}

    /** (squeeze, expand) per fire module 2..9. */
    private static final int[][] FIRE = {{16, 64}, {16, 64}, {32, 128}, {32, 128}, {48, 192}, {48, 192}, {64, 256}, {64, 256}};

    public static Graph v10(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("squeezenet", DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        x = b.relu("relu_conv1", b.conv2d("conv1", x, 96, 7, 7, 2, 2, Padding.VALID, 1, true, Activation.NONE));
        x = Layers.maxPoolCeil(b, "pool1", x, 3, 2);
        for (int f = 0; f < FIRE.length; f++) {
            int id = f + 2;
            x = fire(b, "fire" + id, x, FIRE[f][0], FIRE[f][1]);
            if (id == 4) x = Layers.maxPoolCeil(b, "pool4", x, 3, 2);
            if (id == 8) x = Layers.maxPoolCeil(b, "pool8", x, 3, 2);
        }
        x = b.conv2d("conv10", x, classes, 1, 1, 1, 1, Padding.VALID, 1, true, Activation.NONE);
        x = b.relu("relu_conv10", x);
        Shape s = b.shape(x);
        x = b.averagePool("pool10", x, s.h(), s.w(), 1, 1, Padding.VALID);
        x = b.reshape("flatten", x, Shape.of(1, classes));
        return b.build(b.softmax("prob", x));
    }

    private static int fire(GraphBuilder b, String n, int x, int squeeze, int expand) {
        int s = b.relu(n + "/relu_squeeze1x1", b.conv2d(n + "/squeeze1x1", x, squeeze, 1, 1, 1, 1, Padding.VALID, 1, true, Activation.NONE));
        int e1 = b.relu(n + "/relu_expand1x1", b.conv2d(n + "/expand1x1", s, expand, 1, 1, 1, 1, Padding.VALID, 1, true, Activation.NONE));
        int e3 = b.relu(n + "/relu_expand3x3", b.conv2d(n + "/expand3x3", s, expand, 3, 3, 1, 1, Padding.SAME, 1, true, Activation.NONE));
        return b.concat(n + "/concat", 3, List.of(e1, e3));
    }
}
