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
 * DeepLab v3 with a MobileNet v2 backbone as TF's DeepLab code exports it for TFLite (the source of
 * Coral's {@code deeplabv3_mnv2_pascal_quant.tflite} and {@code deeplabv3_mnv2_dm05_pascal_quant.tflite}):
 * <ul>
 *   <li>TF-slim MobileNet v2 up to {@code layer_18} (no final 1x1 conv), output stride 16: the stride-2
 *       160-channel block runs at stride 1 and the depthwise convs after it are dilated by 2. With a depth
 *       multiplier other than 1 DeepLab rounds depths to multiples of 1 (min depth 1), not 8;</li>
 *   <li>ASPP-lite (no atrous branches): image pooling (AVERAGE_POOL_2D over the whole map, 1x1 conv 256 +
 *       BN + RELU, RESIZE_BILINEAR back with {@code align_corners}) and a 1x1 conv 256 + BN + RELU,
 *       CONCATENATION (pooling branch first), 1x1 projection 256 + BN + RELU;</li>
 *   <li>1x1 logits conv with bias to 21 PASCAL classes, RESIZE_BILINEAR ({@code align_corners}) to the
 *       input size.</li>
 * </ul>
 *
 * <pre>{@code
 * Graph g = DeepLab.mobilenetV2(0.5, 513, 21);   // deeplabv3_mnv2_dm05_pascal
 * }</pre>
 */
public final class DeepLab {
    private DeepLab() {}

    private static final int ASPP_DEPTH = 256;
    private static final float EPS = 1e-5f;

    public static Graph mobilenetV2(double depthMultiplier, int resolution, int classes) {
        String name = depthMultiplier == 1.0 ? "deeplab-v3-mobilenet-v2" : "deeplab-v3-mobilenet-v2-" + depthMultiplier;
        GraphBuilder b = new GraphBuilder(name, DType.FLOAT32);
        int x = b.input("ImageTensor", resolution, resolution, 3);
        int round = depthMultiplier == 1.0 ? 8 : 1;
        int f = MobileNets.v2Base(b, x, depthMultiplier, round, round, 16, 18, null);
        Shape fs = b.shape(f);
        int pool = b.averagePool("AvgPool2D", f, fs.h(), fs.w(), 1, 1, Padding.VALID);
        pool = Layers.convBn(b, "image_pooling", pool, ASPP_DEPTH, 1, 1, 1, Padding.SAME, false, EPS, Nonlinearity.RELU);
        pool = b.resizeBilinear("image_pooling/ResizeBilinear", pool, fs.h(), fs.w(), true, false);
        int aspp0 = Layers.convBn(b, "aspp0", f, ASPP_DEPTH, 1, 1, 1, Padding.SAME, false, EPS, Nonlinearity.RELU);
        int y = b.concat("concat", 3, List.of(pool, aspp0));
        y = Layers.convBn(b, "concat_projection", y, ASPP_DEPTH, 1, 1, 1, Padding.SAME, false, EPS, Nonlinearity.RELU);
        y = b.conv2d("logits/semantic", y, classes, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        y = b.resizeBilinear("ResizeBilinear", y, resolution, resolution, true, false);
        return b.build(y);
    }
}
