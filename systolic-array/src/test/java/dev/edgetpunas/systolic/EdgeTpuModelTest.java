package dev.edgetpunas.systolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import dev.edgetpunas.systolic.workload.Workload;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class EdgeTpuModelTest {
    private static final ArrayConfig WS64 = ArrayConfig.edgeTpu();
    private static final EdgeTpuParams UNLIMITED = EdgeTpuParams.unlimitedBandwidth();
    private static final ConvWorkload EXAMPLE_1X1 = ConvWorkload.scaleSim(64, 64, 1, 1, 64, 64, 1, 1);
    private static final ConvWorkload EXAMPLE_3X3 = ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1);

    private static EdgeTpuModel model(EdgeTpuParams p) {
        return new EdgeTpuModel(WS64, p);
    }

    @Test
    void aSingleFullFoldCostsWhatScaleSimCounts() {
        // one fold: nothing to overlap; load 64 + stream 4096 + drain 126 - 1
        assertEquals(4285, model(UNLIMITED).evaluate(EXAMPLE_1X1).cycles());
        assertEquals(4285, model(EdgeTpuParams.defaults()).evaluate(EXAMPLE_1X1).cycles());
    }

    @Test
    void doubleBufferingHidesEveryWeightLoadButTheFirstOnTheWorkedExample() {
        // 9 folds of T = 3136: SCALE-Sim 29,933; overlapped: 64 + 9 * 3136 + 126 - 1 = 28,413
        LayerResult db = model(UNLIMITED).evaluate(EXAMPLE_3X3);
        LayerResult serial = model(UNLIMITED.withDoubleBufferedWeights(false)).evaluate(EXAMPLE_3X3);
        assertEquals(28_413, db.cycles());
        assertEquals(29_933, serial.cycles());   // full folds, no overlap: SCALE-Sim's own count
        assertEquals(0, db.stallCycles());
        assertEquals(9, db.folds());
        LayerResult defaults = model(EdgeTpuParams.defaults()).evaluate(EXAMPLE_3X3);   // 128 B/cycle of SRAM is enough here
        assertEquals(28_413, defaults.cycles());
        assertEquals(0, defaults.stallCycles());
    }

    @Test
    void partialFoldsShiftOnlyTheRowsTheyUse() {
        // K = 80 on 64 rows: a 64-row fold and a 16-row fold; N = 10 columns
        Gemm g = new Gemm(50, 80, 10);
        LayerResult serial = model(UNLIMITED.withDoubleBufferedWeights(false)).evaluate(g);
        assertEquals((64 + 50 + 64 + 10 - 2) + (16 + 50 + 16 + 10 - 2) - 1, serial.cycles());
        LayerResult db = model(UNLIMITED).evaluate(g);
        // first load 64, stream 50 while loading 16 rows, stream 50, drain 64 + 10 - 2
        assertEquals(64 + 50 + 50 + 72 - 1, db.cycles());
        assertTrue(serial.cycles() < new ScaleSimModel(WS64).evaluate(g).cycles());
    }

    @Test
    void fullyConnectedIsBoundByWeightLoadsEvenWithUnlimitedBandwidth() {
        // T = 1: each fold streams one row while the next 64-row weight tile shifts in
        LayerResult r = model(UNLIMITED).evaluate(new FullyConnected(1280, 1001));
        assertEquals(20 * 16, r.folds());
        assertEquals(64 + 319 * 64 + 1 + (64 + 64 - 2) - 1, r.cycles());
        assertEquals(0, r.stallCycles());
    }

    @Test
    void streamedWeightsStallOnASlowLink() {
        FullyConnected fc = new FullyConnected(1280, 1001);
        LayerResult cached = model(EdgeTpuParams.defaults()).evaluate(fc, Placement.ON_CHIP);
        LayerResult streamed = model(EdgeTpuParams.defaults()).evaluate(fc, new Placement(false, true, true));
        assertEquals(fc.weightBytes(), streamed.linkBytesRead());
        assertEquals(16L * fc.inputs(), streamed.sramBytesRead());   // the one input row, re-streamed per N tile
        // 1,281,280 bytes at 0.84 B/cycle is at least 1.525M cycles
        assertTrue(streamed.cycles() >= (long) Math.ceil(fc.weightBytes() / 0.84), () -> streamed.toString());
        assertTrue(streamed.stallCycles() > streamed.cycles() * 0.9, () -> streamed.toString());
        assertTrue(cached.cycles() < streamed.cycles() / 50);
    }

    @Test
    void bytesPerLevelFollowThePlacement() {
        ConvWorkload c = ConvWorkload.same(56, 56, 3, 3, 32, 200, 1);   // N = 200: 4 N tiles
        LayerResult on = model(EdgeTpuParams.defaults()).evaluate(c, Placement.ON_CHIP);
        long inputPerPass = c.uniqueInputBytesPerPass();
        assertEquals(56L * 56 * 32, inputPerPass);   // SAME 3x3 stride 1 covers the whole input
        assertEquals(c.weightBytes() + 4 * inputPerPass, on.sramBytesRead());
        assertEquals(c.outputBytes(), on.sramBytesWritten());
        assertEquals(0, on.linkBytes());
        LayerResult off = model(EdgeTpuParams.defaults()).evaluate(c, Placement.OFF_CHIP);
        assertEquals(on.sramBytesRead(), off.linkBytesRead());
        assertEquals(on.sramBytesWritten(), off.linkBytesWritten());
        assertEquals(0, off.sramBytes());
        LayerResult im2col = model(EdgeTpuParams.defaults().withConvInputReuse(false)).evaluate(c, Placement.ON_CHIP);
        assertEquals(c.weightBytes() + 4 * c.streamedRows() * c.reductionDepth(), im2col.sramBytesRead());
    }

    @Test
    void blockDiagonalDepthwisePacksSevenThreeByThreeChannelsPerFoldOn64x64() {
        DepthwiseWorkload dw = DepthwiseWorkload.same(112, 112, 192, 1, 3, 3, 2);
        LayerResult r = model(UNLIMITED).evaluate(dw);
        assertEquals(28, r.folds());   // ceil(192 / 7)
        // 27 folds of 7 channels, one of 3: useful MACs over folds * R * C * T
        assertEquals(dw.macs() / (28.0 * 4096 * 56 * 56), r.mappingEfficiency(), 1e-12);
        assertEquals(63.0 / 4096, 7 * 9.0 / 4096, 0);   // about 1.5% per full fold
        assertEquals(dw.weightBytes(), r.sramBytesRead() - dw.inputBytes() + (dw.inputBytes() - 192L * dw.uniqueInputBytesPerChannel()));
    }

    @Test
    void channelSerialDepthwiseUsesOneFoldPerChannel() {
        DepthwiseWorkload dw = DepthwiseWorkload.same(14, 14, 768, 1, 5, 5, 1);
        LayerResult r = model(UNLIMITED.withDepthwiseMapping(DepthwiseMapping.CHANNEL_SERIAL)).evaluate(dw);
        assertEquals(768, r.folds());
        assertEquals(25.0 / 4096, r.mappingEfficiency(), 1e-12);
        // T = 196 > 25-row shifts: every fold streams, first load 25, drain 25 + 1 - 2
        assertEquals(25 + 768 * 196 + 24 - 1, r.cycles());
        LayerResult bd = model(UNLIMITED).evaluate(dw);
        assertEquals(384, bd.folds());   // floor(64 / 25) = 2 channels per fold
        assertTrue(bd.cycles() < r.cycles());
    }

    @Test
    void vectorDepthwiseRunsAtTheVectorThroughput() {
        DepthwiseWorkload dw = DepthwiseWorkload.same(14, 14, 768, 1, 5, 5, 1);
        LayerResult r = model(UNLIMITED.withDepthwiseMapping(DepthwiseMapping.VECTOR).withVectorElementsPerCycle(64)).evaluate(dw);
        assertEquals(ExecutionUnit.VECTOR, r.unit());
        assertEquals((dw.macs() + 63) / 64, r.cycles());
        assertEquals(0, r.folds());
        assertEquals(dw.macs(), r.macs());
        assertEquals(dw.macs() / (r.cycles() * 64.0), r.overallUtilization(), 1e-12);
    }

    @Test
    void vectorWorkStallsWhenItsBytesExceedTheLink() {
        VectorWorkload add = new VectorWorkload(100_000, 1, 200_000, 100_000);
        LayerResult on = model(EdgeTpuParams.defaults()).evaluate(add, Placement.ON_CHIP);
        assertEquals((long) Math.ceil(300_000 / 128.0), on.cycles());   // SRAM-bound: 2344 > 100000/64 = 1563
        LayerResult off = model(EdgeTpuParams.defaults()).evaluate(add, Placement.OFF_CHIP);
        assertEquals((long) Math.ceil(300_000 / 0.84), off.cycles());
        assertEquals(off.cycles() - 1563, off.stallCycles());
        assertEquals(300_000, off.linkBytes());
    }

    @Test
    void rejectsOutputAndInputStationaryArraysNamingTheDataflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EdgeTpuModel(WS64.withDataflow(Dataflow.OS), EdgeTpuParams.defaults()));
        assertTrue(e.getMessage().contains("OS"), e.getMessage());
    }

    // ---- properties -------------------------------------------------------------------------------

    private static Gen<EdgeTpuParams> params() {
        return params(integers().between(0, 2).map(i -> DepthwiseMapping.values()[i]));
    }

    /** Parameters with the depthwise mapping drawn from {@code mapping} (no assumption filtering, so
     *  a loaded machine never makes QuickTheories give up). */
    private static Gen<EdgeTpuParams> params(Gen<DepthwiseMapping> mapping) {
        Gen<Double> bw = doubles().between(0.05, 512);
        return in -> new EdgeTpuParams(booleans().all().generate(in), bw.generate(in), bw.generate(in),
                doubles().between(1, 512).generate(in), mapping.generate(in), integers().between(0, 3).generate(in) == 0 ? 5 : 0,
                booleans().all().generate(in));
    }

    private static Gen<ArrayConfig> wsArrays() {
        return Generators.arrays(Dataflow.WS);
    }

    @Test
    void closedFormEqualsTheFoldByFoldSum() {
        qt().withExamples(3000).withShrinkCycles(200).forAll(wsArrays(), params(integers().between(0, 1).map(i -> i == 0 ? DepthwiseMapping.BLOCK_DIAGONAL : DepthwiseMapping.CHANNEL_SERIAL)),
                        Generators.smallArrayWorkloads(), Generators.placements())
                .checkAssert((a, p, w, pl) -> {
                    LayerResult r = new EdgeTpuModel(a, p).evaluate(w, pl);
                    FoldByFoldOracle o = new FoldByFoldOracle(a, p, w, pl);
                    assertEquals(o.folds, r.folds(), "folds");
                    assertEquals(o.cycles, r.cycles(), "cycles");
                    assertEquals(o.stall, r.stallCycles(), "stalls");
                });
    }

    @Test
    void withUnlimitedBandwidthEdgeTpuModeIsNeverSlowerThanScaleSimMode() {
        Gen<EdgeTpuParams> unlimited = booleans().all().zip(integers().between(0, 1), booleans().all(),
                (db, m, reuse) -> UNLIMITED.withDoubleBufferedWeights(db).withDepthwiseMapping(DepthwiseMapping.values()[m]).withConvInputReuse(reuse));
        qt().withExamples(3000).withShrinkCycles(200).forAll(wsArrays(), unlimited, Generators.arrayWorkloads(), Generators.placements())
                .checkAssert((a, p, w, pl) -> {
                    LayerResult edge = new EdgeTpuModel(a, p).evaluate(w, pl);
                    LayerResult scale = new ScaleSimModel(a).evaluate(w);
                    // SCALE-Sim counts "-1" once per layer and splits a depthwise layer into one layer per
                    // channel; this mode counts the depthwise layer as one layer, so it may be up to
                    // channels - 1 of those counting cycles behind (e.g. full channel-serial folds, no overlap)
                    long countingSlack = w instanceof DepthwiseWorkload ? ((DepthwiseWorkload) w).channels() - 1 : 0;
                    assertTrue(edge.cycles() <= scale.cycles() + countingSlack, () -> edge.cycles() + " > " + scale.cycles() + " for " + w);
                    assertEquals(0, edge.stallCycles());
                });
    }

    @Test
    void moreBandwidthNeverAddsStallCyclesOrCycles() {
        Gen<Double> factor = doubles().between(1, 64);
        qt().withExamples(3000).withShrinkCycles(200).forAll(wsArrays(), params(), Generators.arrayWorkloads().mix(vectorWork(), 15), factor.zip(factor, (x, y) -> new double[] {x, y}))
                .checkAssert((a, p, w, f) -> {
                    Placement pl = new Placement(f[0] > 20, f[1] > 10, f[0] + f[1] > 30);
                    LayerResult slow = new EdgeTpuModel(a, p).evaluate(w, pl);
                    EdgeTpuParams faster = p.withSramBandwidthBytesPerCycle(p.sramBandwidthBytesPerCycle() * f[0])
                            .withLinkBandwidthBytesPerCycle(p.linkBandwidthBytesPerCycle() * f[1]);
                    LayerResult fast = new EdgeTpuModel(a, faster).evaluate(w, pl);
                    assertTrue(fast.stallCycles() <= slow.stallCycles(), () -> fast + " vs " + slow);
                    assertTrue(fast.cycles() <= slow.cycles(), () -> fast + " vs " + slow);
                    LayerResult unlimited = new EdgeTpuModel(a, p.withSramBandwidthBytesPerCycle(Double.POSITIVE_INFINITY)
                            .withLinkBandwidthBytesPerCycle(Double.POSITIVE_INFINITY)).evaluate(w, pl);
                    assertEquals(0, unlimited.stallCycles());
                });
    }

    private static Gen<Workload> vectorWork() {
        return integers().between(1, 1_000_000).zip(integers().between(1, 25), integers().between(0, 3_000_000),
                (e, ops, bytes) -> (Workload) new VectorWorkload(e, ops, bytes, e));
    }

    @Test
    void cyclesAreAtLeastWorkOverPeakOfTheUnitAndUtilizationIsAPositiveFraction() {
        qt().withExamples(3000).withShrinkCycles(200).forAll(wsArrays(), params(), Generators.arrayWorkloads(), Generators.placements())
                .checkAssert((a, p, w, pl) -> {
                    LayerResult r = new EdgeTpuModel(a, p).evaluate(w, pl);
                    if (r.unit() == ExecutionUnit.ARRAY) {
                        assertTrue(r.cycles() >= -Math.floorDiv(-w.macs(), a.peakMacsPerCycle()), () -> r + " for " + w);
                    } else {   // depthwise mapped to the vector path: bounded by its own lanes
                        assertTrue(r.cycles() >= Math.ceil(w.macs() / p.vectorElementsPerCycle()), () -> r + " for " + w);
                    }
                    assertTrue(r.overallUtilization() > 0 && r.overallUtilization() <= 1, () -> r.toString());
                    assertTrue(r.mappingEfficiency() > 0 && r.mappingEfficiency() <= 1, () -> r.toString());
                    assertEquals(w.macs(), r.macs());
                    assertTrue(r.stallCycles() >= 0 && r.stallCycles() < r.cycles());
                });
    }

    @Test
    void everyWeightAndOutputByteIsMovedExactlyOnce() {
        qt().withExamples(2000).withShrinkCycles(200).forAll(wsArrays(), params(), Generators.arrayWorkloads(), Generators.placements())
                .checkAssert((a, p, w, pl) -> {
                    LayerResult r = new EdgeTpuModel(a, p).evaluate(w, pl);
                    assertEquals(w.outputBytes(), r.sramBytesWritten() + r.linkBytesWritten());
                    long weightsRead = r.sramBytesRead() + r.linkBytesRead() - (pl.inputOnChip() ? r.sramBytesRead() - (pl.weightsOnChip() ? w.weightBytes() : 0)
                            : r.linkBytesRead() - (pl.weightsOnChip() ? 0 : w.weightBytes()));
                    assertEquals(w.weightBytes(), weightsRead);
                    // inputs: at least once, never more than the im2col stream per N tile
                    long inputRead = r.sramBytesRead() + r.linkBytesRead() - w.weightBytes();
                    assertTrue(inputRead > 0 && inputRead <= w.macs(), () -> inputRead + " for " + w);
                });
    }
}
