package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import java.util.Map;

/**
 * MobileNet v1 and v2 as TF-slim defines them ({@code nets/mobilenet_v1.py},
 * {@code nets/mobilenet/mobilenet_v2.py}), the source of Coral's {@code mobilenet_v1_*_quant.tflite}
 * and {@code mobilenet_v2_1.0_224_quant.tflite} files: SAME padding, conv (no bias) + BATCH_NORM +
 * RELU6, a global AVERAGE_POOL_2D, a 1x1 conv with bias to 1001 classes, RESHAPE, SOFTMAX.
 *
 * <pre>{@code
 * Graph v1 = MobileNets.v1(0.25, 128, 1001);     // mobilenet_v1_0.25_128
 * Graph v2 = MobileNets.v2(1.0, 224, 1001);
 * }</pre>
 *
 * <p>The v2 base ({@link #v2Base}) also serves SSD MobileNet v2 (endpoints) and DeepLab v3 (output
 * stride 16: the last stride-2 block becomes stride 1 and later depthwise convs dilate by 2).
 */
public final class MobileNets {
    private MobileNets() {}

    /** TF-slim {@code MOBILENETV1_CONV_DEFS}: (stride, depth) of the 13 depthwise-separable layers after the 3x3 stem. */
    private static final int[][] V1_SEPARABLE = {{1, 64}, {2, 128}, {1, 128}, {2, 256}, {1, 256}, {2, 512}, {1, 512}, {1, 512},
        {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024}};

    /** TF-slim {@code V2_DEF} after the stem: (expansion, output depth, repeats, first stride) per stage. */
    private static final int[][] V2_STAGES = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
        {6, 160, 3, 2}, {6, 320, 1, 1}};

    /** MobileNet v1 classifier: {@code depth = max(int(d * multiplier), 8)}. */
    public static Graph v1(double multiplier, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(v1Name(multiplier), DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        x = v1Base(b, x, multiplier, 8, 13, null);
        x = Layers.slimLogits(b, "MobilenetV1/Logits", x, classes, 2);
        return b.build(x);
    }

    static String v1Name(double multiplier) {
        return multiplier == 1.0 ? "mobilenet-v1" : "mobilenet-v1-" + multiplier;
    }

    /**
     * {@code mobilenet_v1_base} up to {@code Conv2d_<last>_pointwise}; records {@code Conv2d_<i>_pointwise}
     * endpoints in {@code endpoints} when it is not null.
     */
    static int v1Base(GraphBuilder b, int x, double multiplier, int minDepth, int last, Map<String, Integer> endpoints) {
        String s = "MobilenetV1/";
        x = Layers.convBn(b, s + "Conv2d_0", x, v1Depth(32, multiplier, minDepth), 3, 2, Padding.SAME, Nonlinearity.RELU6);
        for (int i = 1; i <= last; i++) {
            int[] d = V1_SEPARABLE[i - 1];
            x = Layers.depthwiseBn(b, s + "Conv2d_" + i + "_depthwise", x, 3, d[0], 1, Padding.SAME, Layers.EPS_1E3, Nonlinearity.RELU6);
            x = Layers.convBn(b, s + "Conv2d_" + i + "_pointwise", x, v1Depth(d[1], multiplier, minDepth), 1, 1, Padding.SAME,
                    Nonlinearity.RELU6);
            if (endpoints != null) endpoints.put("Conv2d_" + i + "_pointwise", x);
        }
        return x;
    }

    private static int v1Depth(int d, double multiplier, int minDepth) {
        return Math.max((int) (d * multiplier), minDepth);
    }

    /**
     * MobileNet v2 classifier (TF-slim {@code mobilenet_v2.mobilenet}, {@code finegrain_classification_mode}
     * off): every layer's depth is {@code _make_divisible(d * multiplier, 8)}, the last 1x1 conv too.
     */
    public static Graph v2(double multiplier, int resolution, int classes) {
        GraphBuilder b = new GraphBuilder(multiplier == 1.0 ? "mobilenet-v2" : "mobilenet-v2-" + multiplier, DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        x = v2Base(b, x, multiplier, 8, 8, 0, 19, null);
        x = Layers.slimLogits(b, "MobilenetV2/Logits", x, classes, 1);
        return b.build(x);
    }

    /**
     * TF-slim {@code mobilenet_base} over {@code V2_DEF} up to {@code layer_<finalLayer>} (layer_1 is the
     * stem, layer_2..18 the expanded convs, layer_19 the last 1x1 conv). Depths are
     * {@code _make_divisible(d * multiplier, divisibleBy, minDepth)}; expansions
     * {@code _make_divisible(in * 6, 8)}. With {@code outputStride > 0}, once the running stride reaches it
     * later strides become 1 and the depthwise dilation grows by the dropped stride (atrous). Endpoints
     * {@code layer_<i>} and {@code layer_<i>/expansion_output} go into {@code endpoints} when not null.
     */
    static int v2Base(GraphBuilder b, int x, double multiplier, int divisibleBy, int minDepth, int outputStride, int finalLayer,
            Map<String, Integer> endpoints) {
        String s = "MobilenetV2/";
        int currentStride = 2, rate = 1;
        x = Layers.convBn(b, s + "Conv", x, Layers.makeDivisible(32 * multiplier, divisibleBy, minDepth), 3, 2, Padding.SAME,
                Nonlinearity.RELU6);
        put(endpoints, "layer_1", x);
        int layer = 2;
        for (int[] st : V2_STAGES) {
            for (int r = 0; r < st[2] && layer <= Math.min(finalLayer, 18); r++, layer++) {
                int stride = r == 0 ? st[3] : 1;
                int layerStride, layerRate;
                if (outputStride > 0 && currentStride == outputStride) {
                    layerStride = 1;
                    layerRate = rate;
                    rate *= stride;
                } else {
                    layerStride = stride;
                    layerRate = 1;
                    currentStride *= stride;
                }
                int out = Layers.makeDivisible(st[1] * multiplier, divisibleBy, minDepth);
                String name = s + (layer == 2 ? "expanded_conv" : "expanded_conv_" + (layer - 2));
                x = expandedConv(b, name, x, st[0], out, layerStride, layerRate, endpoints, "layer_" + layer);
                put(endpoints, "layer_" + layer, x);
            }
        }
        if (finalLayer >= 19) {
            int last = Layers.makeDivisible(1280 * multiplier, divisibleBy, minDepth);
            x = Layers.convBn(b, s + "Conv_1", x, last, 1, 1, Padding.SAME, Nonlinearity.RELU6);
            put(endpoints, "layer_19", x);
        }
        return x;
    }

    private static void put(Map<String, Integer> endpoints, String key, int t) {
        if (endpoints != null) endpoints.put(key, t);
    }

    /** TF-slim {@code ops.expanded_conv}: 1x1 expansion (if wider), 3x3 depthwise, 1x1 linear projection, residual. */
    private static int expandedConv(GraphBuilder b, String name, int input, int expansion, int out, int stride, int rate,
            Map<String, Integer> endpoints, String layer) {
        int in = b.shape(input).c();
        // expand_input(1, divisible_by=1) for the first block, expand_input_by_factor(6) (divisible by 8) after it
        int inner = expansion == 1 ? in : Layers.makeDivisible(in * expansion, 8, 8);
        int x = input;
        if (inner > in) {
            x = Layers.convBn(b, name + "/expand", x, inner, 1, 1, Padding.SAME, Nonlinearity.RELU6);
            put(endpoints, layer + "/expansion_output", x);
        }
        x = Layers.depthwiseBn(b, name + "/depthwise", x, 3, stride, rate, Padding.SAME, Layers.EPS_1E3, Nonlinearity.RELU6);
        x = Layers.convBn(b, name + "/project", x, out, 1, 1, Padding.SAME, Nonlinearity.NONE);
        if (stride == 1 && in == out) x = b.add(name + "/add", x, input);
        return x;
    }
}
