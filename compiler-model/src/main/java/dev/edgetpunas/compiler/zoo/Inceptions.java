package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import java.util.List;

/**
 * The Inception family: v1, v3 and v4 as TF-slim defines them ({@code nets/inception_v1.py},
 * {@code inception_v3.py}, {@code inception_v4.py}; Coral's {@code inception_v*_quant.tflite} files are
 * TF-slim exports with 1001 classes and no auxiliary head) and Inception-ResNet v2 as Keras applications
 * define it ({@code inception_resnet_v2.py}, 1000 classes). Every conv is conv (no bias) + BATCH_NORM
 * (epsilon 1e-3; the originals have no BN scale, see the design notes) + RELU.
 *
 * <pre>{@code
 * Graph v4 = Inceptions.v4(299, 1001);
 * Graph irv2 = Inceptions.inceptionResNetV2(299, 1000);
 * }</pre>
 */
public final class Inceptions {
    private Inceptions() {}

    private static int conv(GraphBuilder b, String name, int x, int filters, int kh, int kw, int stride, Padding p) {
        return Layers.convBn(b, name, x, filters, kh, kw, stride, p, false, Layers.EPS_1E3, Nonlinearity.RELU);
    }

    private static int conv(GraphBuilder b, String name, int x, int filters, int k) {
        return conv(b, name, x, filters, k, k, 1, Padding.SAME);
    }

    private static int concat(GraphBuilder b, String name, Integer... xs) {
        return b.concat(name, 3, List.of(xs));
    }

    // ---- Inception v1 (GoogLeNet, TF-slim) -------------------------------------------------------

    /**
     * {@code (b0, b1a, b1b, b2a, b2b, b3)} per Mixed block of TF-slim's inception_v1 (branch 2 is a 3x3
     * conv in TF-slim, not the paper's 5x5).
     */
    private static final int[][] V1_MIXED = {{64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64}, {192, 96, 208, 16, 48, 64},
        {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64}, {112, 144, 288, 32, 64, 64}, {256, 160, 320, 32, 128, 128},
        {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};
    private static final String[] V1_NAMES = {"Mixed_3b", "Mixed_3c", "Mixed_4b", "Mixed_4c", "Mixed_4d", "Mixed_4e", "Mixed_4f",
        "Mixed_5b", "Mixed_5c"};

    /** TF-slim inception_v1 (SAME padding throughout, 7x7 average pool before the logits). */
    public static Graph v1(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("inception-v1", DType.FLOAT32);
        String s = "InceptionV1/";
        int x = b.input("input", resolution, resolution, 3);
        x = conv(b, s + "Conv2d_1a_7x7", x, 64, 7, 7, 2, Padding.SAME);
        x = b.maxPool(s + "MaxPool_2a_3x3", x, 3, 2, Padding.SAME);
        x = conv(b, s + "Conv2d_2b_1x1", x, 64, 1);
        x = conv(b, s + "Conv2d_2c_3x3", x, 192, 3);
        x = b.maxPool(s + "MaxPool_3a_3x3", x, 3, 2, Padding.SAME);
        for (int m = 0; m < V1_MIXED.length; m++) {
            if (m == 2) x = b.maxPool(s + "MaxPool_4a_3x3", x, 3, 2, Padding.SAME);
            if (m == 7) x = b.maxPool(s + "MaxPool_5a_2x2", x, 2, 2, Padding.SAME);
            int[] d = V1_MIXED[m];
            String n = s + V1_NAMES[m];
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, d[0], 1);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, d[1], 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_3x3", b1, d[2], 3);
            int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, d[3], 1);
            b2 = conv(b, n + "/Branch_2/Conv2d_0b_3x3", b2, d[4], 3);
            int b3 = b.maxPool(n + "/Branch_3/MaxPool_0a_3x3", x, 3, 1, Padding.SAME);
            b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, d[5], 1);
            x = concat(b, n + "/concat", b0, b1, b2, b3);
        }
        return b.build(Layers.slimLogits(b, s + "Logits", x, classes, 1));
    }

    // ---- Inception v3 (TF-slim; Keras's InceptionV3 has the same layers) ---------------------------

    /** TF-slim inception_v3 without the auxiliary head (inference graph). */
    public static Graph v3(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("inception-v3", DType.FLOAT32);
        String s = "InceptionV3/";
        int x = b.input("input", resolution, resolution, 3);
        x = conv(b, s + "Conv2d_1a_3x3", x, 32, 3, 3, 2, Padding.VALID);
        x = conv(b, s + "Conv2d_2a_3x3", x, 32, 3, 3, 1, Padding.VALID);
        x = conv(b, s + "Conv2d_2b_3x3", x, 64, 3, 3, 1, Padding.SAME);
        x = b.maxPool(s + "MaxPool_3a_3x3", x, 3, 2, Padding.VALID);
        x = conv(b, s + "Conv2d_3b_1x1", x, 80, 1, 1, 1, Padding.VALID);
        x = conv(b, s + "Conv2d_4a_3x3", x, 192, 3, 3, 1, Padding.VALID);
        x = b.maxPool(s + "MaxPool_5a_3x3", x, 3, 2, Padding.VALID);
        // 35 x 35: Mixed_5b/5c/5d
        int[] pool5 = {32, 64, 64};
        String[] n5 = {"Mixed_5b", "Mixed_5c", "Mixed_5d"};
        for (int i = 0; i < 3; i++) {
            String n = s + n5[i];
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 64, 1);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 48, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_5x5", b1, 64, 5);
            int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, 64, 1);
            b2 = conv(b, n + "/Branch_2/Conv2d_0b_3x3", b2, 96, 3);
            b2 = conv(b, n + "/Branch_2/Conv2d_0c_3x3", b2, 96, 3);
            int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
            b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, pool5[i], 1);
            x = concat(b, n + "/concat", b0, b1, b2, b3);
        }
        // Mixed_6a: 17 x 17
        {
            String n = s + "Mixed_6a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_1a_1x1", x, 384, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 64, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_3x3", b1, 96, 3);
            b1 = conv(b, n + "/Branch_1/Conv2d_1a_1x1", b1, 96, 3, 3, 2, Padding.VALID);
            int b2 = b.maxPool(n + "/Branch_2/MaxPool_1a_3x3", x, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1, b2);
        }
        int[] c7 = {128, 160, 160, 192};
        String[] n6 = {"Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e"};
        for (int i = 0; i < 4; i++) {
            String n = s + n6[i];
            int c = c7[i];
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 192, 1);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, c, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_1x7", b1, c, 1, 7, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_0c_7x1", b1, 192, 7, 1, 1, Padding.SAME);
            int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, c, 1);
            b2 = conv(b, n + "/Branch_2/Conv2d_0b_7x1", b2, c, 7, 1, 1, Padding.SAME);
            b2 = conv(b, n + "/Branch_2/Conv2d_0c_1x7", b2, c, 1, 7, 1, Padding.SAME);
            b2 = conv(b, n + "/Branch_2/Conv2d_0d_7x1", b2, c, 7, 1, 1, Padding.SAME);
            b2 = conv(b, n + "/Branch_2/Conv2d_0e_1x7", b2, 192, 1, 7, 1, Padding.SAME);
            int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
            b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, 192, 1);
            x = concat(b, n + "/concat", b0, b1, b2, b3);
        }
        // Mixed_7a: 8 x 8
        {
            String n = s + "Mixed_7a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 192, 1);
            b0 = conv(b, n + "/Branch_0/Conv2d_1a_3x3", b0, 320, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 192, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_1x7", b1, 192, 1, 7, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_0c_7x1", b1, 192, 7, 1, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_1a_3x3", b1, 192, 3, 3, 2, Padding.VALID);
            int b2 = b.maxPool(n + "/Branch_2/MaxPool_1a_3x3", x, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1, b2);
        }
        for (String m : new String[] {"Mixed_7b", "Mixed_7c"}) {
            String n = s + m;
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 320, 1);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 384, 1);
            int b1a = conv(b, n + "/Branch_1/Conv2d_0b_1x3", b1, 384, 1, 3, 1, Padding.SAME);
            int b1b = conv(b, n + "/Branch_1/Conv2d_0c_3x1", b1, 384, 3, 1, 1, Padding.SAME);
            b1 = concat(b, n + "/Branch_1/concat", b1a, b1b);
            int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, 448, 1);
            b2 = conv(b, n + "/Branch_2/Conv2d_0b_3x3", b2, 384, 3);
            int b2a = conv(b, n + "/Branch_2/Conv2d_0c_1x3", b2, 384, 1, 3, 1, Padding.SAME);
            int b2b = conv(b, n + "/Branch_2/Conv2d_0d_3x1", b2, 384, 3, 1, 1, Padding.SAME);
            b2 = concat(b, n + "/Branch_2/concat", b2a, b2b);
            int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
            b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, 192, 1);
            x = concat(b, n + "/concat", b0, b1, b2, b3);
        }
        return b.build(Layers.slimLogits(b, s + "Logits", x, classes, 2));
    }

    // ---- Inception v4 (TF-slim) --------------------------------------------------------------------

    /** TF-slim inception_v4 without the auxiliary head: 4 Inception-A, 7 Inception-B, 3 Inception-C blocks. */
    public static Graph v4(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("inception-v4", DType.FLOAT32);
        String s = "InceptionV4/";
        int x = b.input("input", resolution, resolution, 3);
        x = conv(b, s + "Conv2d_1a_3x3", x, 32, 3, 3, 2, Padding.VALID);
        x = conv(b, s + "Conv2d_2a_3x3", x, 32, 3, 3, 1, Padding.VALID);
        x = conv(b, s + "Conv2d_2b_3x3", x, 64, 3);
        {
            String n = s + "Mixed_3a";
            int b0 = b.maxPool(n + "/Branch_0/MaxPool_0a_3x3", x, 3, 2, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_3x3", x, 96, 3, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1);
        }
        {
            String n = s + "Mixed_4a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 64, 1);
            b0 = conv(b, n + "/Branch_0/Conv2d_1a_3x3", b0, 96, 3, 3, 1, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 64, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_1x7", b1, 64, 1, 7, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_0c_7x1", b1, 64, 7, 1, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_1a_3x3", b1, 96, 3, 3, 1, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1);
        }
        {
            String n = s + "Mixed_5a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_1a_3x3", x, 192, 3, 3, 2, Padding.VALID);
            int b1 = b.maxPool(n + "/Branch_1/MaxPool_1a_3x3", x, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1);
        }
        for (char c = 'b'; c <= 'e'; c++) x = v4BlockA(b, s + "Mixed_5" + c, x);
        {
            String n = s + "Mixed_6a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_1a_3x3", x, 384, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 192, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_3x3", b1, 224, 3);
            b1 = conv(b, n + "/Branch_1/Conv2d_1a_3x3", b1, 256, 3, 3, 2, Padding.VALID);
            int b2 = b.maxPool(n + "/Branch_2/MaxPool_1a_3x3", x, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1, b2);
        }
        for (char c = 'b'; c <= 'h'; c++) x = v4BlockB(b, s + "Mixed_6" + c, x);
        {
            String n = s + "Mixed_7a";
            int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 192, 1);
            b0 = conv(b, n + "/Branch_0/Conv2d_1a_3x3", b0, 192, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 256, 1);
            b1 = conv(b, n + "/Branch_1/Conv2d_0b_1x7", b1, 256, 1, 7, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_0c_7x1", b1, 320, 7, 1, 1, Padding.SAME);
            b1 = conv(b, n + "/Branch_1/Conv2d_1a_3x3", b1, 320, 3, 3, 2, Padding.VALID);
            int b2 = b.maxPool(n + "/Branch_2/MaxPool_1a_3x3", x, 3, 2, Padding.VALID);
            x = concat(b, n + "/concat", b0, b1, b2);
        }
        for (char c = 'b'; c <= 'd'; c++) x = v4BlockC(b, s + "Mixed_7" + c, x);
        // Logits: average pool over the whole map (slim default stride 2), flatten, fully connected, softmax
        Shape f = b.shape(x);
        x = b.averagePool(s + "Logits/AvgPool_1a", x, f.h(), f.w(), 2, 2, Padding.VALID);
        x = b.reshape(s + "Logits/PreLogitsFlatten", x, Shape.of(1, f.c()));
        x = b.fullyConnected(s + "Logits/Logits", x, classes, true);
        return b.build(b.softmax("Predictions", x));
    }

    private static int v4BlockA(GraphBuilder b, String n, int x) {
        int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 96, 1);
        int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 64, 1);
        b1 = conv(b, n + "/Branch_1/Conv2d_0b_3x3", b1, 96, 3);
        int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, 64, 1);
        b2 = conv(b, n + "/Branch_2/Conv2d_0b_3x3", b2, 96, 3);
        b2 = conv(b, n + "/Branch_2/Conv2d_0c_3x3", b2, 96, 3);
        int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
        b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, 96, 1);
        return concat(b, n + "/concat", b0, b1, b2, b3);
    }

    private static int v4BlockB(GraphBuilder b, String n, int x) {
        int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 384, 1);
        int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 192, 1);
        b1 = conv(b, n + "/Branch_1/Conv2d_0b_1x7", b1, 224, 1, 7, 1, Padding.SAME);
        b1 = conv(b, n + "/Branch_1/Conv2d_0c_7x1", b1, 256, 7, 1, 1, Padding.SAME);
        int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, 192, 1);
        b2 = conv(b, n + "/Branch_2/Conv2d_0b_7x1", b2, 192, 7, 1, 1, Padding.SAME);
        b2 = conv(b, n + "/Branch_2/Conv2d_0c_1x7", b2, 224, 1, 7, 1, Padding.SAME);
        b2 = conv(b, n + "/Branch_2/Conv2d_0d_7x1", b2, 224, 7, 1, 1, Padding.SAME);
        b2 = conv(b, n + "/Branch_2/Conv2d_0e_1x7", b2, 256, 1, 7, 1, Padding.SAME);
        int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
        b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, 128, 1);
        return concat(b, n + "/concat", b0, b1, b2, b3);
    }

    private static int v4BlockC(GraphBuilder b, String n, int x) {
        int b0 = conv(b, n + "/Branch_0/Conv2d_0a_1x1", x, 256, 1);
        int b1 = conv(b, n + "/Branch_1/Conv2d_0a_1x1", x, 384, 1);
        int b1a = conv(b, n + "/Branch_1/Conv2d_0b_1x3", b1, 256, 1, 3, 1, Padding.SAME);
        int b1b = conv(b, n + "/Branch_1/Conv2d_0c_3x1", b1, 256, 3, 1, 1, Padding.SAME);
        b1 = concat(b, n + "/Branch_1/concat", b1a, b1b);
        int b2 = conv(b, n + "/Branch_2/Conv2d_0a_1x1", x, 384, 1);
        b2 = conv(b, n + "/Branch_2/Conv2d_0b_3x1", b2, 448, 3, 1, 1, Padding.SAME);
        b2 = conv(b, n + "/Branch_2/Conv2d_0c_1x3", b2, 512, 1, 3, 1, Padding.SAME);
        int b2a = conv(b, n + "/Branch_2/Conv2d_0d_1x3", b2, 256, 1, 3, 1, Padding.SAME);
        int b2b = conv(b, n + "/Branch_2/Conv2d_0e_3x1", b2, 256, 3, 1, 1, Padding.SAME);
        b2 = concat(b, n + "/Branch_2/concat", b2a, b2b);
        int b3 = b.averagePool(n + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, Padding.SAME);
        b3 = conv(b, n + "/Branch_3/Conv2d_0b_1x1", b3, 256, 1);
        return concat(b, n + "/concat", b0, b1, b2, b3);
    }

    // ---- Inception-ResNet v2 (Keras) ---------------------------------------------------------------

    /**
     * Keras InceptionResNetV2: stem, mixed_5b, 10 x block35 (scale 0.17), mixed_6a, 20 x block17 (0.1),
     * mixed_7a, 10 x block8 (0.2; the last with scale 1 and no activation), conv_7b (1536), pool, dense.
     * The residual scale ({@code x + up * scale}, a Keras Lambda) is folded into the up-projection
     * conv's weights and bias, as the TFLite converter folds a multiplication by a constant into the
     * conv before it; the graph keeps the ADD and the RELU.
     */
    public static Graph inceptionResNetV2(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("inception-resnet-v2", DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        x = conv(b, "conv2d_1a", x, 32, 3, 3, 2, Padding.VALID);
        x = conv(b, "conv2d_2a", x, 32, 3, 3, 1, Padding.VALID);
        x = conv(b, "conv2d_2b", x, 64, 3);
        x = b.maxPool("max_pool_3a", x, 3, 2, Padding.VALID);
        x = conv(b, "conv2d_3b", x, 80, 1, 1, 1, Padding.VALID);
        x = conv(b, "conv2d_4a", x, 192, 3, 3, 1, Padding.VALID);
        x = b.maxPool("max_pool_5a", x, 3, 2, Padding.VALID);
        {
            int b0 = conv(b, "mixed_5b/branch_0", x, 96, 1);
            int b1 = conv(b, "mixed_5b/branch_1a", x, 48, 1);
            b1 = conv(b, "mixed_5b/branch_1b", b1, 64, 5);
            int b2 = conv(b, "mixed_5b/branch_2a", x, 64, 1);
            b2 = conv(b, "mixed_5b/branch_2b", b2, 96, 3);
            b2 = conv(b, "mixed_5b/branch_2c", b2, 96, 3);
            int bp = b.averagePool("mixed_5b/branch_pool", x, 3, 1, Padding.SAME);
            bp = conv(b, "mixed_5b/branch_pool_conv", bp, 64, 1);
            x = concat(b, "mixed_5b", b0, b1, b2, bp);
        }
        for (int i = 1; i <= 10; i++) x = resnetBlock(b, "block35_" + i, x, 35, true);
        {
            int b0 = conv(b, "mixed_6a/branch_0", x, 384, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, "mixed_6a/branch_1a", x, 256, 1);
            b1 = conv(b, "mixed_6a/branch_1b", b1, 256, 3);
            b1 = conv(b, "mixed_6a/branch_1c", b1, 384, 3, 3, 2, Padding.VALID);
            int bp = b.maxPool("mixed_6a/branch_pool", x, 3, 2, Padding.VALID);
            x = concat(b, "mixed_6a", b0, b1, bp);
        }
        for (int i = 1; i <= 20; i++) x = resnetBlock(b, "block17_" + i, x, 17, true);
        {
            int b0 = conv(b, "mixed_7a/branch_0a", x, 256, 1);
            b0 = conv(b, "mixed_7a/branch_0b", b0, 384, 3, 3, 2, Padding.VALID);
            int b1 = conv(b, "mixed_7a/branch_1a", x, 256, 1);
            b1 = conv(b, "mixed_7a/branch_1b", b1, 288, 3, 3, 2, Padding.VALID);
            int b2 = conv(b, "mixed_7a/branch_2a", x, 256, 1);
            b2 = conv(b, "mixed_7a/branch_2b", b2, 288, 3);
            b2 = conv(b, "mixed_7a/branch_2c", b2, 320, 3, 3, 2, Padding.VALID);
            int bp = b.maxPool("mixed_7a/branch_pool", x, 3, 2, Padding.VALID);
            x = concat(b, "mixed_7a", b0, b1, b2, bp);
        }
        for (int i = 1; i <= 10; i++) x = resnetBlock(b, "block8_" + i, x, 8, i < 10);
        x = conv(b, "conv_7b", x, 1536, 1);
        return b.build(Layers.kerasTop(b, x, classes));
    }

    private static int resnetBlock(GraphBuilder b, String n, int x, int type, boolean relu) {
        int mixed;
        if (type == 35) {
            int b0 = conv(b, n + "/branch_0", x, 32, 1);
            int b1 = conv(b, n + "/branch_1a", x, 32, 1);
            b1 = conv(b, n + "/branch_1b", b1, 32, 3);
            int b2 = conv(b, n + "/branch_2a", x, 32, 1);
            b2 = conv(b, n + "/branch_2b", b2, 48, 3);
            b2 = conv(b, n + "/branch_2c", b2, 64, 3);
            mixed = concat(b, n + "_mixed", b0, b1, b2);
        } else if (type == 17) {
            int b0 = conv(b, n + "/branch_0", x, 192, 1);
            int b1 = conv(b, n + "/branch_1a", x, 128, 1);
            b1 = conv(b, n + "/branch_1b", b1, 160, 1, 7, 1, Padding.SAME);
            b1 = conv(b, n + "/branch_1c", b1, 192, 7, 1, 1, Padding.SAME);
            mixed = concat(b, n + "_mixed", b0, b1);
        } else {
            int b0 = conv(b, n + "/branch_0", x, 192, 1);
            int b1 = conv(b, n + "/branch_1a", x, 192, 1);
            b1 = conv(b, n + "/branch_1b", b1, 224, 1, 3, 1, Padding.SAME);
            b1 = conv(b, n + "/branch_1c", b1, 256, 3, 1, 1, Padding.SAME);
            mixed = concat(b, n + "_mixed", b0, b1);
        }
        int up = b.conv2d(n + "_conv", mixed, b.shape(x).c(), 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        int y = b.add(n, x, up);
        return relu ? b.relu(n + "_ac", y) : y;
    }
}
