package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The U-Net of TensorFlow's image segmentation tutorial: a Keras {@code MobileNetV2} encoder (alpha 1.0,
 * {@code include_top=False}) whose activations {@code block_1_expand_relu} (1/2), {@code block_3_expand_relu}
 * (1/4), {@code block_6_expand_relu} (1/8), {@code block_13_expand_relu} (1/16) and {@code block_16_project}
 * (1/32; the conv output, before its BN) feed a pix2pix decoder: 4 x (TRANSPOSE_CONV 3x3 stride 2, no bias, + BATCH_NORM + RELU, then
 * CONCATENATION with the skip), and a final TRANSPOSE_CONV 3x3 stride 2 with bias to the classes
 * (3 in the tutorial).
 *
 * <pre>{@code
 * Graph g = UNet.mobilenetV2(128, 3);   // [1, 128, 128, 3] logits
 * }</pre>
 *
 * <p>The Keras encoder differs from TF-slim's in its padding: a stride-2 depthwise conv is preceded by
 * {@code ZeroPadding2D(correct_pad)} (bottom/right by 1 for even sizes) and is VALID. The size must be a
 * multiple of 32 so that every skip matches the upsampled map.
 */
public final class UNet {
    private UNet() {}

    private static final int[] UP_FILTERS = {512, 256, 128, 64};
    private static final String[] SKIPS = {"block_13_expand_relu", "block_6_expand_relu", "block_3_expand_relu", "block_1_expand_relu"};
    /** Keras MobileNetV2 blocks 0..16: (expansion, filters, stride). */
    private static final int[][] BLOCKS = {{1, 16, 1}, {6, 24, 2}, {6, 24, 1}, {6, 32, 2}, {6, 32, 1}, {6, 32, 1}, {6, 64, 2},
        {6, 64, 1}, {6, 64, 1}, {6, 64, 1}, {6, 96, 1}, {6, 96, 1}, {6, 96, 1}, {6, 160, 2}, {6, 160, 1}, {6, 160, 1}, {6, 320, 1}};

    public static Graph mobilenetV2(int resolution, int classes) {
        if (resolution % 32 != 0) {
            throw new IllegalArgumentException("unet-mobilenet-v2 needs a size that is a multiple of 32 (its skips must match"
                    + " the upsampled maps), but was " + resolution);
        }
        GraphBuilder b = new GraphBuilder("unet-mobilenet-v2", DType.FLOAT32);
        int x = b.input("input", resolution, resolution, 3);
        Map<String, Integer> taps = new HashMap<>();
        x = kerasMobileNetV2(b, x, taps);
        for (int i = 0; i < UP_FILTERS.length; i++) {
            String n = "sequential_" + i;
            x = b.transposeConv2d(n + "/conv2d_transpose", x, UP_FILTERS[i], 3, 2, Padding.SAME, false);
            x = b.batchNorm(n + "/batch_normalization", x, Layers.EPS_1E3);
            x = b.relu(n + "/re_lu", x);
            x = b.concat("concatenate_" + i, 3, List.of(x, taps.get(SKIPS[i])));
        }
        x = b.transposeConv2d("conv2d_transpose", x, classes, 3, 2, Padding.SAME, true);
        return b.build(x);
    }

    /** Keras MobileNetV2 (alpha 1.0) up to the {@code block_16_project} conv; records the named activations in {@code taps}. */
    static int kerasMobileNetV2(GraphBuilder b, int x, Map<String, Integer> taps) {
        x = b.conv2d("Conv1", x, 32, 3, 3, 2, 2, Padding.SAME, 1, false, Activation.NONE);
        x = b.batchNorm("bn_Conv1", x, Layers.EPS_1E3);
        x = b.relu6("Conv1_relu", x);
        for (int id = 0; id < BLOCKS.length; id++) {
            int[] blk = BLOCKS[id];
            int input = x;
            int in = b.shape(x).c();
            String p = id == 0 ? "expanded_conv_" : "block_" + id + "_";
            if (id > 0) {
                x = b.conv2d(p + "expand", x, blk[0] * in, 1, 1, 1, 1, Padding.SAME, 1, false, Activation.NONE);
                x = b.batchNorm(p + "expand_BN", x, Layers.EPS_1E3);
                x = b.relu6(p + "expand_relu", x);
                taps.put(p + "expand_relu", x);
            }
            if (blk[2] == 2) {
                int h = b.shape(x).h(), w = b.shape(x).w();
                x = b.pad(p + "pad", x, h % 2, 1, w % 2, 1); // correct_pad: ((0, 1), (0, 1)) for even sizes
            }
            x = b.depthwiseConv2d(p + "depthwise", x, 3, 3, blk[2], blk[2], blk[2] == 2 ? Padding.VALID : Padding.SAME, 1, 1, false,
                    Activation.NONE);
            x = b.batchNorm(p + "depthwise_BN", x, Layers.EPS_1E3);
            x = b.relu6(p + "depthwise_relu", x);
            int out = Layers.makeDivisible(blk[1], 8, 8);
            x = b.conv2d(p + "project", x, out, 1, 1, 1, 1, Padding.SAME, 1, false, Activation.NONE);
            taps.put(p + "project", x);
            if (id == BLOCKS.length - 1) break; // the tap is the conv itself: block_16_project_BN is not part of the encoder
            x = b.batchNorm(p + "project_BN", x, Layers.EPS_1E3);
            if (in == out && blk[2] == 1) x = b.add(p + "add", input, x);
        }
        return x;
    }
}
