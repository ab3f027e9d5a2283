package dev.edgetpunas.compiler.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileReportTest {
    private static CompileResult compile(String zooName, CompilerVersion v) {
        return EdgeTpuCompiler.compile(Deploy.apply(ModelZoo.build(zooName)), CompilerOptions.defaults(v));
    }

    @Test
    void bytesAreFormattedAsTheCompilerDoes() {
        assertEquals("0.00B", CompileReport.formatBytes(0));
        assertEquals("1023.00B", CompileReport.formatBytes(1023));
        assertEquals("41.75KiB", CompileReport.formatBytes(42_752));
        assertEquals("5.90MiB", CompileReport.formatBytes((long) (5.9 * 1024 * 1024)));
    }

    @Test
    void operatorTableRowsUseTheCompilersColumnWidths() {
        String table = CompileReport.of(compile("efficientnet-b0", CompilerVersion.V2_0)).operatorTable(0);
        List<String> lines = table.lines().toList();
        assertEquals("Operator                       Count      Status", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.contains(String.format("%-31s%-11s%s", "CONV_2D", 1, "Mapped to Edge TPU")), table);
        assertTrue(lines.contains(String.format("%-31s%-11s%s", "MUL", 65, OpStatus.UNSPECIFIED_LIMITATION.text())), table);
        int total = 0;
        for (String l : lines.subList(2, lines.size())) total += Integer.parseInt(l.substring(31, 42).trim());
        assertEquals(238, total, "the counts add up to the ops");
    }

    @Test
    void theFallbackSummaryCountsOpsOnEachSideAndNamesTheAssumption() {
        String text = CompileReport.of(compile("efficientnet-b0", CompilerVersion.V2_0)).console(false);
        assertTrue(text.contains("Number of operations that will run on Edge TPU: 2\nNumber of operations that will run on CPU: 236\n"), text);
        assertTrue(text.contains("Assumption: compiler 2.0 does not map a MUL of two non-constant tensors"), text);
        String mapped = CompileReport.of(compile("efficientnet-b0", CompilerVersion.V16_0)).console(false);
        assertFalse(mapped.contains("Number of operations that will run on CPU"), mapped);
        assertFalse(mapped.contains("Assumption:"), mapped);
    }

    @Test
    void aRealFilesSizeIsUsedAndOnlyTheOutputSizeIsAnEstimate() {
        CompileReport r = CompileReport.of(compile("efficientnet-edgetpu-s", CompilerVersion.V16_0)).withModelFile(0, "/tmp/x/s.tflite", 5_000_000);
        assertEquals("s_edgetpu.tflite", r.outputFileName(0));
        assertEquals("s_edgetpu.log", r.logFileName(0));
        String text = r.console(false);
        assertTrue(text.contains("Input size: 4.77MiB\n"), text);
        assertTrue(text.contains("- Output size is an estimate"), text);
    }

    @Test
    void estimatedInputSizeIsTheParametersPlusTheirPerChannelQuantizationAndTableOverhead() {
        Graph g = Deploy.apply(ModelZoo.build("efficientnet-edgetpu-s"));
        long est = SizeEstimate.tfliteBytes(g);
        long perChannel = 0;
        for (var t : g.tensors()) perChannel += t.quantization().map(q -> 12L * q.count()).orElse(0L);
        assertTrue(est > g.paramBytes() + perChannel && est < (g.paramBytes() + perChannel) * 1.05, est + " vs " + g.paramBytes());
    }

    @Test
    void goldenConsoleOfEfficientNetEdgeTpuSUnder16() {
        Golden.assertMatches("efficientnet-edgetpu-s_16.0_console-s.txt",
                CompileReport.of(compile("efficientnet-edgetpu-s", CompilerVersion.V16_0)).withElapsedMs(4).console(true));
    }

    @Test
    void goldenConsoleAndLogOfEfficientNetB0Under2019() {
        CompileReport r = CompileReport.of(compile("efficientnet-b0", CompilerVersion.V2_0)).withElapsedMs(7);
        Golden.assertMatches("efficientnet-b0_2.0_console-s.txt", r.console(true));
        Golden.assertMatches("efficientnet-b0_2.0_log.txt", r.log(0));
    }

    @Test
    void goldenConsoleOfCoCompiledMobileNets() {
        Graph v1 = TestModels.zooOr("mobilenet-v1", TestModels::mobileNetV1Training);
        Graph v2 = TestModels.zooOr("mobilenet-v2", TestModels::mobileNetV2Training);
        List<CompileResult> rs = EdgeTpuCompiler.coCompile(List.of(v1, v2), CompilerOptions.defaults());
        Golden.assertMatches("cocompile_mobilenet-v1_mobilenet-v2_16.0_console.txt", CompileReport.of(rs).withElapsedMs(11).console(false));
    }
}
