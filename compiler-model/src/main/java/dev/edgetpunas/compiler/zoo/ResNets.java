package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;

/**
 * ResNet v1 and v2 as Keras applications define them ({@code keras/applications/resnet.py},
 * {@code resnet_v2.py}): {@code ZeroPadding2D(3)} + 7x7/2 VALID conv with bias, {@code ZeroPadding2D(1)}
 * + 3x3/2 max pool, bottleneck stacks, global average pool, dense to 1000 classes.
 *
 * <pre>{@code
 * Graph r50 = ResNets.v1("resnet50-v1", new int[] {3, 4, 6, 3}, 299, 1000);
 * Graph r152v2 = ResNets.v2("resnet152-v2", new int[] {3, 8, 36, 3}, 224, 1000);
 * }</pre>
 *
 * <p>v1 ({@code block1}): the stride sits on the first 1x1 conv; every conv has a bias (Keras's
 * default {@code use_bias=True}) and a BATCH_NORM (epsilon 1.001e-5). v2 ({@code block2}, pre-activation):
 * BN + ReLU before each block; the stride sits on the 3x3 conv of the <em>last</em> block of a stack
 * (conv5 keeps stride 1), behind a {@code ZeroPadding2D(1)} and a VALID conv; an identity shortcut
 * with a stride is a 1x1 max pool; the 1x1 convs that feed an ADD have a bias, the others not; a final
 * BN + ReLU ({@code post_bn}) precedes the pool.
 */
public final class ResNets {
    private ResNets() {}

    private static final int[] FILTERS = {64, 128, 256, 512};

    /** Keras ResNet v1 with the given blocks per stack (ResNet-50: 3, 4, 6, 3). */
    public static Graph v1(String name, int[] blocks, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = stem(b, b.input("input", resolution, resolution, 3), false);
        for (int s = 0; s < 4; s++) {
            String stack = "conv" + (s + 2);
            for (int i = 1; i <= blocks[s]; i++) {
                x = block1(b, stack + "_block" + i, x, FILTERS[s], i == 1 ? (s == 0 ? 1 : 2) : 1, i == 1);
            }
        }
        return b.build(Layers.kerasTop(b, x, classes));
    }

    /** Keras ResNet v2 with the given blocks per stack (ResNet-50 v2: 3, 4, 6, 3; ResNet-152 v2: 3, 8, 36, 3). */
    public static Graph v2(String name, int[] blocks, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = stem(b, b.input("input", resolution, resolution, 3), true);
        for (int s = 0; s < 4; s++) {
            String stack = "conv" + (s + 2);
            int lastStride = s == 3 ? 1 : 2;
            for (int i = 1; i <= blocks[s]; i++) {
                x = block2(b, stack + "_block" + i, x, FILTERS[s], i == blocks[s] ? lastStride : 1, i == 1);
            }
        }
        x = b.batchNorm("post_bn", x, Layers.EPS_KERAS_RESNET);
        x = b.relu("post_relu", x);
        return b.build(Layers.kerasTop(b, x, classes));
    }

    private static int stem(GraphBuilder b, int x, boolean preact) {
        x = b.pad("conv1_pad", x, 3);
        x = b.conv2d("conv1_conv", x, 64, 7, 7, 2, 2, Padding.VALID, 1, true, Activation.NONE);
        if (!preact) {
            x = b.batchNorm("conv1_bn", x, Layers.EPS_KERAS_RESNET);
            x = b.relu("conv1_relu", x);
        }
        x = b.pad("pool1_pad", x, 1);
        return b.maxPool("pool1_pool", x, 3, 2, Padding.VALID);
    }

    private static int convBn(GraphBuilder b, String name, int x, int filters, int k, int stride, Padding p, boolean relu) {
        int y = b.conv2d(name + "_conv", x, filters, k, k, stride, stride, p, 1, true, Activation.NONE);
        y = b.batchNorm(name + "_bn", y, Layers.EPS_KERAS_RESNET);
        return relu ? b.relu(name + "_relu", y) : y;
    }

    private static int block1(GraphBuilder b, String name, int x, int filters, int stride, boolean convShortcut) {
        int shortcut = convShortcut ? convBn(b, name + "_0", x, 4 * filters, 1, stride, Padding.VALID, false) : x;
        int y = convBn(b, name + "_1", x, filters, 1, stride, Padding.VALID, true);
        y = convBn(b, name + "_2", y, filters, 3, 1, Padding.SAME, true);
        y = convBn(b, name + "_3", y, 4 * filters, 1, 1, Padding.VALID, false);
        y = b.add(name + "_add", shortcut, y);
        return b.relu(name + "_out", y);
    }

    private static int block2(GraphBuilder b, String name, int x, int filters, int stride, boolean convShortcut) {
        int preact = b.batchNorm(name + "_preact_bn", x, Layers.EPS_KERAS_RESNET);
        preact = b.relu(name + "_preact_relu", preact);
        int shortcut;
        if (convShortcut) {
            shortcut = b.conv2d(name + "_0_conv", preact, 4 * filters, 1, 1, stride, stride, Padding.VALID, 1, true, Activation.NONE);
        } else {
            shortcut = stride > 1 ? b.maxPool(name + "_0_pool", x, 1, stride, Padding.VALID) : x;
        }
        int y = b.conv2d(name + "_1_conv", preact, filters, 1, 1, 1, 1, Padding.VALID, 1, false, Activation.NONE);
        y = b.batchNorm(name + "_1_bn", y, Layers.EPS_KERAS_RESNET);
        y = b.relu(name + "_1_relu", y);
        y = b.pad(name + "_2_pad", y, 1);
        y = b.conv2d(name + "_2_conv", y, filters, 3, 3, stride, stride, Padding.VALID, 1, false, Activation.NONE);
        y = b.batchNorm(name + "_2_bn", y, Layers.EPS_KERAS_RESNET);
        y = b.relu(name + "_2_relu", y);
        y = b.conv2d(name + "_3_conv", y, 4 * filters, 1, 1, 1, 1, Padding.VALID, 1, true, Activation.NONE);
        return b.add(name + "_out", shortcut, y);
    }
}
