package dev.edgetpunas.compiler.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The compiler model against what the real edgetpu_compiler (16.0) did to the CPU models in
 * {@code ../shared/data/tflite/}: a compiled twin keeps, outside its {@code edgetpu-custom-op}, exactly
 * the ops that run on the CPU, so the model must put on the CPU the same op kinds in the same order.
 */
class RealCompiledPairsTest {

    static Path file(String name) {
        Path p = SharedData.find("data/tflite/" + name).orElse(null);
        assumeTrue(p != null && Files.exists(p), SharedData.MISSING + " (" + name + ")");
        return p;
    }

    /** The builtin ops an Edge TPU-compiled file still carries, in order. */
    static List<String> cpuOpsOfCompiledTwin(Graph compiled) {
        List<String> out = new ArrayList<>();
        for (Op op : compiled.ops()) {
            if (!(op instanceof Op.Custom c && c.isEdgeTpuOp())) out.add(op.opName());
        }
        return out;
    }

    static List<String> cpuOpsOfModel(CompileResult r) {
        List<String> out = new ArrayList<>();
        for (OpPlacement p : r.ops()) if (p.where() == Where.CPU) out.add(r.graph().op(p.index()).opName());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"deeplabv3_mnv2_dm05_pascal_quant", "keras_lstm_mnist_ptq", "mobilenet_v1_0.25_128_quant",
            "mobilenet_v1_0.5_160_quant", "tools/split_concat"})
    void cpuOpsMatchTheRealCompiledTwin(String name) {
        Graph cpu = TfliteReader.read(file(name + ".tflite"));
        Graph twin = TfliteReader.read(file(name + "_edgetpu.tflite"));
        CompileResult r = EdgeTpuCompiler.compile(cpu, CompilerOptions.defaults(CompilerVersion.V16_0));
        assertEquals(cpuOpsOfCompiledTwin(twin), cpuOpsOfModel(r), name);
        assertEquals(1, r.tpuSegmentCount(), name + ": one Edge TPU segment, as in the twin");
    }

    /** DeepLab: the image-pooling RESIZE_BILINEAR (1x1 -> 33x33) does not map; what depends on it runs on the CPU. */
    @Test
    void deeplabsFirstResizeAndItsDependentsRunOnTheCpu() {
        Graph cpu = TfliteReader.read(file("deeplabv3_mnv2_dm05_pascal_quant.tflite"));
        CompileResult r = EdgeTpuCompiler.compile(cpu, CompilerOptions.defaults(CompilerVersion.V16_0));
        OpPlacement first = r.ops().stream().filter(p -> p.where() == Where.CPU).findFirst().orElseThrow();
        assertEquals("RESIZE_BILINEAR", cpu.op(first.index()).opName());
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, first.status());
        for (OpPlacement p : r.ops()) {
            if (p.index() > first.index() && p.where() == Where.CPU && p.status() != OpStatus.UNSUPPORTED_DATA_TYPE) {
                assertEquals(OpStatus.MORE_THAN_ONE_SUBGRAPH, p.status(), "op " + p.index());
            }
        }
    }

    /** The LSTM model maps entirely, its QUANTIZE ops (float/uint8 <-> int8 at the edges) included. */
    @Test
    void theLstmModelMapsEntirely() {
        Graph cpu = TfliteReader.read(file("keras_lstm_mnist_ptq.tflite"));
        CompileResult r = EdgeTpuCompiler.compile(cpu, CompilerOptions.defaults(CompilerVersion.V16_0));
        assertEquals(0, r.cpuOpCount());
        assertTrue(cpu.ops().stream().anyMatch(op -> op.opName().equals("UNIDIRECTIONAL_SEQUENCE_LSTM")));
    }

    /**
     * Co-compiling the two CPU MobileNets: the real co-compiled file of the first model (0.25/128) has
     * an Edge TPU executable of exactly the same size as the one compiled alone (778,324 bytes of
     * custom options), i.e. the first model's parameter caching did not change. The model predicts the
     * same: the first model gets the cache first and caches all of it, as alone; the second fits too.
     */
    @Test
    void coCompilationKeepsTheFirstModelsParameterSplit() {
        Graph a = TfliteReader.read(file("mobilenet_v1_0.25_128_quant.tflite"));
        Graph b = TfliteReader.read(file("mobilenet_v1_0.5_160_quant.tflite"));
        Graph aAlone = TfliteReader.read(file("mobilenet_v1_0.25_128_quant_edgetpu.tflite"));
        Graph aCo = TfliteReader.read(file("cocompilation/mobilenet_v1_0.25_128_quant_cocompiled_with_mobilenet_v1_0.5_160_quant_edgetpu.tflite"));
        assertEquals(customOptionsBytes(aAlone), customOptionsBytes(aCo), "ground truth: the executable of the first model is unchanged");
        CompilerOptions o = CompilerOptions.defaults(CompilerVersion.V16_0);
        CompileResult alone = EdgeTpuCompiler.compile(a, o);
        List<CompileResult> co = EdgeTpuCompiler.coCompile(List.of(a, b), o);
        assertEquals(alone.onchipUsedBytes(), co.get(0).onchipUsedBytes());
        assertEquals(0, co.get(0).offchipStreamedBytes());
        assertEquals(0, co.get(1).offchipStreamedBytes(), "0.48 + 1.35 MB fit the ~7 MiB budget together");
        assertEquals(co.get(0).onchipRemainingBytes() - co.get(1).onchipUsedBytes(), co.get(1).onchipRemainingBytes());
    }

    private static int customOptionsBytes(Graph g) {
        for (Op op : g.ops()) if (op instanceof Op.Custom c && c.isEdgeTpuOp()) return c.customOptions().size();
        throw new AssertionError("no edgetpu-custom-op in " + g.name());
    }
}
