package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every zoo model builds, deploys with its MACs conserved, and has the published layer structure. */
class ZooModelsTest {

    static final List<String> ISSUE_NAMES = List.of("mobilenet-v1", "mobilenet-v1-0.75", "mobilenet-v1-0.5", "mobilenet-v1-0.25",
            "mobilenet-v2", "inception-v1", "inception-v3", "inception-v4", "inception-resnet-v2", "resnet50-v1", "resnet50-v2",
            "resnet152-v2", "densenet121", "squeezenet", "vgg16", "vgg19", "ssd-mobilenet-v1", "ssd-mobilenet-v2", "unet-mobilenet-v2",
            "deeplab-v3-mobilenet-v2", "deeplab-v3-mobilenet-v2-0.5", "efficientnet-edgetpu-s", "efficientnet-edgetpu-m",
            "efficientnet-edgetpu-l");

    /** ImageNet classifiers: the issue says any {@code @SIZE} works for them. */
    static final List<String> IMAGENET = ISSUE_NAMES.subList(0, 16);

    private static int inputSize(Graph g) {
        return g.tensor(g.inputs().get(0)).shape().h();
    }

    @Test
    void everyModelOfTheIssueIsRegisteredAfterTheEfficientNets() {
        List<String> names = ModelZoo.entries().stream().map(ZooEntry::name).toList();
        assertTrue(names.containsAll(ISSUE_NAMES), names.toString());
        assertEquals("efficientnet-edgetpu-s", names.get(0), "EfficientNet entries stay first");
        assertTrue(names.indexOf("efficientnet-b7") < names.indexOf("mobilenet-v1"));
    }

    @Test
    void defaultSizesAreThePublishedOnes() {
        int[] expected = {224, 192, 160, 128, 224, 224, 299, 299, 299, 224, 224, 224, 224, 224, 224, 224, 300, 300, 128, 513, 513};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ModelZoo.entry(ISSUE_NAMES.get(i)).defaultResolution(), ISSUE_NAMES.get(i));
        }
    }

    /** Deploy folds every BN, types every tensor int8/int32, and keeps the MACs and the op count minus folded BNs. */
    @Test
    void everyModelBuildsAndDeploysWithMacsConserved() {
        for (ZooEntry e : ModelZoo.entries()) {
            Graph g = ModelZoo.build(e.name());
            assertEquals(e.defaultResolution(), inputSize(g), e.name());
            Graph d = Deploy.apply(g);
            assertEquals(g.macs(), d.macs(), e.name() + ": MACs conserved by Deploy");
            assertTrue(d.opsOfKind(OpKind.BATCH_NORM).isEmpty(), e.name());
            assertTrue(d.tensors().stream().noneMatch(t -> t.dtype() == DType.FLOAT32), e.name() + ": no float tensor left");
            assertTrue(d.paramCount() <= g.paramCount(), e.name());
        }
    }

    @Test
    void imageNetClassifiersBuildAtOtherSizes() {
        for (String n : IMAGENET) {
            for (int size : new int[] {160, 320}) {
                Graph g = ModelZoo.build(n + "@" + size);
                assertEquals(size, inputSize(g), n + "@" + size);
                assertEquals(size == ModelZoo.entry(n).defaultResolution() ? n : n + "@" + size, g.name());
                Shape out = g.tensor(g.outputs().get(0)).shape();
                assertEquals(2, out.rank(), n + "@" + size + " output " + out);
                assertEquals(g.macs(), Deploy.apply(g).macs());
            }
        }
    }

    @Test
    void detectionAndSegmentationModelsBuildAtOtherSizes() {
        assertEquals(List.of(1, 10, 4), ModelZoo.build("ssd-mobilenet-v1@320").tensor(ModelZoo.build("ssd-mobilenet-v1@320").outputs().get(0)).shape().toList());
        Graph u = ModelZoo.build("unet-mobilenet-v2@224");
        assertEquals(List.of(1, 224, 224, 3), u.tensor(u.outputs().get(0)).shape().toList());
        Graph d = ModelZoo.build("deeplab-v3-mobilenet-v2@257");
        assertEquals(List.of(1, 257, 257, 21), d.tensor(d.outputs().get(0)).shape().toList());
    }

    /** Property: for the fully SAME-padded MobileNets, MACs never decrease with the input size. */
    @Test
    void mobileNetMacsGrowWithTheInputSize() {
        qt().withExamples(25).forAll(integers().between(32, 400)).checkAssert(s -> {
            assertTrue(MobileNets.v1(0.25, s, 1001).macs() <= MobileNets.v1(0.25, s + 1, 1001).macs(), "v1 at " + s);
            assertTrue(MobileNets.v2(1.0, s, 1001).macs() <= MobileNets.v2(1.0, s + 1, 1001).macs(), "v2 at " + s);
        });
    }

    @Test
    void tooSmallSizesAreRejectedNamingTheEmptyTensor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("inception-v3@32"));
        assertTrue(e.getMessage().contains("cannot be built at size 32") && e.getMessage().contains("empty output"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("unet-mobilenet-v2@100"));
        assertTrue(u.getMessage().contains("multiple of 32") && u.getMessage().contains("100"), u.getMessage());
    }

    // ---- structure --------------------------------------------------------------------------------

    private static List<Integer> outShape(Graph g, String tensorName) {
        for (Tensor t : g.tensors()) if (t.name().equals(tensorName)) return t.shape().toList();
        throw new AssertionError("no tensor " + tensorName);
    }

    private static Op producerOf(Graph g, String tensorName) {
        for (int t = 0; t < g.tensors().size(); t++) if (g.tensor(t).name().equals(tensorName)) return g.op(g.producer(t));
        throw new AssertionError("no tensor " + tensorName);
    }

    @Test
    void slimClassifiersEndInAveragePoolConvReshapeSoftmax() {
        for (String n : List.of("mobilenet-v1", "mobilenet-v2", "inception-v1", "inception-v3")) {
            Graph d = Deploy.apply(ModelZoo.build(n));
            List<OpKind> tail = new ArrayList<>();
            for (int i = d.opCount() - 4; i < d.opCount(); i++) tail.add(d.op(i).kind());
            assertEquals(List.of(OpKind.AVERAGE_POOL_2D, OpKind.CONV_2D, OpKind.RESHAPE, OpKind.SOFTMAX), tail, n);
            assertEquals(List.of(1, 1001), d.tensor(d.outputs().get(0)).shape().toList(), n);
        }
    }

    @Test
    void mobileNetV1DepthsFollowTheSlimMultiplierRule() {
        Graph g = ModelZoo.build("mobilenet-v1-0.25");
        assertEquals(List.of(1, 64, 64, 8), outShape(g, "MobilenetV1/Conv2d_0"), "max(int(32 * 0.25), 8) = 8");
        assertEquals(List.of(1, 4, 4, 256), outShape(g, "MobilenetV1/Conv2d_13_pointwise"));
    }

    @Test
    void inceptionConcatenationsHaveThePublishedWidths() {
        Graph v3 = ModelZoo.build("inception-v3");
        assertEquals(List.of(1, 35, 35, 256), outShape(v3, "InceptionV3/Mixed_5b/concat"));
        assertEquals(List.of(1, 17, 17, 768), outShape(v3, "InceptionV3/Mixed_6a/concat"));
        assertEquals(List.of(1, 8, 8, 1280), outShape(v3, "InceptionV3/Mixed_7a/concat"));
        assertEquals(List.of(1, 8, 8, 2048), outShape(v3, "InceptionV3/Mixed_7c/concat"));
        Graph v4 = ModelZoo.build("inception-v4");
        assertEquals(List.of(1, 35, 35, 384), outShape(v4, "InceptionV4/Mixed_5a/concat"));
        assertEquals(List.of(1, 17, 17, 1024), outShape(v4, "InceptionV4/Mixed_6h/concat"));
        assertEquals(List.of(1, 8, 8, 1536), outShape(v4, "InceptionV4/Mixed_7d/concat"));
        Graph v1 = ModelZoo.build("inception-v1");
        assertEquals(List.of(1, 28, 28, 256), outShape(v1, "InceptionV1/Mixed_3b/concat"));
        assertEquals(List.of(1, 7, 7, 1024), outShape(v1, "InceptionV1/Mixed_5c/concat"));
        Graph irv2 = ModelZoo.build("inception-resnet-v2");
        assertEquals(List.of(1, 35, 35, 320), outShape(irv2, "mixed_5b"));
        assertEquals(List.of(1, 17, 17, 1088), outShape(irv2, "mixed_6a"));
        assertEquals(List.of(1, 8, 8, 2080), outShape(irv2, "mixed_7a"));
    }

    @Test
    void inceptionResNetV2LastBlockHasNoActivation() {
        Graph g = ModelZoo.build("inception-resnet-v2");
        assertEquals(OpKind.ADD, producerOf(g, "block8_10").kind());
        assertTrue(g.tensors().stream().noneMatch(t -> t.name().equals("block8_10_ac")));
        assertTrue(g.tensors().stream().anyMatch(t -> t.name().equals("block8_9_ac")));
    }

    @Test
    void resNetV2StridesOnTheLastBlockOfEachStackAndV1OnTheFirst() {
        Graph v2 = ModelZoo.build("resnet50-v2");
        Op.Conv2D strided = (Op.Conv2D) producerOf(v2, "conv2_block3_2_conv");
        assertEquals(2, strided.strideH());
        assertEquals(Padding.VALID, strided.padding());
        assertEquals(OpKind.PAD, producerOf(v2, "conv2_block3_2_pad").kind());
        assertEquals(OpKind.MAX_POOL_2D, producerOf(v2, "conv2_block3_0_pool").kind(), "strided identity shortcut = 1x1 max pool");
        assertEquals(List.of(1, 7, 7, 2048), outShape(v2, "conv5_block3_out"), "conv5 keeps stride 1");
        Graph v1 = ModelZoo.build("resnet50-v1");
        assertEquals(2, ((Op.Conv2D) producerOf(v1, "conv3_block1_1_conv")).strideH());
        assertEquals(List.of(1, 56, 56, 64), outShape(v1, "pool1_pool"));
    }

    @Test
    void denseNetTransitionsHalveTheChannels() {
        Graph g = ModelZoo.build("densenet121");
        assertEquals(List.of(1, 56, 56, 256), outShape(g, "conv2_block6_concat"));
        assertEquals(List.of(1, 28, 28, 128), outShape(g, "pool2_pool"));
        assertEquals(List.of(1, 7, 7, 1024), outShape(g, "conv5_block16_concat"));
        // pre-activation BN after a concatenation cannot fold: it deploys as MUL + ADD
        assertTrue(Deploy.apply(g).opsOfKind(OpKind.MUL).size() >= 58);
    }

    @Test
    void squeezeNetPoolsUseCeilMode() {
        Graph g = ModelZoo.build("squeezenet");
        assertEquals(List.of(1, 109, 109, 96), outShape(g, "conv1"));
        assertEquals(List.of(1, 54, 54, 96), outShape(g, "pool1"));
        assertEquals(List.of(1, 27, 27, 256), outShape(g, "pool4"), "ceil((54 - 3) / 2) + 1 = 27, floor would give 26");
        assertEquals(List.of(1, 13, 13, 512), outShape(g, "pool8"));
        assertEquals(List.of(1, 13, 13, 1000), outShape(g, "relu_conv10"));
    }

    @Test
    void ssdHas1917AnchorsAndEndsInTheCpuPostProcessOp() {
        for (String n : List.of("ssd-mobilenet-v1", "ssd-mobilenet-v2")) {
            Graph g = Deploy.apply(ModelZoo.build(n));
            assertEquals(List.of(1, 1917, 4), outShape(g, "concat"), n);
            assertEquals(List.of(1, 1917, 91), outShape(g, "convert_scores"), n);
            Op last = g.op(g.opCount() - 1);
            assertEquals(OpKind.CUSTOM, last.kind());
            assertEquals(Ssd.POSTPROCESS_CODE, ((Op.Custom) last).customCode());
            assertEquals(4, last.outputs().size());
            assertEquals(List.of(1917, 4), g.tensor(last.inputs().get(2)).shape().toList(), "anchors constant");
            assertEquals(4, g.outputs().size());
        }
        Graph v2 = ModelZoo.build("ssd-mobilenet-v2");
        assertEquals(List.of(1, 19, 19, 576), outShape(v2, "MobilenetV2/expanded_conv_13/expand/relu6"), "layer_15/expansion_output");
        assertEquals(List.of(1, 10, 10, 1280), outShape(v2, "MobilenetV2/Conv_1/relu6"), "layer_19");
        Graph v1 = ModelZoo.build("ssd-mobilenet-v1");
        assertEquals(List.of(1, 1, 1, 128), outShape(v1, "FeatureExtractor/MobilenetV1/Conv2d_13_pointwise_2_Conv2d_5_3x3_s2_128/relu6"));
    }

    @Test
    void unetSkipsMatchTheTutorial() {
        Graph g = ModelZoo.build("unet-mobilenet-v2");
        assertEquals(List.of(1, 64, 64, 96), outShape(g, "block_1_expand_relu"));
        assertEquals(List.of(1, 32, 32, 144), outShape(g, "block_3_expand_relu"));
        assertEquals(List.of(1, 16, 16, 192), outShape(g, "block_6_expand_relu"));
        assertEquals(List.of(1, 8, 8, 576), outShape(g, "block_13_expand_relu"));
        assertEquals(List.of(1, 4, 4, 320), outShape(g, "block_16_project"));
        assertEquals(List.of(1, 8, 8, 1088), outShape(g, "concatenate_0"));
        assertEquals(List.of(1, 64, 64, 160), outShape(g, "concatenate_3"));
        assertEquals(5, g.opsOfKind(OpKind.TRANSPOSE_CONV).size());
        assertEquals(OpKind.PAD, producerOf(g, "block_1_pad").kind(), "Keras correct_pad before a stride-2 depthwise");
    }

    @Test
    void deepLabRunsAtOutputStride16WithDilatedDepthwiseAfterTheLastStride() {
        Graph g = ModelZoo.build("deeplab-v3-mobilenet-v2");
        List<Integer> dilations = new ArrayList<>();
        for (Op op : g.ops()) {
            if (op.kind() == OpKind.DEPTHWISE_CONV_2D) {
                Op.DepthwiseConv2D dw = (Op.DepthwiseConv2D) op;
                dilations.add(dw.dilationH());
                if (dw.dilationH() == 2) assertEquals(1, dw.strideH());
            }
        }
        assertEquals(17, dilations.size());
        assertEquals(List.of(1, 1, 1, 2, 2, 2), dilations.subList(11, 17), "layer_15 stride 1 rate 1, then rate 2");
        assertEquals(List.of(1, 33, 33, 320), outShape(g, "MobilenetV2/expanded_conv_16/project/BatchNorm"));
        List<Op> resizes = g.ops().stream().filter(o -> o.kind() == OpKind.RESIZE_BILINEAR).toList();
        assertEquals(2, resizes.size());
        assertTrue(resizes.stream().allMatch(o -> ((Op.ResizeBilinear) o).alignCorners()));
        assertEquals(List.of(1, 33, 33, 512), outShape(g, "concat"));
        Graph half = ModelZoo.build("deeplab-v3-mobilenet-v2-0.5");
        assertEquals(List.of(1, 33, 33, 160), outShape(half, "MobilenetV2/expanded_conv_16/project/BatchNorm"));
        assertEquals(List.of(1, 129, 129, 12), outShape(half, "MobilenetV2/expanded_conv_2/project/BatchNorm"),
                "depth multiplier 0.5 rounds to multiples of 1: 24 * 0.5 = 12");
    }

    @Test
    void everyNonEfficientNetModelUsesOnlyOpsTheIssueNames() {
        Set<OpKind> allowed = Set.of(OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.FULLY_CONNECTED, OpKind.TRANSPOSE_CONV,
                OpKind.BATCH_NORM, OpKind.RELU, OpKind.RELU6, OpKind.ADD, OpKind.MAX_POOL_2D, OpKind.AVERAGE_POOL_2D, OpKind.MEAN,
                OpKind.CONCATENATION, OpKind.RESHAPE, OpKind.SOFTMAX, OpKind.PAD, OpKind.LOGISTIC, OpKind.CUSTOM,
                OpKind.RESIZE_BILINEAR);
        for (String n : ISSUE_NAMES.subList(0, 21)) {
            for (Op op : ModelZoo.build(n).ops()) assertTrue(allowed.contains(op.kind()), n + ": " + op.opName());
        }
    }
}
