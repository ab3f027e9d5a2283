package dev.edgetpunas.systolic.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void convMacsEqualTheMacsOfItsLoweredGemm() {
        qt().withExamples(2000).forAll(integers().between(1, 200), integers().between(1, 7), integers().between(1, 300), integers().between(1, 3))
                .checkAssert((hw, k, ch, s) -> {
                    ConvWorkload c = ConvWorkload.same(hw, hw + 1, k, k, ch, ch + 5, s);
                    assertEquals(c.macs(), c.toGemm().macs());
                    assertEquals(c.weightBytes(), c.toGemm().weightBytes());
                    assertEquals(c.outputBytes(), c.toGemm().outputBytes());
                    // reads each input activation at most once per pass, and never more than im2col would
                    assertTrue(c.uniqueInputBytesPerPass() <= c.inputBytes());
                    assertTrue(c.uniqueInputBytesPerPass() <= c.toGemm().inputBytes());
                });
    }

    @Test
    void outputSizesFollowScaleSimSameAndValid() {
        assertEquals(56, ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1).outH());
        assertEquals(112, ConvWorkload.scaleSim(229, 229, 7, 7, 3, 64, 2, 2).outW());
        assertEquals(56, ConvWorkload.same(112, 112, 1, 1, 192, 32, 2).outH());
        assertEquals(112, ConvWorkload.same(112, 112, 3, 3, 24, 192, 1).outH());
        assertEquals(110, ConvWorkload.valid(112, 112, 3, 3, 24, 192, 1).outH());
        assertEquals(56, DepthwiseWorkload.same(112, 112, 192, 1, 3, 3, 2).outW());
        assertEquals(56, DepthwiseWorkload.scaleSim(113, 113, 192, 1, 3, 3, 2, 2).outW());
    }

    @Test
    void aStridedPointwiseConvReadsOnlyThePixelsItSamples() {
        ConvWorkload c = ConvWorkload.same(112, 112, 1, 1, 192, 32, 2);
        assertEquals(56L * 56 * 192, c.uniqueInputBytesPerPass());
        ConvWorkload full = ConvWorkload.same(112, 112, 3, 3, 24, 192, 1);
        assertEquals(112L * 112 * 24, full.uniqueInputBytesPerPass());
    }

    @Test
    void depthwiseCountsPerChannelWork() {
        DepthwiseWorkload d = DepthwiseWorkload.same(14, 14, 768, 2, 5, 5, 1);
        assertEquals(14L * 14 * 768 * 2 * 25, d.macs());
        assertEquals(25L * 768 * 2, d.weightBytes());
        assertEquals(14L * 14 * 768 * 2, d.outputBytes());
        assertEquals(14L * 14, d.uniqueInputBytesPerChannel());
    }

    @Test
    void fullyConnectedIsAOneRowGemm() {
        FullyConnected fc = new FullyConnected(1280, 1001);
        assertEquals(new Gemm(1, 1280, 1001), fc.toGemm());
        assertEquals(fc.macs(), fc.toGemm().macs());
    }

    @Test
    void invalidShapesAreRejectedNamingTheField() {
        assertEquals("k must be > 0, but was 0", assertThrows(IllegalArgumentException.class, () -> new Gemm(1, 0, 1)).getMessage());
        assertEquals("cout must be > 0, but was -3",
                assertThrows(IllegalArgumentException.class, () -> new ConvWorkload(8, 8, 3, 3, 4, -3, 1, 1, 6, 6, 1, 1)).getMessage());
        assertEquals("depthMultiplier must be > 0, but was 0",
                assertThrows(IllegalArgumentException.class, () -> DepthwiseWorkload.same(8, 8, 4, 0, 3, 3, 1)).getMessage());
        assertEquals("opsPerElement must be > 0, but was 0",
                assertThrows(IllegalArgumentException.class, () -> new VectorWorkload(10, 0, 1, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Gemm(Long.MAX_VALUE / 2, 4, 1)).getMessage().contains("overflows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvWorkload.scaleSim(4, 4, 9, 1, 1, 1, 1, 1)).getMessage().startsWith("outH"));
    }
}
