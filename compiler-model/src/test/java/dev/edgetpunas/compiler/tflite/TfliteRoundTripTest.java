package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfliteRoundTripTest {

    private static Graph roundTrip(Graph g) {
        return TfliteReader.read(TfliteWriter.write(g), g.name());
    }

    /** Property: a float graph (folded BN, random weights) reads back equal to what was written. */
    @Test
    void floatGraphsReadBackEqual() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Graph g = RandomGraphs.floatGraph(seed);
            assertEquals(g, roundTrip(g));
        });
    }

    /** Property: an int8 graph (per-channel weights, int32 biases, quantized activations) reads back equal. */
    @Test
    void int8GraphsReadBackEqualWithQuantizationAndData() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Graph g = RandomGraphs.int8Graph(seed);
            Graph back = roundTrip(g);
            assertEquals(g, back);
            for (Tensor t : back.tensors()) {
                if (t.dtype() == DType.INT8) assertTrue(t.quantization().isPresent(), t.name());
            }
        });
    }

    /** Property: writing is deterministic: the same graph gives the same bytes. */
    @Test
    void writingIsDeterministic() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed ->
                assertArrayEquals(TfliteWriter.write(RandomGraphs.int8Graph(seed)), TfliteWriter.write(RandomGraphs.int8Graph(seed))));
    }

    @Test
    void perAxisQuantizationKeepsItsDimensionScalesAndZeroPoints() {
        GraphBuilder b = new GraphBuilder("q", DType.INT8);
        int x = b.input("x", Shape.of(1, 4));
        Tensor w = new Tensor("w", Shape.of(3, 4), DType.INT8, true,
                Optional.of(Quantization.perAxis(new float[] {0.5f, 0.25f, 1e-7f}, new long[] {0, 3, -7}, 0)),
                Optional.of(Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -128})));
        int wi = b.addTensor(w);
        int y = b.addOp("fc", 1, o -> new Op.FullyConnected(List.of(x, wi, -1), List.of(o), dev.edgetpunas.compiler.graph.Activation.RELU, false), null).get(0);
        Graph g = b.build(y);
        Graph back = roundTrip(g);
        assertEquals(g, back);
        assertEquals(Quantization.perAxis(new float[] {0.5f, 0.25f, 1e-7f}, new long[] {0, 3, -7}, 0), back.tensor(wi).quantization().get());
        assertEquals(-1, (int) back.op(0).inputs().get(2), "an absent optional input stays -1");
    }

    @Test
    void variableTensorsStayVariableAndOutOfTheParameters() {
        GraphBuilder b = new GraphBuilder("state", DType.FLOAT32);
        int x = b.input("x", Shape.of(1, 4));
        int state = b.addTensor(Tensor.variable("state", Shape.of(1, 4), DType.FLOAT32));
        int y = b.add("y", x, state);
        Graph g = b.build(y);
        Graph back = roundTrip(g);
        assertEquals(g, back);
        assertTrue(back.tensor(state).variable());
        assertEquals(0, back.paramCount());
    }

    @Test
    void fileWriteIsAtomicAndReadable(@TempDir Path dir) throws Exception {
        Graph g = RandomGraphs.int8Graph(42);
        Path f = dir.resolve("sub/model.tflite");
        TfliteWriter.write(g, f);
        assertEquals(g.withName("model"), TfliteReader.read(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void zooGraphWithoutWeightsIsRejectedUnlessZeroFilled() {
        Graph deployed = Deploy.apply(EfficientNet.build(EfficientNetSpec.EDGETPU_S.withResolution(96)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfliteWriter.write(deployed));
        assertTrue(e.getMessage().contains("has no data") && e.getMessage().contains("ZERO_FILL"), e.getMessage());
        Graph back = TfliteReader.read(TfliteWriter.write(deployed, TfliteWriter.MissingData.ZERO_FILL), deployed.name());
        assertEquals(deployed.opCount(), back.opCount());
        assertEquals(deployed.macs(), back.macs());
        assertEquals(deployed.paramBytes(), back.paramBytes());
        for (int i = 0; i < deployed.opCount(); i++) assertEquals(deployed.op(i), back.op(i));
        for (int t = 0; t < deployed.tensors().size(); t++) {
            assertEquals(deployed.tensor(t).withoutData(), back.tensor(t).withoutData());
        }
    }

    @Test
    void trainingOnlyBatchNormIsRejected() {
        Graph training = RandomGraphs.training(7);
        if (training.opsOfKind(OpKind.BATCH_NORM).isEmpty()) return;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfliteWriter.write(training));
        assertTrue(e.getMessage().contains("BATCH_NORM") && e.getMessage().contains("fold"), e.getMessage());
    }

    @Test
    void meanWhoseAxesTensorDisagreesWithTheRecordIsRejected() {
        GraphBuilder b = new GraphBuilder("m", DType.FLOAT32);
        int x = b.input("x", 4, 4, 2);
        int axes = b.intConstant("axes", 1, 2);
        int y = b.addOp("mean", 1, o -> new Op.Mean(List.of(x, axes), List.of(o), List.of(2, 1), false), null).get(0);
        Graph g = b.build(y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfliteWriter.write(g));
        assertTrue(e.getMessage().contains("op 0 (MEAN)") && e.getMessage().contains("[2, 1]"), e.getMessage());
    }

    @Test
    void builtinsBeyondAByteKeepTheirCode() {
        GraphBuilder b = new GraphBuilder("gelu", DType.FLOAT32);
        int x = b.input("x", Shape.of(1, 8));
        int y = b.addOp("gelu", 1, o -> new Op.Opaque(List.of(x), List.of(o), 150, "GELU"), List.of(Shape.of(1, 8))).get(0);
        Graph back = roundTrip(b.build(y));
        Op.Opaque op = (Op.Opaque) back.op(0);
        assertEquals(150, op.builtinCode());
        assertEquals("GELU", op.opName());
        assertFalse(back.tensors().isEmpty());
    }
}
