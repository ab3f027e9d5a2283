package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;

/**
 * VGG16 and VGG19 as Keras applications define them ({@code vgg16.py}, {@code vgg19.py}): 3x3 SAME
 * convs with bias and ReLU (no BN), 2x2/2 max pools, flatten, two 4096-unit dense layers with ReLU,
 * dense to 1000 classes, softmax.
 *
 * <pre>{@code
 * Graph vgg16 = Vgg.build("vgg16", new int[] {2, 2, 3, 3, 3}, 224, 1000);
 * }</pre>
 *
 * <p>At sizes other than 224 the first dense layer takes the flattened map as it is
 * ({@code (size/32)^2 * 512} inputs), which Keras would refuse with {@code include_top}.
 */
public final class Vgg {
    private Vgg() {}

    private static final int[] WIDTHS = {64, 128, 256, 512, 512};

    /** VGG with {@code convs[i]} convs in block {@code i + 1} (VGG16: 2, 2, 3, 3, 3; VGG19: 2, 2, 4, 4, 4). */
    public static Graph build(String name, int[] convs, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        for (int blk = 0; blk < 5; blk++) {
            for (int c = 1; c <= convs[blk]; c++) {
                String n = "block" + (blk + 1) + "_conv" + c;
                x = b.conv2d(n, x, WIDTHS[blk], 3, 3, 1, 1, Padding.SAME, 1, true, Activation.NONE);
                x = b.relu(n + "/relu", x);
            }
            x = b.maxPool("block" + (blk + 1) + "_pool", x, 2, 2, Padding.VALID);
        }
        x = b.reshape("flatten", x, Shape.of(1, (int) b.shape(x).elements()));
        x = b.relu("fc1/relu", b.fullyConnected("fc1", x, 4096, true));
        x = b.relu("fc2/relu", b.fullyConnected("fc2", x, 4096, true));
        x = b.fullyConnected("predictions", x, classes, true);
        return b.build(b.softmax("predictions/softmax", x));
    }
}
