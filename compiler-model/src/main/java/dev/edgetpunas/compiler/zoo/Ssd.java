package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SSD MobileNet v1 and v2 as the TF object detection API builds them for the quantized COCO models
 * that Coral ships ({@code mobilenet_ssd_v*_coco_quant_postprocess.tflite}), exported with
 * {@code export_tflite_ssd_graph}:
 * <ul>
 *   <li>feature maps at 6 scales: two from the backbone (v1: {@code Conv2d_11_pointwise},
 *       {@code Conv2d_13_pointwise}; v2: {@code layer_15/expansion_output}, {@code layer_19}) and four extra
 *       layers of depth 512, 256, 256, 128, each a 1x1 conv to half the depth then a 3x3 stride-2 SAME conv
 *       (conv + BN + RELU6);</li>
 *   <li>a convolutional box predictor per scale: 1x1 convs with bias, {@code anchors * 4} box encodings and
 *       {@code anchors * 91} class scores (90 COCO classes + background); 3 anchors per cell at the first
 *       scale ({@code reduce_boxes_in_lowest_layer}), 6 at the others;</li>
 *   <li>RESHAPE per scale, CONCATENATION of all scales, LOGISTIC on the class scores, and the CUSTOM op
 *       {@code TFLite_Detection_PostProcess} (inputs: box encodings, scores, anchors constant) with 4
 *       outputs: boxes {@code [1, 10, 4]}, classes {@code [1, 10]}, scores {@code [1, 10]}, count {@code [1]}.</li>
 * </ul>
 *
 * <pre>{@code
 * Graph g = Ssd.mobilenetV2(300, 91);   // 1917 anchors at 300x300
 * }</pre>
 */
public final class Ssd {
    private Ssd() {}

    /** Custom code of TFLite's SSD post-processing op (non-max suppression; runs on the CPU). */
    public static final String POSTPROCESS_CODE = "TFLite_Detection_PostProcess";
    /** {@code max_detections} of {@code export_tflite_ssd_graph} (its default). */
    public static final int MAX_DETECTIONS = 10;

    private static final int[] EXTRA_DEPTHS = {512, 256, 256, 128};
    private static final int MIN_DEPTH = 16;

    /** SSD MobileNet v1 (depth multiplier 1, min depth 16). */
    public static Graph mobilenetV1(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("ssd-mobilenet-v1", DType.FLOAT32);
        int x = b.input("normalized_input_image_tensor", resolution, resolution, 3);
        Map<String, Integer> ep = new HashMap<>();
        MobileNets.v1Base(b, x, 1.0, MIN_DEPTH, 13, ep);
        return head(b, "FeatureExtractor/MobilenetV1/Conv2d_13_pointwise",
                List.of(ep.get("Conv2d_11_pointwise"), ep.get("Conv2d_13_pointwise")), classes);
    }

    /** SSD MobileNet v2 (depth multiplier 1). */
    public static Graph mobilenetV2(int resolution, int classes) {
        GraphBuilder b = new GraphBuilder("ssd-mobilenet-v2", DType.FLOAT32);
        int x = b.input("normalized_input_image_tensor", resolution, resolution, 3);
        Map<String, Integer> ep = new HashMap<>();
        MobileNets.v2Base(b, x, 1.0, 8, 8, 0, 19, ep);
        return head(b, "FeatureExtractor/MobilenetV2/layer_19", List.of(ep.get("layer_15/expansion_output"), ep.get("layer_19")),
                classes);
    }

    private static Graph head(GraphBuilder b, String lastName, List<Integer> backbone, int classes) {
        List<Integer> maps = new ArrayList<>(backbone);
        int x = maps.get(maps.size() - 1);
        for (int i = 0; i < EXTRA_DEPTHS.length; i++) {
            int d = EXTRA_DEPTHS[i];
            int half = Math.max(d / 2, MIN_DEPTH);
            int idx = i + 2;
            x = Layers.convBn(b, lastName + "_1_Conv2d_" + idx + "_1x1_" + half, x, half, 1, 1, Padding.SAME, Nonlinearity.RELU6);
            x = Layers.convBn(b, lastName + "_2_Conv2d_" + idx + "_3x3_s2_" + d, x, Math.max(d, MIN_DEPTH), 3, 2, Padding.SAME,
                    Nonlinearity.RELU6);
            maps.add(x);
        }
        List<Integer> boxes = new ArrayList<>(), scores = new ArrayList<>();
        int anchorsTotal = 0;
        for (int i = 0; i < maps.size(); i++) {
            int f = maps.get(i);
            int anchors = i == 0 ? 3 : 6;
            Shape s = b.shape(f);
            int n = s.h() * s.w() * anchors;
            anchorsTotal += n;
            String p = "BoxPredictor_" + i;
            int be = b.conv2d(p + "/BoxEncodingPredictor", f, anchors * 4, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
            boxes.add(b.reshape(p + "/Reshape", be, Shape.of(1, n, 4)));
            int cp = b.conv2d(p + "/ClassPredictor", f, anchors * classes, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
            scores.add(b.reshape(p + "/Reshape_1", cp, Shape.of(1, n, classes)));
        }
        int boxEncodings = b.concat("concat", 1, boxes);
        int classScores = b.logistic("convert_scores", b.concat("concat_1", 1, scores));
        int anchorsConst = b.constant("anchors", Shape.of(anchorsTotal, 4));
        List<Integer> outs = b.custom("TFLite_Detection_PostProcess", POSTPROCESS_CODE, List.of(boxEncodings, classScores, anchorsConst),
                List.of(Shape.of(1, MAX_DETECTIONS, 4), Shape.of(1, MAX_DETECTIONS), Shape.of(1, MAX_DETECTIONS), Shape.of(1)));
        return b.build(outs);
    }
}
