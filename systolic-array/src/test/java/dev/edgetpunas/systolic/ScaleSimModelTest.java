package dev.edgetpunas.systolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaleSimModelTest {
    private static final ArrayConfig WS64 = new ArrayConfig(64, 64, Dataflow.WS, 500);

    @Test
    void reproducesWorkedExampleOneByOneConvAt64x64() {
        // EDGE-TPU-FACTS.md: 64x64 input, 1x1, 64 -> 64 on 64x64 WS: 4,285 cycles, overall util 95.59%
        LayerResult r = new ScaleSimModel(WS64).evaluate(ConvWorkload.scaleSim(64, 64, 1, 1, 64, 64, 1, 1));
        assertEquals(4285, r.cycles());
        assertEquals(95.59, Math.round(r.overallUtilization() * 10000) / 100.0);
        assertEquals(1.0, r.mappingEfficiency());
        assertEquals(0, r.stallCycles());
        assertEquals(64L * 64 * 64 * 64, r.macs());
        assertEquals(1, r.folds());
    }

    @Test
    void reproducesWorkedExampleThreeByThreeConvAt58x58() {
        // EDGE-TPU-FACTS.md: 58x58 input, 3x3, 64 -> 64 on 64x64 WS: 29,933 cycles
        LayerResult r = new ScaleSimModel(WS64).evaluate(ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1));
        assertEquals(29_933, r.cycles());
        assertEquals(9, r.folds());
        assertEquals(56L * 56 * 576 * 64, r.macs());
        assertEquals((double) r.macs() / (29_933.0 * 4096), r.overallUtilization(), 1e-15);
    }

    @Test
    void outputStationaryAndInputStationaryFollowTheirFormulas() {
        ConvWorkload c = ConvWorkload.scaleSim(64, 64, 1, 1, 64, 64, 1, 1);   // T = 4096, K = 64, N = 64
        assertEquals(64 * (64 + 64 + 64 - 2) - 1, new ScaleSimModel(WS64.withDataflow(Dataflow.OS)).evaluate(c).cycles());
        assertEquals(64 * (128 + 64 + 64 - 2) - 1, new ScaleSimModel(WS64.withDataflow(Dataflow.IS)).evaluate(c).cycles());
    }

    @Test
    void mappingEfficiencyCountsPartialFoldsPerDataflow() {
        // K = 100 on 64 rows: 100/128; N = 10 on 64 cols: 10/64; T = 70 on 64: 70/128
        assertEquals((100.0 / 128) * (10.0 / 64), ScaleSimModel.mappingEfficiency(Dataflow.WS, 64, 64, 70, 100, 10), 1e-15);
        assertEquals((70.0 / 128) * (10.0 / 64), ScaleSimModel.mappingEfficiency(Dataflow.OS, 64, 64, 70, 100, 10), 1e-15);
        assertEquals((100.0 / 128) * (70.0 / 128), ScaleSimModel.mappingEfficiency(Dataflow.IS, 64, 64, 70, 100, 10), 1e-15);
    }

    /** The closed forms of EDGE-TPU-FACTS.md, written out independently of the model. */
    private static long factsFormula(Dataflow df, long r, long c, long t, long k, long n) {
        switch (df) {
            case WS: return ceil(k, r) * ceil(n, c) * (2 * r + c + t - 2) - 1;
            case OS: return ceil(t, r) * ceil(n, c) * (r + c + k - 2) - 1;
            default: return ceil(k, r) * ceil(t, c) * (2 * r + c + n - 2) - 1;
        }
    }

    private static long ceil(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    @Test
    void scaleSimModeEqualsItsClosedFormForRandomShapesAndAllDataflows() {
        qt().withExamples(3000).forAll(Generators.dataflows().flatMap(Generators::arrays), Generators.convs())
                .checkAssert((a, conv) -> {
                    LayerResult r = new ScaleSimModel(a).evaluate(conv);
                    long t = (long) conv.outH() * conv.outW();
                    long k = (long) conv.kh() * conv.kw() * conv.cin();
                    long formula = factsFormula(a.dataflow(), a.rows(), a.cols(), t, k, conv.cout());
                    if (a.dataflow() == Dataflow.OS && a.rows() == 1 && a.cols() == 1) {
                        assertEquals(formula + 1, r.cycles());   // the one documented departure, see below
                    } else {
                        assertEquals(formula, r.cycles());
                    }
                    assertEquals(t * k * conv.cout(), r.macs());
                    assertEquals((double) r.macs() / ((double) r.cycles() * a.rows() * a.cols()), r.overallUtilization(), 1e-12);
                });
    }

    @Test
    void outputStationaryOnAOneByOneArrayIsClampedToItsMacs() {
        // formula: T*N folds of (1 + 1 + K - 2) cycles, minus 1: one cycle fewer than the T*N*K MACs
        ArrayConfig one = new ArrayConfig(1, 1, Dataflow.OS, 500);
        assertEquals(3 * 5 * 7 - 1, ScaleSimModel.stallFreeCycles(Dataflow.OS, 1, 1, 3, 7, 5));
        assertEquals(3 * 5 * 7, new ScaleSimModel(one).evaluate(new Gemm(3, 7, 5)).cycles());
    }

    @Test
    void cyclesAreAtLeastMacsOverArraySizeAndUtilizationIsAPositiveFraction() {
        qt().withExamples(3000).forAll(Generators.dataflows().flatMap(Generators::arrays), Generators.arrayWorkloads())
                .checkAssert((a, w) -> {
                    LayerResult r = new ScaleSimModel(a).evaluate(w);
                    assertTrue(r.cycles() >= ceil(w.macs(), a.peakMacsPerCycle()), () -> r + " for " + w);
                    assertTrue(r.overallUtilization() > 0 && r.overallUtilization() <= 1, () -> r.toString());
                    assertTrue(r.mappingEfficiency() > 0 && r.mappingEfficiency() <= 1, () -> r.toString());
                });
    }

    @Test
    void weightStationaryCountMatchesACycleLevelArraySimulation() {
        // the oracle shifts real numbers through registers; its product must be right and its cycle count equal
        qt().withExamples(150).forAll(integers().between(1, 6), integers().between(1, 6), integers().between(1, 40),
                        integers().between(1, 14).zip(integers().between(1, 14), (k, n) -> new int[] {k, n}))
                .checkAssert((r, c, t, kn) -> {
                    int k = kn[0];
                    int n = kn[1];
                    SplittableRandom rnd = new SplittableRandom(31L * r + 7L * c + t + 1000L * k + n);
                    long[][] in = new long[t][k];
                    long[][] w = new long[k][n];
                    for (long[] row : in) for (int i = 0; i < k; i++) row[i] = rnd.nextInt(-128, 128);
                    for (long[] row : w) for (int j = 0; j < n; j++) row[j] = rnd.nextInt(-127, 128);
                    CycleLevelWsArray sim = new CycleLevelWsArray(r, c);
                    sim.run(in, w);
                    long[][] expected = new long[t][n];
                    for (int a = 0; a < t; a++) for (int b = 0; b < n; b++) for (int i = 0; i < k; i++) expected[a][b] += in[a][i] * w[i][b];
                    for (int a = 0; a < t; a++) assertArrayEquals(expected[a], sim.out[a]);
                    LayerResult model = new ScaleSimModel(new ArrayConfig(r, c, Dataflow.WS, 500)).evaluate(new Gemm(t, k, n));
                    assertEquals(sim.cycles, model.cycles());
                });
    }

    @Test
    void depthwiseIsSplitIntoOneLayerPerChannelAsScaleSimDoes() {
        DepthwiseWorkload dw = DepthwiseWorkload.scaleSim(114, 114, 32, 1, 3, 3, 1, 1);
        LayerResult r = new ScaleSimModel(WS64).evaluate(dw);
        LayerResult oneChannel = new ScaleSimModel(WS64).evaluate(ConvWorkload.scaleSim(114, 114, 3, 3, 1, 1, 1, 1));
        assertEquals(32 * oneChannel.cycles(), r.cycles());
        assertEquals(32 * (2 * 64 + 64 + 112 * 112 - 2 - 1), r.cycles());
        assertEquals(dw.macs(), r.macs());
        assertEquals(32, r.folds());
        assertEquals(oneChannel.mappingEfficiency(), r.mappingEfficiency());
    }

    @Test
    void fullyConnectedIsAGemmWithOneStreamedRow() {
        ScaleSimModel m = new ScaleSimModel(WS64);
        assertEquals(m.evaluate(new Gemm(1, 1280, 1001)), m.evaluate(new FullyConnected(1280, 1001)));
        assertEquals(20 * 16 * (128 + 64 + 1 - 2) - 1, m.evaluate(new FullyConnected(1280, 1001)).cycles());
    }

    @Test
    void operandDemandCountsFollowTheWeightStationaryDataflow() {
        // T = 100, K = 130 (3 row folds), N = 70 (2 col folds)
        LayerResult r = new ScaleSimModel(WS64).evaluate(new Gemm(100, 130, 70));
        assertEquals(100L * 130 * 2 + 130L * 70, r.sramBytesRead());
        assertEquals(100L * 70 * 3, r.sramBytesWritten());
        assertEquals(0, r.linkBytes());
    }

    @Test
    void vectorWorkRunsAtTheVectorThroughputWithoutStalls() {
        LayerResult r = new ScaleSimModel(WS64, 64).evaluate(new VectorWorkload(1000, 3, 2000, 1000));
        assertEquals(47, r.cycles());   // ceil(3000 / 64)
        assertEquals(ExecutionUnit.VECTOR, r.unit());
        assertEquals(3000.0 / (47 * 64), r.overallUtilization(), 1e-15);
    }

    @Test
    void rejectsABadVectorThroughputNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScaleSimModel(WS64, 0));
        assertTrue(e.getMessage().contains("vectorElementsPerCycle"), e.getMessage());
    }
}
