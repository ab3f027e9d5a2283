package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real .tflite files in {@code ../shared/data/tflite/}: CPU models, their Edge TPU-compiled twins, odd ones. */
class TfliteRealFilesTest {

    static List<Path> realFiles() {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Path dir = SharedData.require("data/tflite");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        return SharedData.require("data/tflite/" + relative);
    }

    static List<String> opNames(Graph g) {
        List<String> out = new ArrayList<>();
        for (Op op : g.ops()) out.add(op.kind() == OpKind.CUSTOM ? "CUSTOM(" + ((Op.Custom) op).customCode() + ")" : op.opName());
        return out;
    }

    /** The op facts of every file, compressed (the table in the module notes comes from here). */
    private static final Map<String, String> OPS = new LinkedHashMap<>();

    /** MobileNet v2's 17 inverted-residual blocks (expansion conv, depthwise, projection, ADD where the shape allows), compressed. */
    private static final String MOBILENET_V2_BODY = "(CONV_2D DEPTHWISE_CONV_2D CONV_2D) x3 ADD (CONV_2D DEPTHWISE_CONV_2D CONV_2D) x2 (ADD CONV_2D DEPTHWISE_CONV_2D CONV_2D) x2 (CONV_2D DEPTHWISE_CONV_2D CONV_2D ADD) x3 (CONV_2D DEPTHWISE_CONV_2D CONV_2D) x2 (ADD CONV_2D DEPTHWISE_CONV_2D CONV_2D) x2 (CONV_2D DEPTHWISE_CONV_2D CONV_2D ADD) x2 ";

    static {
        OPS.put("cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite",
                "CUSTOM(edgetpu-custom-op)");
        OPS.put("deeplabv3_mnv2_dm05_pascal_quant.tflite", MOBILENET_V2_BODY + "CONV_2D DEPTHWISE_CONV_2D CONV_2D AVERAGE_POOL_2D CONV_2D x2"
                + " RESIZE_BILINEAR QUANTIZE CONCATENATION CONV_2D x2 RESIZE_BILINEAR x2 ARG_MAX");
        OPS.put("deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite",
                "CUSTOM(edgetpu-custom-op) RESIZE_BILINEAR QUANTIZE CONCATENATION CONV_2D x2 RESIZE_BILINEAR x2 ARG_MAX");
        OPS.put("invalid_models/model_invoking_error.tflite", "CUSTOM(fake-op-double)");
        OPS.put("keras_lstm_mnist_ptq.tflite", "QUANTIZE UNIDIRECTIONAL_SEQUENCE_LSTM RESHAPE FULLY_CONNECTED SOFTMAX QUANTIZE");
        OPS.put("keras_lstm_mnist_ptq_edgetpu.tflite", "CUSTOM(edgetpu-custom-op)");
        OPS.put("mobilenet_v1_0.25_128_quant.tflite", "(CONV_2D DEPTHWISE_CONV_2D) x13 CONV_2D AVERAGE_POOL_2D CONV_2D RESHAPE SOFTMAX");
        OPS.put("mobilenet_v1_0.25_128_quant_edgetpu.tflite", "CUSTOM(edgetpu-custom-op)");
        OPS.put("mobilenet_v1_0.5_160_quant.tflite", "(CONV_2D DEPTHWISE_CONV_2D) x13 CONV_2D AVERAGE_POOL_2D CONV_2D RESHAPE SOFTMAX");
        OPS.put("mobilenet_v1_0.5_160_quant_edgetpu.tflite", "CUSTOM(edgetpu-custom-op)");
        OPS.put("mobilenet_v2_1.0_224_inat_bird_quant.tflite", MOBILENET_V2_BODY
                + "CONV_2D DEPTHWISE_CONV_2D CONV_2D x2 AVERAGE_POOL_2D FULLY_CONNECTED SOFTMAX");
        OPS.put("mobilenet_v2_1.0_224_quant.tflite", MOBILENET_V2_BODY
                + "CONV_2D DEPTHWISE_CONV_2D CONV_2D x2 AVERAGE_POOL_2D CONV_2D RESHAPE SOFTMAX");
        OPS.put("tools/split_concat.tflite", "CONCATENATION SPLIT CONCATENATION");
        OPS.put("tools/split_concat_edgetpu.tflite", "CUSTOM(edgetpu-custom-op)");
    }

    @Test
    void everyRealFileReadsIntoAValidGraph() {
        List<Path> files = realFiles();
        assertEquals(OPS.size(), files.size(), "files: " + files);
        for (Path f : files) {
            Graph g = TfliteReader.read(f);
            assertTrue(g.opCount() > 0, f.toString());
            assertEquals(TfliteReader.graphName(f.toString()), g.name());
            for (Op op : g.ops()) assertFalse(op.kind() == OpKind.OPAQUE, f + ": " + op.opName() + " should have an IR record");
        }
    }

    @Test
    void everyRealFileReadsBackEqualAfterWriting() {
        for (Path f : realFiles()) {
            Graph g = TfliteReader.read(f);
            assertEquals(g, TfliteReader.read(TfliteWriter.write(g), f.toString()), f.toString());
        }
    }

    @Test
    void opCountsAndShapesMatchTheFiles() {
        Map<String, Integer> counts = Map.ofEntries(
                Map.entry("deeplabv3_mnv2_dm05_pascal_quant.tflite", 72),
                Map.entry("deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite", 9),
                Map.entry("keras_lstm_mnist_ptq.tflite", 6),
                Map.entry("mobilenet_v1_0.25_128_quant.tflite", 31),
                Map.entry("mobilenet_v1_0.5_160_quant.tflite", 31),
                Map.entry("mobilenet_v2_1.0_224_inat_bird_quant.tflite", 65),
                Map.entry("mobilenet_v2_1.0_224_quant.tflite", 66),
                Map.entry("tools/split_concat.tflite", 3));
        counts.forEach((f, n) -> assertEquals(n, TfliteReader.read(file(f)).opCount(), f));
        Graph v1 = TfliteReader.read(file("mobilenet_v1_0.25_128_quant.tflite"));
        assertEquals(Shape.of(1, 128, 128, 3), v1.tensor(v1.inputs().get(0)).shape());
        assertEquals(Shape.of(1, 1001), v1.tensor(v1.outputs().get(0)).shape());
        // the TF-slim table: 0.47M parameters and 14M MACs for MobileNet v1 0.25/128
        assertEquals(0.47e6, v1.paramCount(), 0.01e6);
        assertEquals(14e6, v1.macs(), 0.5e6);
        Graph v2 = TfliteReader.read(file("mobilenet_v2_1.0_224_quant.tflite"));
        assertEquals(3.47e6, v2.paramCount(), 0.03e6);
        assertEquals(300e6, v2.macs(), 3e6);
    }

    @Test
    void quantizationAndDataAreReadAsStored() {
        Graph g = TfliteReader.read(file("mobilenet_v1_0.25_128_quant.tflite"));
        Tensor in = g.tensor(g.inputs().get(0));
        assertEquals(DType.UINT8, in.dtype());
        assertEquals(0.0078125f, in.quantization().orElseThrow().scale(0));
        assertEquals(128, in.quantization().orElseThrow().zeroPoint(0));
        Op.Conv2D stem = (Op.Conv2D) g.op(0);
        Tensor w = g.tensor(stem.filter());
        assertEquals(Shape.of(8, 3, 3, 3), w.shape());
        assertEquals(216, w.data().orElseThrow().size());
        assertEquals(DType.INT32, g.tensor(stem.bias()).dtype());
        assertEquals(2, stem.strideH());
        Graph lstm = TfliteReader.read(file("keras_lstm_mnist_ptq.tflite"));
        // per-tensor int8 weights, int16 cell state as a variable tensor
        assertTrue(lstm.tensor(17).variable() && lstm.tensor(18).variable());
        assertEquals(DType.INT16, lstm.tensor(18).dtype());
        assertEquals(-1, lstm.tensor(17).quantization().orElseThrow().zeroPoint(0));
    }

    @Test
    void optionsAreMappedToTheRecords() {
        Graph d = TfliteReader.read(file("deeplabv3_mnv2_dm05_pascal_quant.tflite"));
        Op.DepthwiseConv2D atrous = (Op.DepthwiseConv2D) d.op(51);
        assertEquals(2, atrous.dilationH());
        assertEquals(2, atrous.dilationW());
        Op.AveragePool2D pool = (Op.AveragePool2D) d.op(61);
        assertEquals(33, pool.filterH());
        Op.ResizeBilinear resize = (Op.ResizeBilinear) d.op(64);
        assertTrue(resize.alignCorners());
        Op.ArgMax argMax = (Op.ArgMax) d.op(71);
        assertEquals(3, argMax.axis());
        assertEquals(DType.INT64, d.tensor(argMax.output()).dtype());
        Op.Split split = (Op.Split) TfliteReader.read(file("tools/split_concat.tflite")).op(1);
        assertEquals(3, split.axis());
        assertEquals(6, split.numSplits());
        Op.UnidirectionalSequenceLstm lstm = (Op.UnidirectionalSequenceLstm) TfliteReader.read(file("keras_lstm_mnist_ptq.tflite")).op(1);
        assertEquals(10f, lstm.cellClip());
        assertFalse(lstm.timeMajor());
        assertEquals(24, lstm.inputs().size());
    }

    @Test
    void compiledFilesHideTheMappedOpsInOneEdgeTpuCustomOp() {
        Map<String, Integer> customOptionsBytes = Map.of(
                "cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite", 778_324,
                "deeplabv3_mnv2_dm05_pascal_quant_edgetpu.tflite", 966_740,
                "keras_lstm_mnist_ptq_edgetpu.tflite", 139_348,
                "mobilenet_v1_0.25_128_quant_edgetpu.tflite", 778_324,
                "mobilenet_v1_0.5_160_quant_edgetpu.tflite", 1_720_404,
                "tools/split_concat_edgetpu.tflite", 57_380);
        customOptionsBytes.forEach((f, size) -> {
            Graph g = TfliteReader.read(file(f));
            List<Integer> tpu = g.opsOfKind(OpKind.CUSTOM);
            assertEquals(1, tpu.size(), f);
            Op.Custom c = (Op.Custom) g.op(tpu.get(0));
            assertTrue(c.isEdgeTpuOp(), f);
            assertEquals(size, c.customOptions().size(), f);
        });
    }

    /**
     * For each CPU / Edge TPU pair, the compiled twin's builtin ops (everything but the
     * edgetpu-custom-op) are exactly the CPU file's last ops, same kinds, same options, same order:
     * the list the compiler model must reproduce.
     */
    @Test
    void compiledTwinsKeepTheCpuFilesTailAsBuiltinOps() {
        Map<String, List<String>> cpuOps = new LinkedHashMap<>();
        cpuOps.put("deeplabv3_mnv2_dm05_pascal_quant", List.of("RESIZE_BILINEAR", "QUANTIZE", "CONCATENATION", "CONV_2D", "CONV_2D",
                "RESIZE_BILINEAR", "RESIZE_BILINEAR", "ARG_MAX"));
        cpuOps.put("keras_lstm_mnist_ptq", List.of());
        cpuOps.put("mobilenet_v1_0.25_128_quant", List.of());
        cpuOps.put("mobilenet_v1_0.5_160_quant", List.of());
        cpuOps.put("tools/split_concat", List.of());
        cpuOps.forEach((name, expected) -> {
            Graph cpu = TfliteReader.read(file(name + ".tflite"));
            Graph compiled = TfliteReader.read(file(name + "_edgetpu.tflite"));
            List<Op> builtins = compiled.ops().stream().filter(op -> !(op instanceof Op.Custom c && c.isEdgeTpuOp())).toList();
            assertEquals(expected, builtins.stream().map(Op::opName).toList(), name);
            List<Op> tail = cpu.ops().subList(cpu.opCount() - builtins.size(), cpu.opCount());
            for (int i = 0; i < builtins.size(); i++) {
                Op b = builtins.get(i), c = tail.get(i);
                assertEquals(c.withIO(b.inputs(), b.outputs()), b, name + " CPU op " + i);
            }
            // the compiled model keeps the CPU model's graph inputs and outputs
            assertEquals(shapes(cpu, cpu.inputs()), shapes(compiled, compiled.inputs()), name);
            assertEquals(new TreeSet<>(shapes(cpu, cpu.outputs())).toString(), new TreeSet<>(shapes(compiled, compiled.outputs())).toString(), name);
        });
    }

    private static List<String> shapes(Graph g, List<Integer> ts) {
        return ts.stream().map(t -> g.tensor(t).shape() + " " + g.tensor(t).dtype()).toList();
    }

    @Test
    void opSequencesAreTheKnownOnes() {
        for (Path f : realFiles()) {
            String rel = SharedData.require("data/tflite").relativize(f).toString().replace('\\', '/');
            String expected = OPS.get(rel);
            assertEquals(expected, OpSequence.compress(opNames(TfliteReader.read(f))), rel);
        }
    }
}
