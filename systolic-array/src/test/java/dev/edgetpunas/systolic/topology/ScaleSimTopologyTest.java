package dev.edgetpunas.systolic.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.Gemm;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleSimTopologyTest {
    private static final String HEADER = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";

    @Test
    void readsRowsWithTrailingCommaHeaderAndMissingStrideWidth(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("net.csv");
        Files.writeString(f, HEADER + "Conv1,229,229,7,7,3,64,2,\n\nConv2, 58, 58, 3, 3, 64, 64, 1, 2,\n");
        List<TopologyLayer> l = ScaleSimTopology.read(f, TopologyFormat.CONV);
        assertEquals(2, l.size());
        assertEquals(new TopologyLayer("Conv1", 229, 229, 7, 7, 3, 64, 2, 2, false, 2), l.get(0));
        assertEquals(2, l.get(1).strideW());
        assertEquals(4, l.get(1).line());
        ConvWorkload c = (ConvWorkload) l.get(0).toWorkload();
        assertEquals(112, c.outH());   // ceil((229 - 7 + 2) / 2)
    }

    @Test
    void aFileWithoutHeaderLosesNoLayer() {
        List<TopologyLayer> l = ScaleSimTopology.parse("x.csv", "Conv1,64,64,1,1,64,64,1,\n", TopologyFormat.CONV);
        assertEquals(1, l.size());
    }

    @Test
    void rowsWithoutTrailingCommaAreAcceptedToo() {
        assertEquals(64, ScaleSimTopology.parse("x.csv", HEADER + "c,64,64,1,1,64,64,1", TopologyFormat.CONV).get(0).numFilters());
    }

    @Test
    void namesContainingDpAreDepthwiseAndSplitPerChannelForScaleSim() {
        TopologyLayer dp = ScaleSimTopology.parse("x.csv", HEADER + "Conv_DP_1,114,114,3,3,32,32,1,\n", TopologyFormat.CONV).get(0);
        assertTrue(dp.depthwise());
        DepthwiseWorkload d = (DepthwiseWorkload) dp.toWorkload();
        assertEquals(32, d.channels());
        assertEquals(1, d.depthMultiplier());
        List<TopologyLayer> split = dp.scaleSimLayers();
        assertEquals(32, split.size());
        assertEquals("Conv_DP_1_0", split.get(0).name());
        assertEquals(1, split.get(31).channels());
        assertEquals(1, split.get(31).numFilters());
        assertFalse(split.get(0).depthwise());
    }

    @Test
    void gemmRowsMapToScaleSimsConvShape() {
        TopologyLayer g = ScaleSimTopology.parse("g.csv", "Layer, M, N, K,\nfc1, 128, 1000, 2048,\n", TopologyFormat.GEMM).get(0);
        assertEquals(new TopologyLayer("fc1", 128, 2048, 1, 2048, 1, 1000, 1, 1, false, 2), g);
        ConvWorkload c = (ConvWorkload) g.toWorkload();
        assertEquals(new Gemm(128, 2048, 1000), c.toGemm());
    }

    @Test
    void badRowsNameFileLineAndColumn() {
        TopologyException e = assertThrows(TopologyException.class,
                () -> ScaleSimTopology.parse("net.csv", HEADER + "a,64,64,1,1,64,64,1,\nb,64,x,1,1,64,64,1,\n", TopologyFormat.CONV));
        assertEquals("net.csv:3: column 'IFMAP Width' must be a positive integer, but was 'x'", e.getMessage());
        assertEquals(3, e.line());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("net.csv", HEADER + "a,64,64,1,1,64,\n", TopologyFormat.CONV));
        assertTrue(e.getMessage().startsWith("net.csv:2: expected 8 or 9 fields"), e.getMessage());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("net.csv", HEADER + "a,6,6,9,9,1,1,1,\n", TopologyFormat.CONV));
        assertTrue(e.getMessage().startsWith("net.csv:2: layer 'a': outH"), e.getMessage());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("net.csv", HEADER + "a,64,64,1,1,0,1,1,\n", TopologyFormat.CONV));
        assertEquals("net.csv:2: column 'Channels' must be > 0, but was 0", e.getMessage());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("net.csv", HEADER + "x_DP,64,64,3,3,32,48,1,\n", TopologyFormat.CONV));
        assertTrue(e.getMessage().contains("multiple of 'Channels'"), e.getMessage());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("g.csv", "L,M,N,K,\nfc,1,2,\n", TopologyFormat.GEMM));
        assertTrue(e.getMessage().startsWith("g.csv:2: expected 4 fields"), e.getMessage());
        e = assertThrows(TopologyException.class, () -> ScaleSimTopology.parse("empty.csv", HEADER, TopologyFormat.CONV));
        assertTrue(e.getMessage().contains("no layers"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnUncheckedIoErrorNamingIt(@TempDir Path dir) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ScaleSimTopology.read(dir.resolve("nope.csv"), TopologyFormat.CONV));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}
