package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SystolicCommandTest {
    private static final String HEADER = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void scaleSimModePrintsTheWorkedExamplesAsCsv(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ex.csv");
        Files.writeString(f, HEADER + "pw,64,64,1,1,64,64,1,\nconv3,58,58,3,3,64,64,1,\n");
        Run r = run("systolic", "--topology", f.toString(), "--rows", "64", "--cols", "64", "--dataflow", "ws", "--scalesim");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("layer,cycles,stall_cycles,macs,overall_util,mapping_efficiency",
                "pw,4285,0,16777216,0.955893,1.000000",
                "conv3,29933,0,115605504,0.942906,1.000000"), r.lines());
    }

    @Test
    void scaleSimModeSplitsDepthwiseLayersPerChannelAndEdgeTpuModeDoesNot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dw.csv");
        Files.writeString(f, HEADER + "DP1,16,16,3,3,4,4,1,\n");
        Run s = run("systolic", "--topology", f.toString(), "--scalesim");
        assertEquals(5, s.lines().size(), s.out());
        assertTrue(s.lines().get(4).startsWith("DP1_3,"), s.out());
        Run e = run("systolic", "--topology", f.toString(), "--depthwise", "vector", "--bytes");
        assertEquals(2, e.lines().size(), e.out());
        assertTrue(e.lines().get(0).endsWith(",unit"));
        assertTrue(e.lines().get(1).endsWith(",vector"), e.out());
    }

    @Test
    void gemmRowsAreAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.csv");
        Files.writeString(f, "Layer, M, N, K,\nfc,1,1000,2048,\n");
        Run r = run("systolic", "--topology", f.toString(), "--gemm", "--dataflow", "os", "--scalesim");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.lines().get(1).startsWith("fc,"), r.out());
    }

    @Test
    void badRowsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, HEADER + "a,64,64,1,1,64,64,1,\nb,64,64,1,1,64,sixty,1,\n");
        Run r = run("systolic", "--topology", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.csv:3: column 'Num Filter'"), r.err());
    }

    @Test
    void edgeTpuModeRejectsOutputStationaryAndScaleSimRejectsMemoryOptions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ok.csv");
        Files.writeString(f, HEADER + "a,64,64,1,1,64,64,1,\n");
        Run os = run("systolic", "--topology", f.toString(), "--dataflow", "os");
        assertEquals(2, os.code());
        assertTrue(os.err().contains("WS"), os.err());
        Run mix = run("systolic", "--topology", f.toString(), "--scalesim", "--activations", "off-chip");
        assertEquals(2, mix.code());
        assertTrue(mix.err().contains("--activations"), mix.err());
        Run missing = run("systolic", "--topology", dir.resolve("none.csv").toString());
        assertEquals(2, missing.code());
    }

    @Test
    void offChipActivationsAddStallsOverTheLink(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ok.csv");
        Files.writeString(f, HEADER + "a,112,112,1,1,24,192,1,\n");
        String[] on = run("systolic", "--topology", f.toString()).lines().get(1).split(",");
        String[] off = run("systolic", "--topology", f.toString(), "--activations", "off-chip", "--link-mbps", "420").lines().get(1).split(",");
        assertEquals("0", on[2]);
        assertTrue(Long.parseLong(off[2]) > 0);
        assertTrue(Long.parseLong(off[1]) > 10 * Long.parseLong(on[1]));
    }
}
