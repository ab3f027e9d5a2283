package dev.edgetpunas.compiler.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void convOutputShapeFollowsTfliteSameAndValid() {
        // SAME: ceil(in / stride); VALID: ceil((in - (k - 1) * d) / stride)
        assertEquals(112, Padding.SAME.outputSize(224, 3, 2, 1));
        assertEquals(111, Padding.VALID.outputSize(224, 3, 2, 1));
        assertEquals(149, Padding.VALID.outputSize(299, 3, 2, 1));
        assertEquals(220, Padding.VALID.outputSize(224, 3, 1, 2));
        assertEquals(0, Padding.VALID.outputSize(2, 3, 1, 1));
    }

    @Test
    void inconsistentGraphIsRejectedNamingOpAndShapes() {
        List<Tensor> t = List.of(
                Tensor.activation("x", Shape.of(1, 8, 8, 3), DType.FLOAT32),
                Tensor.constant("w", Shape.of(16, 3, 3, 3), DType.FLOAT32),
                Tensor.activation("y", Shape.of(1, 8, 8, 15), DType.FLOAT32));
        Op conv = new Op.Conv2D(List.of(0, 1), List.of(2), Padding.SAME, 1, 1, 1, 1, Activation.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Graph("g", t, List.of(conv), List.of(0), List.of(2)));
        assertTrue(e.getMessage().contains("op 0 (CONV_2D)"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 8, 8, 15]") && e.getMessage().contains("[1, 8, 8, 16]"), e.getMessage());
    }

    @Test
    void opsMustBeInExecutionOrder() {
        List<Tensor> t = List.of(
                Tensor.activation("x", Shape.of(1, 4), DType.FLOAT32),
                Tensor.activation("a", Shape.of(1, 4), DType.FLOAT32),
                Tensor.activation("b", Shape.of(1, 4), DType.FLOAT32));
        Op first = new Op.Relu(List.of(1), List.of(2));
        Op second = new Op.Relu(List.of(0), List.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Graph("g", t, List.of(first, second), List.of(0), List.of(2)));
        assertTrue(e.getMessage().contains("before any op produces it"), e.getMessage());
    }

    @Test
    void builderRejectsChannelMismatchInAdd() {
        GraphBuilder b = new GraphBuilder("g", DType.FLOAT32);
        int x = b.input("x", 8, 8, 4);
        int y = b.conv2d("c", x, 8, 1, 1, Padding.SAME, false, Activation.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add("sum", x, y));
        assertTrue(e.getMessage().contains("ADD 'sum'") && e.getMessage().contains("do not broadcast"), e.getMessage());
    }

    /** Property: for random conv shapes, the inferred output equals TFLite's formula and MACs = out * k*k*Cin. */
    @Test
    void convShapeInferenceAndMacsAgreeWithClosedForm() {
        qt().forAll(integers().between(1, 64), integers().between(1, 7), integers().between(1, 3), integers().between(1, 32))
                .checkAssert((hw, k, s, cin) -> {
                    for (Padding p : Padding.values()) {
                        GraphBuilder b = new GraphBuilder("g", DType.FLOAT32);
                        int x = b.input("x", hw, hw, cin);
                        int out = p.outputSize(hw, k, s, 1);
                        if (out == 0) continue;
                        int y = b.conv2d("c", x, 8, k, s, p, true, Activation.NONE);
                        Graph g = b.build(y);
                        int expected = p == Padding.SAME ? (hw + s - 1) / s : (hw - k) / s + 1;
                        assertEquals(Shape.of(1, expected, expected, 8), g.tensor(y).shape());
                        assertEquals((long) expected * expected * 8 * k * k * cin, g.macs());
                        assertEquals(8L * k * k * cin + 8, g.paramCount());
                    }
                });
    }

    /** Property: broadcasting is symmetric and an operand of ones broadcasts to the other. */
    @Test
    void broadcastIsSymmetric() {
        qt().forAll(integers().between(1, 9), integers().between(1, 9), integers().between(1, 9)).checkAssert((h, w, c) -> {
            Shape a = Shape.of(1, h, w, c), b = Shape.of(1, 1, 1, c);
            assertEquals(a, ShapeInference.broadcast(a, b));
            assertEquals(a, ShapeInference.broadcast(b, a));
        });
    }

    @Test
    void peakLiveActivationsCountsSkipConnections() {
        GraphBuilder b = new GraphBuilder("g", DType.INT8);
        int x = b.input("x", 10, 10, 10); // 1000 bytes
        int y = b.relu("r1", x); // x alive (read by add), y 1000
        int z = b.relu("r2", y);
        int s = b.add("add", x, z);
        Graph g = b.build(s);
        // while r2 runs: x, y, z alive = 3000
        assertEquals(3000, g.peakLiveActivationBytes());
    }

    @Test
    void digestIgnoresNamesButNotStructure() {
        GraphBuilder b1 = new GraphBuilder("a", DType.FLOAT32);
        int x1 = b1.input("x", 8, 8, 3);
        Graph g1 = b1.build(b1.conv2d("c", x1, 8, 3, 1, Padding.SAME, true, Activation.RELU));
        GraphBuilder b2 = new GraphBuilder("a", DType.FLOAT32);
        int x2 = b2.input("input", 8, 8, 3);
        Graph g2 = b2.build(b2.conv2d("other", x2, 8, 3, 1, Padding.SAME, true, Activation.RELU));
        GraphBuilder b3 = new GraphBuilder("a", DType.FLOAT32);
        int x3 = b3.input("x", 8, 8, 3);
        Graph g3 = b3.build(b3.conv2d("c", x3, 8, 3, 2, Padding.SAME, true, Activation.RELU));
        assertEquals(g1.digest(), g2.digest());
        assertNotEquals(g1.digest(), g3.digest());
    }

    /** Every op attribute is in the digest (it is built from the op records' components, not their names). */
    @Test
    void digestSeesEveryOpAttribute() {
        List<Tensor> t = List.of(Tensor.activation("x", Shape.of(1, 4, 4, 8), DType.INT8), Tensor.activation("y", Shape.of(1, 1, 1, 8), DType.INT8),
                Tensor.activation("z", Shape.of(1, 4, 4, 8), DType.INT8));
        java.util.function.Function<Op, String> d = op -> new Graph("g", t, List.of(op), List.of(0), op.outputs()).digest();
        String a = d.apply(new Op.Mean(List.of(0), List.of(1), List.of(1, 2), true));
        assertEquals(a, d.apply(new Op.Mean(List.of(0), List.of(1), List.of(1, 2), true)));
        assertNotEquals(a, d.apply(new Op.Mean(List.of(0), List.of(1), List.of(2, 1), true)));
        String add = d.apply(new Op.Add(List.of(0, 0), List.of(2), Activation.NONE));
        assertNotEquals(add, d.apply(new Op.Add(List.of(0, 0), List.of(2), Activation.RELU)));
        assertNotEquals(add, d.apply(new Op.Mul(List.of(0, 0), List.of(2), Activation.NONE)));
        String c = d.apply(new Op.Custom(List.of(0), List.of(1), "ab", Bytes.empty()));
        assertNotEquals(c, d.apply(new Op.Custom(List.of(0), List.of(1), "ac", Bytes.empty())));
        assertNotEquals(c, d.apply(new Op.Custom(List.of(0), List.of(1), "ab", Bytes.of(new byte[] {1}))));
    }

    @Test
    void variableTensorIsAvailableFromTheStartButNeverProducedOrCountedAsParameter() {
        List<Tensor> t = List.of(
                Tensor.activation("x", Shape.of(1, 4), DType.FLOAT32),
                Tensor.variable("state", Shape.of(1, 4), DType.FLOAT32),
                Tensor.activation("y", Shape.of(1, 4), DType.FLOAT32));
        Graph g = new Graph("g", t, List.of(new Op.Add(List.of(0, 1), List.of(2), Activation.NONE)), List.of(0), List.of(2));
        assertEquals(0, g.paramCount());
        assertEquals(3 * 16, g.peakLiveActivationBytes(), "input, state and output are alive together");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Graph("g", t,
                List.of(new Op.Relu(List.of(0), List.of(1))), List.of(0), List.of(1)));
        assertTrue(e.getMessage().contains("writes variable tensor 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Tensor("s", Shape.of(1), DType.FLOAT32, true, java.util.Optional.empty(), java.util.Optional.empty(), true));
    }

    @Test
    void absentRequiredInputIsABadGraphNotACrash() {
        List<Tensor> t = List.of(
                Tensor.activation("x", Shape.of(1, 4), DType.FLOAT32),
                Tensor.activation("y", Shape.of(1, 3), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Graph("g", t,
                List.of(new Op.FullyConnected(List.of(0, -1), List.of(1), Activation.NONE, false)), List.of(0), List.of(1)));
        assertTrue(e.getMessage().contains("input 1 is absent"), e.getMessage());
    }
}
