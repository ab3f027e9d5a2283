package dev.edgetpunas.compiler.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.compile.internal.Partitioner;
import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EdgeTpuCompilerTest {
    private static final CompilerOptions V2 = CompilerOptions.defaults(CompilerVersion.V2_0);
    private static final CompilerOptions V16 = CompilerOptions.defaults(CompilerVersion.V16_0);

    private static Graph zoo(String name) {
        return Deploy.apply(ModelZoo.build(name));
    }

    @Test
    void efficientNetB0Under2019FallsBackAtTheFirstSwishMulAndEverythingAfterRunsOnTheCpu() {
        Graph g = zoo("efficientnet-b0");
        CompileResult r = EdgeTpuCompiler.compile(g, V2);
        int firstCpu = -1;
        for (OpPlacement p : r.ops()) if (firstCpu < 0 && p.where() == Where.CPU) firstCpu = p.index();
        int firstMul = g.opsOfKind(OpKind.MUL).get(0);
        assertEquals(firstMul, firstCpu, "the first CPU op is the first MUL (the stem's swish)");
        Op mul = g.op(firstCpu);
        assertEquals(OpKind.LOGISTIC, g.op(g.producer(mul.inputs().get(1))).kind(), "it is swish's x * sigmoid(x)");
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, r.op(firstCpu).status());
        for (int i = 0; i < firstCpu; i++) assertEquals(Where.TPU, r.op(i).where(), "op " + i + " before the swish MUL maps");
        for (int i = firstCpu; i < g.opCount(); i++) assertEquals(Where.CPU, r.op(i).where(), "op " + i + " after it runs on the CPU");
        // later ops that would map say so
        assertEquals(OpStatus.MORE_THAN_ONE_SUBGRAPH, r.op(firstCpu + 1).status());
        assertTrue(r.op(firstCpu + 1).reason().contains("op " + firstCpu + " (MUL)"), r.op(firstCpu + 1).reason());
        assertEquals(1, r.tpuSegmentCount());
        assertEquals(List.of(Where.TPU, Where.CPU), r.segments().stream().map(Segment::where).toList());
        assertEquals(1, r.assumptions().size());
        assertTrue(r.assumptions().get(0).contains("modelling assumption"), r.assumptions().get(0));
    }

    @Test
    void efficientNetB0Under16MapsSwishAndSqueezeExcitation() {
        Graph g = zoo("efficientnet-b0");
        CompileResult r = EdgeTpuCompiler.compile(g, V16);
        assertEquals(g.opCount(), r.tpuOpCount(), () -> "not mapped: " + r.ops().stream().filter(p -> p.where() == Where.CPU).toList());
        assertEquals(1, r.segments().size());
        assertTrue(r.assumptions().isEmpty());
        assertTrue(g.opsOfKind(OpKind.MEAN).size() > 16 && g.opsOfKind(OpKind.LOGISTIC).size() > 16, "B0 has SE and swish");
    }

    static Stream<Arguments> fullyMappedModels() {
        List<Arguments> out = new ArrayList<>();
        List<Supplier<Graph>> models = List.of(() -> zoo("efficientnet-edgetpu-s"), () -> zoo("efficientnet-edgetpu-m"),
                () -> zoo("efficientnet-edgetpu-l"), () -> TestModels.zooOr("mobilenet-v1", TestModels::mobileNetV1Training),
                () -> TestModels.zooOr("mobilenet-v2", TestModels::mobileNetV2Training));
        List<String> names = List.of("efficientnet-edgetpu-s", "efficientnet-edgetpu-m", "efficientnet-edgetpu-l", "mobilenet-v1", "mobilenet-v2");
        for (CompilerVersion v : CompilerVersion.values()) {
            for (int i = 0; i < models.size(); i++) out.add(Arguments.of(names.get(i), v, models.get(i)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("fullyMappedModels")
    void edgeTpuFamilyAndMobileNetsMapEntirely(String name, CompilerVersion v, Supplier<Graph> model) {
        Graph g = model.get();
        CompileResult r = EdgeTpuCompiler.compile(g, CompilerOptions.defaults(v));
        assertEquals(g.opCount(), r.tpuOpCount(), () -> name + ": " + r.ops().stream().filter(p -> p.where() == Where.CPU).toList());
        assertEquals(1, r.segments().size());
        assertEquals(g.paramBytes(), r.onchipUsedBytes() + r.offchipStreamedBytes());
    }

    @Test
    void cpuOpsAtTheInputStayAheadOfTheSegment() {
        Net n = new Net();
        int x = n.input("image", DType.FLOAT32, 1, 8, 8, 3);
        int q = n.unary("quantize", x, (i, o) -> new Op.Quantize(List.of(i), List.of(o)));
        n.tensors.set(q, n.tensors.get(q).withDType(DType.INT8));
        int a = n.conv1x1("a", q, 16);
        int b = n.conv1x1("b", a, 4);
        CompileResult r = EdgeTpuCompiler.compile(n.build("quantize-at-input", b), V16);
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE, r.op(0).status());
        assertTrue(r.op(0).reason().contains("FLOAT32"), r.op(0).reason());
        assertEquals(Where.TPU, r.op(1).where());
        assertEquals(Where.TPU, r.op(2).where());
        assertEquals(2, r.segments().size());
        assertEquals(Where.CPU, r.segments().get(0).where());
        assertEquals(List.of(q), r.segments().get(1).inputTensors(), "the segment reads the quantized image");
    }

    @Test
    void quantizeBetweenInt8AndUint8MapsUnder16ButNotUnder2019() {
        Net n = new Net();
        int x = n.input("image", DType.UINT8, 1, 8, 8, 3);
        int q = n.unary("to_int8", x, (i, o) -> new Op.Quantize(List.of(i), List.of(o)));
        n.tensors.set(q, n.tensors.get(q).withDType(DType.INT8));
        int a = n.conv1x1("a", q, 16);
        int y = n.unary("to_uint8", a, (i, o) -> new Op.Quantize(List.of(i), List.of(o)));
        n.tensors.set(y, n.tensors.get(y).withDType(DType.UINT8));
        Graph g = n.build("requantize", y);
        assertEquals(3, EdgeTpuCompiler.compile(g, V16).tpuOpCount());
        CompileResult old = EdgeTpuCompiler.compile(g, V2);
        assertEquals(List.of(Where.CPU, Where.TPU, Where.CPU), old.ops().stream().map(OpPlacement::where).toList());
        assertEquals(OpStatus.NOT_SUPPORTED, old.op(0).status());
        assertEquals(OpStatus.NOT_SUPPORTED, old.op(2).status(), "the output QUANTIZE falls back with its own status");
        assertEquals(List.of(Where.CPU, Where.TPU, Where.CPU), old.segments().stream().map(Segment::where).toList());
    }

    /** DeepLab's head: the image-pooling branch's RESIZE_BILINEAR 1x1 -> 33x33 does not map; the ASPP conv, fed by the segment, still does. */
    @Test
    void branchesFedOnlyByTheSegmentStillMapAfterACpuOp() {
        Net n = new Net();
        int x = n.input("features", DType.UINT8, 1, 33, 33, 16);
        int f = n.conv1x1("backbone", x, 32);                                                          // 0
        int pooled = n.tensor("avgpool", DType.UINT8, 1, 1, 1, 32);
        n.op(new Op.AveragePool2D(List.of(f), List.of(pooled), Padding.VALID, 1, 1, 33, 33, Activation.NONE)); // 1
        int ip = n.conv1x1("image_pooling", pooled, 8);                                               // 2
        int size = n.ints("size", 33, 33);
        int up = n.tensor("resize", DType.UINT8, 1, 33, 33, 8);
        n.op(new Op.ResizeBilinear(List.of(ip, size), List.of(up), true, false));                      // 3: CPU
        int aspp = n.conv1x1("aspp0", f, 8);                                                           // 4: still maps
        int cat = n.tensor("concat", DType.UINT8, 1, 33, 33, 16);
        n.op(new Op.Concatenation(List.of(up, aspp), List.of(cat), 3, Activation.NONE));               // 5
        int out = n.conv1x1("projection", cat, 21);                                                    // 6
        CompileResult r = EdgeTpuCompiler.compile(n.build("deeplab-head", out), V16);
        assertEquals(List.of(Where.TPU, Where.TPU, Where.TPU, Where.CPU, Where.TPU, Where.CPU, Where.CPU),
                r.ops().stream().map(OpPlacement::where).toList());
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, r.op(3).status());
        assertTrue(r.op(3).reason().contains("1x1 to 33x33"), r.op(3).reason());
        assertEquals(OpStatus.MORE_THAN_ONE_SUBGRAPH, r.op(5).status());
        assertEquals(OpStatus.MORE_THAN_ONE_SUBGRAPH, r.op(6).status());
        Segment tpu = r.segments().get(0);
        assertEquals(List.of(0, 1, 2, 4), tpu.ops());
        assertEquals(List.of(ip, aspp), tpu.outputTensors(), "like the real compiled DeepLab: two outputs leave the segment");
        assertEquals(List.of(3, 5, 6), r.segments().get(1).ops());
    }

    private static Graph chainWithHardSwish() {
        Net n = new Net();
        int x = n.input("x", DType.INT8, 1, 8, 8, 8);
        for (int i = 0; i < 3; i++) {
            x = n.conv1x1("conv" + i, x, 8);
            if (i < 2) x = n.unary("hswish" + i, x, (a, b) -> new Op.HardSwish(List.of(a), List.of(b)));
        }
        return n.build("chain", x);
    }

    @Test
    void multipleSubgraphsMapEveryMappableOp() {
        Graph g = chainWithHardSwish();
        CompileResult one = EdgeTpuCompiler.compile(g, V16);
        assertEquals(1, one.tpuOpCount());
        assertEquals(OpStatus.NOT_SUPPORTED, one.op(1).status());
        assertEquals(OpStatus.MORE_THAN_ONE_SUBGRAPH, one.op(2).status());
        CompileResult many = EdgeTpuCompiler.compile(g, V16.withMultipleSubgraphs(true));
        assertEquals(3, many.tpuOpCount());
        assertEquals(3, many.tpuSegmentCount());
        assertEquals(List.of(Where.TPU, Where.CPU, Where.TPU, Where.CPU, Where.TPU), many.segments().stream().map(Segment::where).toList());
        assertEquals(OpStatus.MAPPED, many.op(2).status());
    }

    /** The keras_lstm_mnist_ptq model's structure: all of it maps under 16 (the int16 cell state included). */
    private static Graph lstmModel() {
        Net n = new Net();
        int x = n.input("x", DType.UINT8, 1, 28, 28);
        int q = n.unary("quantize", x, (i, o) -> new Op.Quantize(List.of(i), List.of(o)));
        n.tensors.set(q, n.tensors.get(q).withDType(DType.INT8));
        List<Integer> in = new ArrayList<>(List.of(q));
        for (int k = 0; k < 4; k++) in.add(n.constant("w_in" + k, DType.INT8, 20, 28));
        for (int k = 0; k < 4; k++) in.add(n.constant("w_rec" + k, DType.INT8, 20, 20));
        in.addAll(List.of(-1, -1, -1));
        for (int k = 0; k < 4; k++) in.add(n.constant("bias" + k, DType.INT32, 20));
        in.addAll(List.of(-1, -1));
        in.add(n.input("hidden_state", DType.INT8, 1, 20));
        in.add(n.input("cell_state", DType.INT16, 1, 20));
        int h = n.tensor("lstm", DType.INT8, 1, 28, 20);
        n.op(new Op.UnidirectionalSequenceLstm(in, List.of(h), Activation.TANH, 10f, 0f, false));
        int shape = n.ints("shape", 1, 560);
        int flat = n.tensor("flatten", DType.INT8, 1, 560);
        n.op(new Op.Reshape(List.of(h, shape), List.of(flat)));
        int w = n.constant("fc/w", DType.INT8, 10, 560);
        int b = n.constant("fc/b", DType.INT32, 10);
        int logits = n.tensor("fc", DType.INT8, 1, 10);
        n.op(new Op.FullyConnected(List.of(flat, w, b), List.of(logits), Activation.NONE, false));
        int sm = n.unary("softmax", logits, (i, o) -> new Op.Softmax(List.of(i), List.of(o), 1f));
        int y = n.unary("to_uint8", sm, (i, o) -> new Op.Quantize(List.of(i), List.of(o)));
        n.tensors.set(y, n.tensors.get(y).withDType(DType.UINT8));
        return n.build("keras-lstm-mnist", y);
    }

    @Test
    void lstmModelMapsUnder16WithItsInt16CellState() {
        Graph g = lstmModel();
        CompileResult r = EdgeTpuCompiler.compile(g, V16);
        assertEquals(g.opCount(), r.tpuOpCount(), () -> r.ops().toString());
        CompileResult old = EdgeTpuCompiler.compile(g, V2);
        // 2019: no QUANTIZE, no LSTM; both sit at the input, so the reshape, FC and softmax still map
        assertEquals(List.of(Where.CPU, Where.CPU, Where.TPU, Where.TPU, Where.TPU, Where.CPU),
                old.ops().stream().map(OpPlacement::where).toList());
        assertEquals(OpStatus.NOT_SUPPORTED, old.op(0).status());
        // the type check comes first: 2.0's common rule knows no int16 (16.0's LSTM rule allows it)
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE, old.op(1).status());
        assertTrue(old.op(1).reason().contains("INT16"), old.op(1).reason());
    }

    @Test
    void coCompiledModelsShareTheCacheFirstModelFirst() {
        Graph v1 = TestModels.zooOr("mobilenet-v1", TestModels::mobileNetV1Training);
        Graph v2 = TestModels.zooOr("mobilenet-v2", TestModels::mobileNetV2Training);
        List<CompileResult> rs = EdgeTpuCompiler.coCompile(List.of(v1, v2), V16);
        CompileResult a = rs.get(0), b = rs.get(1);
        assertEquals(a.totalBudgetBytes(), a.budgetBytes(), "the first model has the whole cache");
        assertEquals(v1.paramBytes(), a.onchipUsedBytes(), "MobileNet v1 fits");
        assertEquals(a.onchipRemainingBytes(), b.budgetBytes(), "the second model gets what the first left");
        assertEquals(a.totalBudgetBytes() - a.onchipUsedBytes() - b.onchipUsedBytes(), b.onchipRemainingBytes());
        assertTrue(b.offchipStreamedBytes() > 0, "together they exceed the cache");
        CompileResult alone = EdgeTpuCompiler.compile(v2, V16);
        assertTrue(alone.onchipUsedBytes() > b.onchipUsedBytes(), "compiled alone, v2 caches more");
        assertEquals(Math.max(EdgeTpuCompiler.compile(v1, V16).peakActivationBytes(), alone.peakActivationBytes()), a.peakActivationBytes(),
                "the reserve uses the larger peak of the two");
    }

    private static Graph threeConvs() {
        Net n = new Net();
        int x = n.input("x", DType.INT8, 1, 4, 4, 10);
        x = n.conv1x1("a", x, 10);     // 100 B weights + 40 B bias
        x = n.conv1x1("b", x, 100);    // 1000 B + 400 B
        x = n.conv1x1("c", x, 1);      // 100 B + 4 B
        return n.build("three-convs", x);
    }

    @Test
    void prefixStopsAtTheFirstTensorThatDoesNotFitWhileFirstFitSkipsIt() {
        Graph g = threeConvs();
        CompilerOptions o = V16.withSramBytes(600).withReserve(0, 0);
        CompileResult prefix = EdgeTpuCompiler.compile(g, o.withPlacement(Placement.PREFIX));
        assertEquals(140, prefix.onchipUsedBytes());
        assertEquals(1504, prefix.offchipStreamedBytes());
        assertEquals(460, prefix.onchipRemainingBytes());
        CompileResult firstFit = EdgeTpuCompiler.compile(g, o.withPlacement(Placement.FIRST_FIT));
        assertEquals(140 + 400 + 4, firstFit.onchipUsedBytes());
        assertEquals(1000 + 100, firstFit.offchipStreamedBytes());
        assertEquals(List.of(140L, 400L, 4L), firstFit.ops().stream().map(OpPlacement::cachedParamBytes).toList());
        assertEquals(List.of(0L, 1000L, 100L), firstFit.ops().stream().map(OpPlacement::streamedParamBytes).toList());
    }

    @Test
    void budgetIsSramMinusFixedReserveMinusFactorTimesPeakActivations() {
        Graph g = zoo("efficientnet-edgetpu-s");
        CompilerOptions o = V16.withReserve(123_456, 0.5);
        CompileResult r = EdgeTpuCompiler.compile(g, o);
        assertEquals(g.peakLiveActivationBytes(), r.peakActivationBytes(), "one segment with every op: the graph's own peak");
        assertEquals(123_456 + (long) Math.ceil(0.5 * r.peakActivationBytes()), r.reserveBytes());
        assertEquals(o.sramBytes() - r.reserveBytes(), r.budgetBytes());
        assertEquals(r.budgetBytes(), r.onchipUsedBytes() + r.onchipRemainingBytes());
        CompileResult none = EdgeTpuCompiler.compile(g, o.withSramBytes(100_000));
        assertEquals(0, none.budgetBytes());
        assertEquals(g.paramBytes(), none.offchipStreamedBytes(), "no cache: every parameter is streamed");
    }

    @Test
    void peakActivationsOfASegmentCountOnlyItsOwnTensors() {
        Graph g = zoo("efficientnet-b0");
        CompileResult r = EdgeTpuCompiler.compile(g, V2);
        Segment tpu = r.segments().get(0);
        // stem conv (input 224x224x3, output 112x112x32) then LOGISTIC (another 112x112x32) while the conv output lives on
        long in = 224 * 224 * 3, act = 112 * 112 * 32;
        assertEquals(Math.max(in + act, 2 * act), Partitioner.peakActivationBytes(g, tpu));
        assertEquals(Partitioner.peakActivationBytes(g, tpu), r.peakActivationBytes());
    }

    @ParameterizedTest
    @EnumSource(CompilerVersion.class)
    void compilingIsDeterministicAndTheResultNamesItsOptions(CompilerVersion v) {
        Graph g = zoo("efficientnet-b0");
        CompileResult a = EdgeTpuCompiler.compile(g, CompilerOptions.defaults(v));
        CompileResult b = EdgeTpuCompiler.compile(g, CompilerOptions.defaults(v));
        assertEquals(a, b);
        assertEquals(v, a.options().version());
        assertFalse(a.toString().isEmpty());
    }

    @Test
    void emptyCoCompilationIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeTpuCompiler.coCompile(List.of(), V16));
        assertTrue(e.getMessage().contains("graphs"), e.getMessage());
    }
}
