package dev.edgetpunas.quant.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.passes.GraphEditor;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.quant.kernels.Add;
import dev.edgetpunas.quant.kernels.Conv2D;
import dev.edgetpunas.quant.kernels.DepthwiseConv2D;
import dev.edgetpunas.quant.kernels.FullyConnected;
import dev.edgetpunas.quant.kernels.Mean;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.quant.kernels.QTensor;
import dev.edgetpunas.quant.kernels.Softmax;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.testutil.TestGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interpreter on small graphs built here: wiring against a hand composition of the kernels, edges, errors. */
class InterpreterTest {

    private static Graph deployedCnn(long seed) {
        return Deploy.apply(TestGraphs.filled(TestGraphs.smallCnn("cnn"), seed));
    }

    private static int idx(Graph g, String name) {
        for (int t = 0; t < g.tensors().size(); t++) if (g.tensor(t).name().equals(name)) return t;
        throw new AssertionError("no tensor " + name);
    }

    private static QTensor q(Graph g, String name) {
        Tensor t = g.tensor(idx(g, name));
        return QTensor.of(QType.INT8, t.shape().toArray(), TensorValue.params(t).orElseThrow());
    }

    private static byte[] data(Graph g, String name) {
        return g.tensor(idx(g, name)).data().orElseThrow().toArray();
    }

    private static int[] ints(Graph g, String name) {
        return g.tensor(idx(g, name)).data().orElseThrow().ints();
    }

    /** The small CNN composed by hand from the kernels, with tensors looked up by name. */
    private static byte[] handComposed(Graph g, byte[] in) {
        byte[] c1 = new byte[4 * 4 * 8];
        Conv2D.prepare(Conv2D.Options.of(dev.edgetpunas.quant.kernels.Padding.SAME, 2, FusedActivation.RELU6), q(g, "in"), q(g, "c1/weights"),
                data(g, "c1/weights"), ints(g, "c1/bias"), q(g, "c1")).run(in, c1);
        byte[] dw = new byte[4 * 4 * 8];
        DepthwiseConv2D.prepare(DepthwiseConv2D.Options.of(dev.edgetpunas.quant.kernels.Padding.SAME, 1, FusedActivation.RELU), q(g, "c1"),
                q(g, "dw/depthwise_weights"), data(g, "dw/depthwise_weights"), ints(g, "dw/bias"), q(g, "dw")).run(c1, dw);
        byte[] c2 = new byte[4 * 4 * 8];
        Conv2D.prepare(Conv2D.Options.of(dev.edgetpunas.quant.kernels.Padding.SAME, 1, FusedActivation.NONE), q(g, "dw"), q(g, "c2/weights"),
                data(g, "c2/weights"), ints(g, "c2/bias"), q(g, "c2")).run(dw, c2);
        byte[] add = new byte[4 * 4 * 8];
        Add.prepare(FusedActivation.NONE, q(g, "c1"), q(g, "c2"), q(g, "add")).run(c1, c2, add);
        byte[] gap = new byte[8];
        Mean.prepare(new int[] {1, 2}, true, q(g, "add"), q(g, "gap")).run(add, gap);
        byte[] fc = new byte[5];
        FullyConnected.prepare(FusedActivation.NONE, q(g, "flat"), q(g, "fc/weights"), data(g, "fc/weights"), ints(g, "fc/bias"), q(g, "fc"))
                .run(gap, fc);
        byte[] prob = new byte[5];
        Softmax.prepare(1f, q(g, "fc"), q(g, "prob")).run(fc, prob);
        return prob;
    }

    @Test
    void interpreterEqualsTheKernelsComposedByHandOnASmallCnn() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Graph g = deployedCnn(seed);
            byte[] in = TestGraphs.randomBytes(seed + 1, 8 * 8 * 3);
            Interpreter interp = Interpreter.prepare(g);
            TensorValue out = interp.run(TensorValue.ofRaw(interp.inputTensor(0), in)).get(0);
            assertArrayEquals(handComposed(g, in), out.raw());
            assertEquals("prob", out.name());
            assertEquals(new PerTensor(1f / 256, -128), out.params().orElseThrow());
        });
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        Graph g = deployedCnn(5);
        Interpreter interp = Interpreter.prepare(g);
        TensorValue in = TensorValue.ofRaw(interp.inputTensor(0), TestGraphs.randomBytes(6, 192));
        Interpreter.Trace serial = interp.trace(List.of(in), Parallelism.serial());
        for (int threads : new int[] {2, 3, 8}) {
            try (Parallelism p = Parallelism.threads(threads)) {
                Interpreter.Trace t = interp.trace(List.of(in), p);
                for (int i = 0; i < g.tensors().size(); i++) assertEquals(serial.value(i), t.value(i), "tensor " + i + ", " + threads + " threads");
            }
        }
    }

    @Test
    void traceHoldsEveryActivationAndTheSameOutputsAsRun() {
        Graph g = deployedCnn(7);
        Interpreter interp = Interpreter.prepare(g);
        TensorValue in = TensorValue.ofRaw(interp.inputTensor(0), TestGraphs.randomBytes(8, 192));
        Interpreter.Trace t = interp.trace(List.of(in), Parallelism.serial());
        assertEquals(interp.run(in), t.outputs());
        for (int i = 0; i < g.tensors().size(); i++) {
            assertEquals(!g.tensor(i).constant(), t.value(i).isPresent(), g.tensor(i).name());
        }
        // RESHAPE relabels the same values under the new shape
        assertArrayEquals(t.value("gap").orElseThrow().raw(), t.value("flat").orElseThrow().raw());
        assertArrayEquals(new int[] {1, 8}, t.value("flat").orElseThrow().shape());
        assertEquals(in, t.value("in").orElseThrow());
    }

    /** The CNN with a float input (QUANTIZE first) and a float output (DEQUANTIZE last). */
    private static Graph withFloatEdges(Graph g) {
        GraphEditor e = new GraphEditor(g);
        int in = g.inputs().get(0), out = g.outputs().get(0);
        int fin = e.addTensor(Tensor.activation("in_float", g.tensor(in).shape(), DType.FLOAT32));
        int fout = e.addTensor(Tensor.activation("prob_float", g.tensor(out).shape(), DType.FLOAT32));
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.Quantize(List.of(fin), List.of(in)));
        ops.addAll(g.ops());
        ops.add(new Op.Dequantize(List.of(out), List.of(fout)));
        List<Tensor> tensors = new ArrayList<>();
        for (int t = 0; t < e.tensorCount(); t++) tensors.add(e.tensor(t));
        return new Graph(g.name(), tensors, ops, List.of(fin), List.of(fout));
    }

    @Test
    void floatEdgesQuantizeTheInputAndDequantizeTheOutput() {
        Graph g = deployedCnn(9);
        Graph f = withFloatEdges(g);
        Interpreter qi = Interpreter.prepare(g), fi = Interpreter.prepare(f);
        float[] x = new float[192];
        java.util.Random r = new java.util.Random(10);
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 3);
        TensorValue floatOut = fi.run(TensorValue.quantizing(fi.inputTensor(0), x)).get(0);
        TensorValue quantOut = qi.run(TensorValue.quantizing(qi.inputTensor(0), x)).get(0);
        assertEquals(DType.FLOAT32, floatOut.dtype());
        assertArrayEquals(quantOut.dequantized(), floatOut.floats());
        float sum = 0;
        for (float p : floatOut.floats()) sum += p;
        assertEquals(1f, sum, 5f / 256, "softmax output sums to 1 within rounding");
    }

    @Test
    void standaloneReluAndRelu6ClampAtRealZeroAndSixWhileRequantizing() {
        GraphBuilder b = new GraphBuilder("act", DType.INT8);
        int x = b.input("x", Shape.of(1, 256));
        int r = b.relu("r", x);
        int r6 = b.relu6("r6", x);
        GraphEditor e = new GraphEditor(b.build(r, r6));
        e.setTensor(0, e.tensor(0).withQuantization(Quantization.perTensor(0.05f, 10)));
        e.setTensor(1, e.tensor(1).withQuantization(Quantization.perTensor(0.03f, -128)));
        e.setTensor(2, e.tensor(2).withQuantization(Quantization.perTensor(0.025f, -128)));
        Interpreter interp = Interpreter.prepare(e.build());
        byte[] in = new byte[256];
        for (int i = 0; i < 256; i++) in[i] = (byte) (i - 128);
        List<TensorValue> out = interp.run(TensorValue.ofRaw(interp.inputTensor(0), in));
        float[] relu = out.get(0).dequantized(), relu6 = out.get(1).dequantized();
        for (int i = 0; i < 256; i++) {
            float real = 0.05f * (i - 128 - 10);
            assertEquals(Math.max(0f, Math.min(real, 0.03f * 255)), relu[i], 0.03f / 2 + 1e-6f, "relu at " + real);
            assertEquals(Math.max(0f, Math.min(real, 6f)), relu6[i], 0.025f / 2 + 1e-6f, "relu6 at " + real);
        }
    }

    @Test
    void splitCopiesEqualPartsAlongTheAxis() {
        GraphBuilder b = new GraphBuilder("split", DType.UINT8);
        int x = b.input("x", Shape.of(1, 2, 2, 6));
        List<Integer> parts = b.split("s", x, 3, 3);
        Graph g0 = b.build(parts);
        GraphEditor e = new GraphEditor(g0);
        for (int t = 0; t < g0.tensors().size(); t++) {
            if (g0.tensor(t).dtype() == DType.UINT8) e.setTensor(t, e.tensor(t).withQuantization(Quantization.perTensor(0.1f, 128)));
        }
        Graph g = e.build();
        Interpreter interp = Interpreter.prepare(g);
        byte[] in = new byte[24];
        for (int i = 0; i < 24; i++) in[i] = (byte) i;
        List<TensorValue> out = interp.run(TensorValue.ofRaw(interp.inputTensor(0), in));
        assertArrayEquals(new byte[] {0, 1, 6, 7, 12, 13, 18, 19}, out.get(0).raw());
        assertArrayEquals(new byte[] {4, 5, 10, 11, 16, 17, 22, 23}, out.get(2).raw());
    }

    @Test
    void writtenAndReadBackGraphsGiveIdenticalOutputs() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Graph g = deployedCnn(seed);
            Graph back = TfliteReader.read(TfliteWriter.write(g), "cnn.tflite");
            TensorValue in = TensorValue.ofRaw(g.tensor(g.inputs().get(0)), TestGraphs.randomBytes(seed ^ 77, 192));
            assertEquals(Interpreter.prepare(g).run(in), Interpreter.prepare(back).run(in));
        });
    }

    @Test
    void lstmFailsWithOneLineNamingTheOp() {
        GraphBuilder b = new GraphBuilder("lstm", DType.INT8);
        int x = b.input("x", Shape.of(1, 4, 3));
        int y = b.addOp("lstm", 1, o -> new Op.UnidirectionalSequenceLstm(List.of(x), List.of(o), Activation.TANH, 0f, 0f, false),
                List.of(Shape.of(1, 4, 3))).get(0);
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(b.build(y)));
        assertEquals("op 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): LSTM is not supported by the integer interpreter", e.getMessage());
        assertEquals(0, e.opIndex());
        assertEquals("UNIDIRECTIONAL_SEQUENCE_LSTM", e.opName());
    }

    @Test
    void edgeTpuCustomOpFailsAskingForTheCpuModel() {
        GraphBuilder b = new GraphBuilder("compiled", DType.UINT8);
        int x = b.input("x", Shape.of(1, 4));
        int y = b.custom("tpu", Op.Custom.EDGETPU_CUSTOM_CODE, List.of(x), List.of(Shape.of(1, 4))).get(0);
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(b.build(y)));
        assertTrue(e.getMessage().startsWith("op 0 (CUSTOM 'edgetpu-custom-op'): "), e.getMessage());
        assertTrue(e.getMessage().contains("pass the CPU model"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void floatOpsAndOpsWithoutKernelsAreNamed() {
        Graph floatGraph = TestGraphs.filled(TestGraphs.smallCnn("f"), 1);
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(floatGraph));
        assertTrue(e.getMessage().startsWith("op 0 (CONV_2D): tensor 'in' is FLOAT32"), e.getMessage());

        GraphBuilder b = new GraphBuilder("hs", DType.INT8);
        int x = b.input("x", Shape.of(1, 4));
        int y = b.hardSwish("h", x);
        UnsupportedOpException h = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(b.build(y)));
        assertEquals("op 0 (HARD_SWISH): HARD_SWISH is not supported by the integer interpreter", h.getMessage());
    }

    @Test
    void zooGraphsWithoutWeightsAreRejectedNamingTheTensor() {
        Graph zoo = Deploy.apply(ModelZoo.build("mobilenet-v1-0.25"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interpreter.prepare(zoo));
        assertTrue(e.getMessage().startsWith("op 0 (CONV_2D): constant tensor '"), e.getMessage());
        assertTrue(e.getMessage().contains("has no data"), e.getMessage());
    }

    @Test
    void inputsAreCheckedForCountTypeShapeAndParameters() {
        Graph g = deployedCnn(3);
        Interpreter interp = Interpreter.prepare(g);
        Tensor spec = interp.inputTensor(0);
        assertThrows(IllegalArgumentException.class, () -> interp.run(List.of()));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> interp.run(TensorValue.ofRaw("in", QType.INT8, new int[] {1, 8, 8, 1}, new PerTensor(1f / 16, 0), new byte[64])));
        assertTrue(shape.getMessage().contains("must have shape [1, 8, 8, 3]"), shape.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> interp.run(TensorValue.ofRaw("in", QType.UINT8, new int[] {1, 8, 8, 3}, new PerTensor(1f / 16, 0), new byte[192])));
        assertTrue(type.getMessage().contains("must be INT8, but was UINT8"), type.getMessage());
        IllegalArgumentException params = assertThrows(IllegalArgumentException.class,
                () -> interp.run(TensorValue.ofRaw("in", QType.INT8, new int[] {1, 8, 8, 3}, new PerTensor(0.5f, 0), new byte[192])));
        assertTrue(params.getMessage().contains("must be quantized with"), params.getMessage());
        assertEquals(1, interp.run(TensorValue.ofRaw(spec, new byte[192])).size());
    }

    @Test
    void constantOperandsOfElementwiseOpsAreRead() {
        GraphBuilder b = new GraphBuilder("mulc", DType.INT8);
        int x = b.input("x", Shape.of(1, 2, 2, 3));
        int c = b.addTensor(Tensor.constant("scale", Shape.of(3), DType.INT8, Bytes.of(new byte[] {10, 20, 40}))
                .withQuantization(Quantization.perTensor(0.1f, 0)));
        int y = b.mul("m", x, c);
        GraphEditor e = new GraphEditor(b.build(y));
        e.setTensor(0, e.tensor(0).withQuantization(Quantization.perTensor(0.5f, 0)));
        e.setTensor(2, e.tensor(2).withQuantization(Quantization.perTensor(0.5f, 0)));
        Interpreter interp = Interpreter.prepare(e.build());
        byte[] in = {1, 1, 1, 2, 2, 2, 3, 3, 3, -4, -4, -4};
        float[] out = interp.run(TensorValue.ofRaw(interp.inputTensor(0), in)).get(0).dequantized();
        for (int i = 0; i < 12; i++) assertEquals(0.5f * in[i] * new float[] {1, 2, 4}[i % 3], out[i], 1e-6f, "element " + i);
    }

    @Test
    void dequantizedValuesUseEachChannelsScaleForPerAxisValues() {
        TensorValue v = TensorValue.ofRaw("w", QType.INT8, new int[] {2, 1, 1, 2}, dev.edgetpunas.quant.params.QuantParams.perAxis(
                new float[] {0.5f, 0.25f}, new int[2], 0), new byte[] {2, -2, 4, -4});
        assertArrayEquals(new float[] {1f, -1f, 1f, -1f}, v.dequantized());
        assertEquals(Optional.empty(), TensorValue.ofFloats("f", new int[] {2}, new float[] {1, 2}).params());
    }
}
