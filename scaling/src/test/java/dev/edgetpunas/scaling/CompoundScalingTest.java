package dev.edgetpunas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.EfficientNetVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CompoundScalingTest {

    /** Every stage (repeats, channels, kernel, stride, expansion, type), stem, head and resolution of S, M and L. */
    @Test
    void sScaledWithPublishedCoefficientsReproducesTheStageTableExactly() throws IOException {
        Path csv = SharedData.find("data/published/efficientnet_edgetpu_stages.csv").orElse(null);
        Assumptions.assumeTrue(csv != null, SharedData.MISSING);
        List<String> lines = Files.readAllLines(csv);
        List<String> h = List.of(lines.get(0).split(","));
        Map<String, EfficientNetVariant> variants = Map.of("efficientnet-edgetpu-S", EfficientNetVariant.EDGETPU_S,
                "efficientnet-edgetpu-M", EfficientNetVariant.EDGETPU_M, "efficientnet-edgetpu-L", EfficientNetVariant.EDGETPU_L);
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            EfficientNetVariant v = variants.get(f[h.indexOf("variant")]);
            EfficientNetSpec scaled = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, v);
            int stage = Integer.parseInt(f[h.indexOf("stage")]) - 1;
            BlockArgs b = scaled.scaledBlocks().get(stage);
            String where = f[0] + " stage " + (stage + 1);
            assertEquals(Double.parseDouble(f[h.indexOf("width")]), scaled.width(), where + " width");
            assertEquals(Double.parseDouble(f[h.indexOf("depth")]), scaled.depth(), where + " depth");
            assertEquals(Integer.parseInt(f[h.indexOf("resolution")]), scaled.resolution(), where + " resolution");
            assertEquals(Integer.parseInt(f[h.indexOf("stem_out")]), scaled.roundFilters(scaled.stemFilters()), where + " stem");
            assertEquals(Integer.parseInt(f[h.indexOf("head_out")]), scaled.roundFilters(scaled.headFilters()), where + " head");
            assertEquals(Integer.parseInt(f[h.indexOf("repeats")]), b.repeats(), where + " repeats");
            assertEquals(Integer.parseInt(f[h.indexOf("in_ch")]), b.inputFilters(), where + " in_ch");
            assertEquals(Integer.parseInt(f[h.indexOf("out_ch")]), b.outputFilters(), where + " out_ch");
            assertEquals(Integer.parseInt(f[h.indexOf("kernel")]), b.kernel(), where + " kernel");
            assertEquals(Integer.parseInt(f[h.indexOf("stride_first")]), b.strideH(), where + " stride");
            assertEquals(Integer.parseInt(f[h.indexOf("expand")]), b.expandRatio(), where + " expand");
            assertEquals(f[h.indexOf("conv_type")].startsWith("fused"), b.fused(), where + " conv type");
            rows++;
        }
        assertEquals(18, rows, "3 variants x 6 stages");
    }

    /** EDGE-TPU-FACTS.md: B1..B7 have 7.8 / 9.2 / 12 / 19 / 30 / 43 / 66 M parameters (1000 classes). */
    @Test
    void b0ScaledToB1ThroughB7IsWithinThreePercentOfThePublishedParameterCounts() {
        double[] published = {7.8e6, 9.2e6, 12e6, 19e6, 30e6, 43e6, 66e6};
        List<EfficientNetVariant> bs = EfficientNetVariant.of(EfficientNetVariant.Family.EFFICIENTNET);
        assertEquals(8, bs.size());
        for (int i = 1; i <= 7; i++) {
            EfficientNetVariant v = bs.get(i);
            EfficientNetSpec s = CompoundScaling.scale(EfficientNetSpec.B0, v);
            assertEquals(v.modelName(), s.name());
            long params = EfficientNet.build(s).paramCount();
            double err = Math.abs(params - published[i - 1]) / published[i - 1];
            assertTrue(err <= 0.03, v.modelName() + ": " + params + " params, " + String.format("%.2f", err * 100) + "% from " + published[i - 1]);
        }
    }

    @Test
    void customPhiFollowsTheFormulaAndRoundsResolutionToMultiplesOfEight() {
        EfficientNetSpec s1 = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 1.0, CompoundCoefficients.DEFAULT);
        assertEquals(1.2, s1.depth(), 1e-12);
        assertEquals(1.1, s1.width(), 1e-12);
        assertEquals(256, s1.resolution(), "224 * 1.15 = 257.6 -> 256");
        EfficientNetSpec s2 = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 2.0, CompoundCoefficients.DEFAULT);
        assertEquals(296, s2.resolution(), "224 * 1.3225 = 296.24 -> 296");
        assertEquals(1.44, s2.depth(), 1e-12);
        // the head and stem are scaled too: round_filters(1280 * 1.21) = 1552, round_filters(32 * 1.21) = 40
        assertEquals(1552, s2.roundFilters(s2.headFilters()));
        assertEquals(40, s2.roundFilters(s2.stemFilters()));
        assertEquals(96, CompoundScaling.roundResolution(92.0), "half up");
        assertEquals(8, CompoundScaling.roundResolution(1.0), "at least 8");
        assertThrows(IllegalArgumentException.class, () -> CompoundScaling.roundResolution(Double.NaN));
    }

    @Test
    void publishedTablesKeepTheirResolutionsAndMultiplyTheBasesCoefficients() {
        assertEquals(260, CompoundScaling.scale(EfficientNetSpec.B0, EfficientNetVariant.B2).resolution(), "not a multiple of 8");
        EfficientNetSpec m = EfficientNetSpec.EDGETPU_M;
        EfficientNetSpec mAsL = CompoundScaling.scale(m, EfficientNetVariant.EDGETPU_L);
        assertEquals(1.1 * 1.4, mAsL.depth(), 1e-12);
        assertEquals("efficientnet-edgetpu-m-as-l", mAsL.name());
        assertEquals(EfficientNetSpec.EDGETPU_L.scaledBlocks(), CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, EfficientNetVariant.EDGETPU_L)
                .scaledBlocks());
    }

    @Test
    void materializedSpecBuildsTheSameNetwork() {
        for (EfficientNetSpec s : List.of(CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 1.37, CompoundCoefficients.DEFAULT),
                CompoundScaling.scale(EfficientNetSpec.B0, EfficientNetVariant.B3))) {
            EfficientNetSpec m = CompoundScaling.materialize(s);
            assertEquals(1.0, m.width());
            assertEquals(1.0, m.depth());
            assertEquals(EfficientNet.build(s).digest(), EfficientNet.build(m).digest(), s.name());
            assertEquals(CompoundScaling.architectureKey(s, true), CompoundScaling.architectureKey(m, true));
        }
    }

    /** phi = 0 changes nothing but the name, for any base (odd resolutions, own coefficients) and any alpha, beta, gamma. */
    @Test
    void phiZeroIsTheIdentity() {
        qt().withFixedSeed(12L).withExamples(200).forAll(specs(), coefficientsGen()).checkAssert((base, c) -> {
            EfficientNetSpec s = CompoundScaling.scale(base, 0.0, c);
            assertEquals(base, s.withName(base.name()));
            assertEquals(base.scaledBlocks(), s.scaledBlocks());
            assertEquals(CompoundScaling.architectureKey(base, true), CompoundScaling.architectureKey(s, true));
        });
    }

    @Test
    void phiZeroBuildsTheSameGraph() {
        qt().withFixedSeed(13L).withExamples(25).forAll(specs(), coefficientsGen()).checkAssert((base, c) -> {
            Graph a = EfficientNet.build(base), b = EfficientNet.build(CompoundScaling.scale(base, 0.0, c));
            assertEquals(a.digest(), b.digest());
        });
    }

    /** With alpha, beta, gamma >= 1 a larger phi never removes a repeat or a filter, nor lowers a rounded resolution (a multiple of 8). */
    @Test
    void largerPhiNeverShrinksAStage() {
        qt().withFixedSeed(14L).withExamples(200).forAll(specs(), coefficientsGen(), doubles().between(-2, 4), doubles().between(0, 2))
                .checkAssert((base, c, phi, dphi) -> {
                    EfficientNetSpec a = CompoundScaling.scale(base, phi, c), b = CompoundScaling.scale(base, phi + dphi, c);
                    List<BlockArgs> x = a.scaledBlocks(), y = b.scaledBlocks();
                    for (int i = 0; i < x.size(); i++) {
                        assertTrue(y.get(i).repeats() >= x.get(i).repeats());
                        assertTrue(y.get(i).outputFilters() >= x.get(i).outputFilters());
                    }
                    assertTrue(b.roundFilters(b.headFilters()) >= a.roundFilters(a.headFilters()));
                    boolean aRounded = c.resolution(phi) != 1.0, bRounded = c.resolution(phi + dphi) != 1.0;
                    // an unchanged resolution keeps the base's (identity), which need not be a multiple of 8
                    if (aRounded && bRounded) assertTrue(b.resolution() >= a.resolution(), () -> a.resolution() + " -> " + b.resolution());
                    assertEquals(aRounded ? 0 : base.resolution() % 8, a.resolution() % 8);
                });
    }

    static Gen<CompoundCoefficients> coefficientsGen() {
        Gen<Double> g = doubles().between(1.0, 1.5);
        return g.zip(g, g, CompoundCoefficients::new);
    }

    /** Random EfficientNet-style specs: 1-7 stages, odd resolutions, their own width and depth. */
    static Gen<EfficientNetSpec> specs() {
        Gen<BlockArgs> block = integers().between(1, 6).zip(integers().between(0, 1), integers().between(0, 2), integers().between(1, 40),
                integers().between(1, 40), (r, k, e, i, o) -> new BlockArgs(r, k == 0 ? 3 : 5, (r + i) % 2 + 1, (r + i) % 2 + 1,
                        new int[] {1, 4, 6}[e], i * 4, o * 4, (i % 3 == 0) ? 0.25 : 0.0, o % 5 != 0, (o + r) % 2));
        Gen<List<BlockArgs>> blocks = lists().of(block).ofSizeBetween(1, 7);
        return blocks.zip(integers().between(8, 64), integers().between(64, 2048), integers().between(33, 320), doubles().between(0.5, 2.0),
                (bs, stem, head, res, w) -> new EfficientNetSpec("random", new ArrayList<>(bs), stem, head, 10, Nonlinearity.RELU, w,
                        2.5 - w, res, 8, 1e-3f));
    }
}
