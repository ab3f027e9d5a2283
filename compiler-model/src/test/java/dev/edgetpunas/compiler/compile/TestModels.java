package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployed graphs the compiler tests need that the zoo may not have: MobileNet v1 and v2 (TF-slim,
 * 1001 classes), and close approximations of two models of the published compiler logs
 * (MobileNetV3-Small backbone + a 7x7 conv to 128 outputs; YOLOv7-tiny).
 */
final class TestModels {
    private TestModels() {}

    /** The zoo's model if it has one of this name, else the builder's (deployed either way). */
    static Graph zooOr(String name, java.util.function.Supplier<Graph> training) {
        return Deploy.apply(ModelZoo.isZooName(name) ? ModelZoo.build(name) : training.get());
    }

    /** MobileNet v1 1.0 at 224, TF-slim layout: 13 depthwise-separable blocks, avg pool, 1x1 conv logits, reshape, softmax. */
    static Graph mobileNetV1Training() {
        GraphBuilder b = new GraphBuilder("mobilenet-v1", DType.FLOAT32);
        int x = b.input("input", 224, 224, 3);
        x = b.convBnAct("Conv2d_0", x, 32, 3, 2, Nonlinearity.RELU6);
        int[][] blocks = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
            {1024, 2}, {1024, 1}};
        for (int i = 0; i < blocks.length; i++) {
            x = b.depthwiseBnAct("Conv2d_" + (i + 1) + "_depthwise", x, 3, blocks[i][1], Nonlinearity.RELU6);
            x = b.convBnAct("Conv2d_" + (i + 1) + "_pointwise", x, blocks[i][0], 1, 1, Nonlinearity.RELU6);
        }
        x = b.averagePool("AvgPool_1a", x, 7, 1, Padding.VALID);
        x = b.conv2d("Conv2d_1c_1x1", x, 1001, 1, 1, Padding.SAME, true, Activation.NONE);
        x = b.reshape("SpatialSqueeze", x, Shape.of(1, 1001));
        x = b.softmax("Predictions", x);
        return b.build(x);
    }

    /** MobileNet v2 1.0 at 224, TF-slim layout. */
    static Graph mobileNetV2Training() {
        GraphBuilder b = new GraphBuilder("mobilenet-v2", DType.FLOAT32);
        int x = b.input("input", 224, 224, 3);
        x = b.convBnAct("Conv", x, 32, 3, 2, Nonlinearity.RELU6);
        int[][] stages = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        int k = 0;
        for (int[] s : stages) {
            for (int r = 0; r < s[2]; r++) {
                x = invertedResidual(b, "expanded_conv_" + k++, x, s[0], s[1], r == 0 ? s[3] : 1, Nonlinearity.RELU6, 3, false);
            }
        }
        x = b.convBnAct("Conv_1", x, 1280, 1, 1, Nonlinearity.RELU6);
        x = b.averagePool("AvgPool", x, 7, 1, Padding.VALID);
        x = b.conv2d("Logits", x, 1001, 1, 1, Padding.SAME, true, Activation.NONE);
        x = b.reshape("Squeeze", x, Shape.of(1, 1001));
        x = b.softmax("Predictions", x);
        return b.build(x);
    }

    private static int invertedResidual(GraphBuilder b, String name, int x, int expand, int out, int stride, Nonlinearity act, int kernel,
            boolean se) {
        int in = b.shape(x).c();
        int y = x;
        if (expand != 1) y = b.convBnAct(name + "/expand", y, in * expand, 1, 1, act);
        y = b.depthwiseBnAct(name + "/depthwise", y, kernel, stride, act);
        y = b.convBnAct(name + "/project", y, out, 1, 1, Nonlinearity.NONE);
        if (stride == 1 && in == out) y = b.add(name + "/add", y, x);
        return y;
    }

    /**
     * MobileNetV3-Small, minimalistic (3x3 kernels, ReLU, no SE: the published log's 50 ops suggest
     * no SE blocks), 224x224, backbone up to the 1x1 conv to 576, then a 7x7 VALID conv to 128 outputs
     * (3,612,672 int8 weights = 3.45 MiB, the log's streamed bytes).
     */
    static Graph mobileNetV3SmallBackboneTraining() {
        GraphBuilder b = new GraphBuilder("mobilenet-v3-small-backbone-conv128", DType.FLOAT32);
        int x = b.input("input", 224, 224, 3);
        x = b.convBnAct("Conv", x, 16, 3, 2, Nonlinearity.RELU);
        // (expansion channels, out, stride) of Keras MobileNetV3Small
        int[][] blocks = {{16, 16, 2}, {72, 24, 2}, {88, 24, 1}, {96, 40, 2}, {240, 40, 1}, {240, 40, 1}, {120, 48, 1}, {144, 48, 1},
            {288, 96, 2}, {576, 96, 1}, {576, 96, 1}};
        for (int i = 0; i < blocks.length; i++) {
            int in = b.shape(x).c();
            int y = x;
            if (i > 0) y = b.convBnAct("expanded_conv_" + i + "/expand", y, blocks[i][0], 1, 1, Nonlinearity.RELU);
            y = b.depthwiseBnAct("expanded_conv_" + i + "/depthwise", y, 3, blocks[i][2], Nonlinearity.RELU);
            y = b.convBnAct("expanded_conv_" + i + "/project", y, blocks[i][1], 1, 1, Nonlinearity.NONE);
            if (blocks[i][2] == 1 && in == blocks[i][1]) y = b.add("expanded_conv_" + i + "/add", y, x);
            x = y;
        }
        x = b.convBnAct("Conv_1", x, 576, 1, 1, Nonlinearity.RELU);
        x = b.conv2d("features", x, 128, 7, 7, 1, 1, Padding.VALID, 1, true, Activation.NONE);
        return b.build(x);
    }

    /**
     * YOLOv7-tiny (yolov7-tiny.yaml: ELAN blocks, SPPCSPC, two upsamplings, three 1x1 detection convs
     * to 255 channels) at {@code size} x {@code size}, ReLU instead of LeakyReLU, without the
     * post-processing ops.
     */
    static Graph yoloV7TinyTraining(int size) {
        GraphBuilder b = new GraphBuilder("yolov7-tiny@" + size, DType.FLOAT32);
        int x = b.input("images", size, size, 3);
        x = conv(b, "0", x, 32, 3, 2);
        x = conv(b, "1", x, 64, 3, 2);
        x = elan(b, "2", x, 32, 64);
        x = b.maxPool("8", x, 2, 2, Padding.SAME);
        int p3 = elan(b, "9", x, 64, 128);
        x = b.maxPool("15", p3, 2, 2, Padding.SAME);
        int p4 = elan(b, "16", x, 128, 256);
        x = b.maxPool("22", p4, 2, 2, Padding.SAME);
        int p5 = elan(b, "23", x, 256, 512);
        // SPPCSPC
        int a = conv(b, "29", p5, 256, 1, 1);
        int c = conv(b, "30", p5, 256, 1, 1);
        int s5 = b.maxPool("31", c, 5, 1, Padding.SAME);
        int s9 = b.maxPool("32", c, 9, 1, Padding.SAME);
        int s13 = b.maxPool("33", c, 13, 1, Padding.SAME);
        x = b.concat("34", 3, List.of(s13, s9, s5, c));
        x = conv(b, "35", x, 256, 1, 1);
        x = b.concat("36", 3, List.of(x, a));
        int h37 = conv(b, "37", x, 256, 1, 1);
        x = conv(b, "38", h37, 128, 1, 1);
        x = upsample(b, "39", x);
        int l40 = conv(b, "40", p4, 128, 1, 1);
        x = b.concat("41", 3, List.of(l40, x));
        int h47 = elan(b, "42", x, 64, 128);
        x = conv(b, "48", h47, 64, 1, 1);
        x = upsample(b, "49", x);
        int l50 = conv(b, "50", p3, 64, 1, 1);
        x = b.concat("51", 3, List.of(l50, x));
        int h57 = elan(b, "52", x, 32, 64);
        x = conv(b, "58", h57, 128, 3, 2);
        x = b.concat("59", 3, List.of(x, h47));
        int h65 = elan(b, "60", x, 64, 128);
        x = conv(b, "66", h65, 256, 3, 2);
        x = b.concat("67", 3, List.of(x, h37));
        int h73 = elan(b, "68", x, 128, 256);
        int d74 = conv(b, "74", h57, 128, 3, 1);
        int d75 = conv(b, "75", h65, 256, 3, 1);
        int d76 = conv(b, "76", h73, 512, 3, 1);
        List<Integer> outs = new ArrayList<>();
        for (int[] d : new int[][] {{d74, 0}, {d75, 1}, {d76, 2}}) {
            outs.add(b.conv2d("77/m." + d[1], d[0], 255, 1, 1, Padding.SAME, true, Activation.NONE));
        }
        return b.build(outs);
    }

    private static int conv(GraphBuilder b, String name, int x, int filters, int k, int s) {
        return b.convBnAct(name, x, filters, k, s, Nonlinearity.RELU);
    }

    private static int elan(GraphBuilder b, String name, int x, int c, int out) {
        int a = conv(b, name + "/a", x, c, 1, 1);
        int y = conv(b, name + "/b", x, c, 1, 1);
        int z = conv(b, name + "/c", y, c, 3, 1);
        int w = conv(b, name + "/d", z, c, 3, 1);
        int cat = b.concat(name + "/cat", 3, List.of(w, z, y, a));
        return conv(b, name + "/out", cat, out, 1, 1);
    }

    private static int upsample(GraphBuilder b, String name, int x) {
        Shape s = b.shape(x);
        return b.resizeNearest(name, x, s.h() * 2, s.w() * 2, false, false);
    }
}
