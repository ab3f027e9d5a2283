package dev.edgetpunas.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployTest {

    /** Property: folding BN and deploying never changes the MACs of a model (conservation under rebuilding). */
    @Test
    void deployAndRebuildConserveMacs() {
        qt().withExamples(40).forAll(integers().between(0, 5), integers().between(1, 3), integers().between(1, 6),
                        integers().between(64, 160))
                .checkAssert((cAct, r, e, res) -> {
                    int c = cAct % 2, act = cAct / 2;
                    Nonlinearity[] acts = {Nonlinearity.RELU, Nonlinearity.SWISH, Nonlinearity.HARD_SWISH};
                    BlockArgs b1 = new BlockArgs(r, 3, 2, 2, e, 16, 24, c == 0 ? 0.25 : 0, true, c);
                    BlockArgs b2 = new BlockArgs(r, 5, 1, 1, e, 24, 24, 0, true, 1 - c);
                    EfficientNetSpec spec = EfficientNetSpec.EDGETPU_S.withBlocks(List.of(b1, b2)).withActivation(acts[act])
                            .withResolution(res / 8 * 8);
                    Graph training = EfficientNet.build(spec);
                    Graph deployed = Deploy.apply(training);
                    assertEquals(training.macs(), deployed.macs());
                    assertEquals(training.macs(), new GraphEditor(deployed).build().macs());
                    assertTrue(deployed.opsOfKind(OpKind.BATCH_NORM).isEmpty());
                    for (Tensor t : deployed.tensors()) {
                        assertTrue(t.dtype() == DType.INT8 || t.dtype() == DType.INT32, t.name() + " " + t.dtype());
                    }
                });
    }

    @Test
    void reluAfterConvAndBnIsFused() {
        GraphBuilder b = new GraphBuilder("g", DType.FLOAT32);
        int x = b.input("x", 8, 8, 3);
        int y = b.convBnAct("c", x, 4, 3, 1, Nonlinearity.RELU6);
        Graph d = Deploy.apply(b.build(y));
        assertEquals(1, d.opCount());
        Op.Conv2D conv = (Op.Conv2D) d.op(0);
        assertEquals(Activation.RELU6, conv.activation());
        assertEquals(3, conv.inputs().size(), "the folded conv has a bias");
        assertEquals(DType.INT32, d.tensor(conv.bias()).dtype());
        assertEquals(4, d.tensor(conv.filter()).quantization().orElseThrow().count(), "per-channel weights");
    }

    @Test
    void foldingComputesWeightsAndBiasFromData() {
        // 1x1 conv, 1 input channel, 2 output channels: y = w*x; BN: gamma (2, 1), beta (1, 0), mean (0.5, 0), var (3, 0)
        float eps = 1f;
        List<Tensor> t = List.of(
                Tensor.activation("x", dev.edgetpunas.compiler.graph.Shape.of(1, 1, 1, 1), DType.FLOAT32),
                Tensor.constant("w", dev.edgetpunas.compiler.graph.Shape.of(2, 1, 1, 1), DType.FLOAT32, Bytes.ofFloats(new float[] {1f, -2f})),
                Tensor.activation("y", dev.edgetpunas.compiler.graph.Shape.of(1, 1, 1, 2), DType.FLOAT32),
                Tensor.constant("gamma", dev.edgetpunas.compiler.graph.Shape.of(2), DType.FLOAT32, Bytes.ofFloats(new float[] {2f, 1f})),
                Tensor.constant("beta", dev.edgetpunas.compiler.graph.Shape.of(2), DType.FLOAT32, Bytes.ofFloats(new float[] {1f, 0f})),
                Tensor.constant("mean", dev.edgetpunas.compiler.graph.Shape.of(2), DType.FLOAT32, Bytes.ofFloats(new float[] {0.5f, 0f})),
                Tensor.constant("var", dev.edgetpunas.compiler.graph.Shape.of(2), DType.FLOAT32, Bytes.ofFloats(new float[] {3f, 0f})),
                Tensor.activation("z", dev.edgetpunas.compiler.graph.Shape.of(1, 1, 1, 2), DType.FLOAT32));
        Graph g = new Graph("g", t, List.of(
                new Op.Conv2D(List.of(0, 1), List.of(2), Padding.SAME, 1, 1, 1, 1, Activation.NONE),
                new Op.BatchNorm(List.of(2, 3, 4, 5, 6), List.of(7), eps)), List.of(0), List.of(7));
        Graph f = FoldBatchNorm.apply(g);
        assertEquals(1, f.opCount());
        Op.Conv2D conv = (Op.Conv2D) f.op(0);
        // scale = gamma / sqrt(var + eps) = (1, 1); w' = (1, -2); b' = beta - mean * scale = (0.5, 0)
        assertArrayEquals(new float[] {1f, -2f}, f.tensor(conv.filter()).data().orElseThrow().floats(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0f}, f.tensor(conv.bias()).data().orElseThrow().floats(), 1e-6f);
    }

    /**
     * Deploy folds, fuses and quantizes in one editor; the result must equal quantizing the graph that
     * FoldBatchNorm.apply builds in its own steps (Deploy of an already folded graph takes that path).
     */
    @Test
    void deployingInOneEditorEqualsDeployingTheFoldedGraph() {
        for (String name : List.of("efficientnet-edgetpu-s", "efficientnet-b0", "mobilenet-v2")) {
            Graph training = dev.edgetpunas.compiler.zoo.ModelZoo.build(name);
            assertEquals(Deploy.apply(FoldBatchNorm.apply(training)), Deploy.apply(training), name);
        }
        GraphBuilder b = new GraphBuilder("swish-bn-relu", DType.FLOAT32);
        int x = b.input("x", 8, 8, 4);
        int y = b.convBnAct("c", x, 8, 3, 1, Nonlinearity.SWISH);
        int z = b.relu("r", b.batchNorm("bn", b.add("a", y, y), 1e-3f)); // BN -> MUL/ADD, then RELU fused into the ADD
        Graph g = b.build(b.logistic("out", z));
        Graph d = Deploy.apply(g);
        assertEquals(Deploy.apply(FoldBatchNorm.apply(g)), d);
        assertTrue(d.opsOfKind(OpKind.RELU).isEmpty(), "the RELU after the BN's ADD is fused");
        assertEquals(-128, d.tensor(d.outputs().get(0)).quantization().orElseThrow().zeroPoint(0), "LOGISTIC output keeps (1/256, -128)");
    }
}
