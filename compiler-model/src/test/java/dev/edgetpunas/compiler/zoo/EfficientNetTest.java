package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EfficientNetTest {

    @Test
    void roundFiltersMatchesTensorflowTpu() {
        assertEquals(40, EfficientNet.roundFilters(32, 1.2, 8)); // L's stem
        assertEquals(1536, EfficientNet.roundFilters(1280, 1.2, 8)); // L's head
        assertEquals(24, EfficientNet.roundFilters(24, 1.0, 8));
        assertEquals(8, EfficientNet.roundFilters(16, 0.5, 8));
        assertEquals(16, EfficientNet.roundFilters(12, 1.0, 8)); // int(12 + 4) // 8 * 8 = 16
    }

    @Test
    void roundRepeatsUsesDoubleArithmetic() {
        // 1.1 * 3 = 3.3000000000000003 -> 4
        assertEquals(4, EfficientNet.roundRepeats(3, 1.1));
        assertEquals(2, EfficientNet.roundRepeats(2, 1.0));
        assertEquals(7, EfficientNet.roundRepeats(5, 1.4));
    }

    /** Every stage of S, M and L (repeats, kernel, stride, expansion, channels, stem, head) equals the published table. */
    @Test
    void edgeTpuFamilyEqualsThePublishedStageTable() throws IOException {
        Path csv = SharedData.find("data/published/efficientnet_edgetpu_stages.csv").orElse(null);
        assumeTrue(csv != null, SharedData.MISSING);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, EfficientNetSpec> specs = Map.of("efficientnet-edgetpu-S", EfficientNetSpec.EDGETPU_S,
                "efficientnet-edgetpu-M", EfficientNetSpec.EDGETPU_M, "efficientnet-edgetpu-L", EfficientNetSpec.EDGETPU_L);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            EfficientNetSpec spec = specs.get(f[header.indexOf("variant")]);
            int stage = Integer.parseInt(f[header.indexOf("stage")]) - 1;
            BlockArgs b = spec.scaledBlocks().get(stage);
            String where = f[0] + " stage " + (stage + 1);
            assertEquals(Integer.parseInt(f[header.indexOf("repeats")]), b.repeats(), where + " repeats");
            assertEquals(Integer.parseInt(f[header.indexOf("kernel")]), b.kernel(), where + " kernel");
            assertEquals(Integer.parseInt(f[header.indexOf("stride_first")]), b.strideH(), where + " stride");
            assertEquals(Integer.parseInt(f[header.indexOf("expand")]), b.expandRatio(), where + " expand");
            assertEquals(Integer.parseInt(f[header.indexOf("in_ch")]), b.inputFilters(), where + " in_ch");
            assertEquals(Integer.parseInt(f[header.indexOf("out_ch")]), b.outputFilters(), where + " out_ch");
            assertEquals(f[header.indexOf("conv_type")].startsWith("fused"), b.fused(), where + " conv type");
            assertEquals(Integer.parseInt(f[header.indexOf("stem_out")]), spec.roundFilters(spec.stemFilters()), where + " stem");
            assertEquals(Integer.parseInt(f[header.indexOf("head_out")]), spec.roundFilters(spec.headFilters()), where + " head");
            assertEquals(Integer.parseInt(f[header.indexOf("resolution")]), spec.resolution(), where + " resolution");
            checked++;
        }
        assertEquals(18, checked, "3 variants x 6 stages");
    }

    @Test
    void firstBlockOfSTakesTheStemAndExpandsToIxE() {
        Graph g = Deploy.apply(EfficientNet.build(EfficientNetSpec.EDGETPU_S));
        // op 1: fused 3x3 conv 32 -> 96 (24 * 4); op 2: 1x1 96 -> 24, no skip
        assertEquals(OpKind.CONV_2D, g.op(1).kind());
        assertEquals(List.of(96, 3, 3, 32), g.tensor(g.op(1).inputs().get(1)).shape().toList());
        assertEquals(List.of(24, 1, 1, 96), g.tensor(g.op(2).inputs().get(1)).shape().toList());
        assertEquals(OpKind.CONV_2D, g.op(3).kind(), "noskip: no ADD after the first block");
    }

    @Test
    void efficientNetB0MatchesPublishedSize() {
        Graph g = EfficientNet.build(EfficientNetSpec.B0);
        // published: 0.39G MACs, 5.3M params (1000 classes)
        assertWithin(0.39e9, g.macs(), 0.03, "B0 MACs");
        assertWithin(5.3e6, g.paramCount(), 0.03, "B0 params");
    }

    @Test
    void efficientNetB1ToB7MatchPublishedParameterCounts() {
        double[] published = {7.8e6, 9.2e6, 12e6, 19e6, 30e6, 43e6, 66e6};
        for (int i = 1; i <= 7; i++) {
            Graph g = ModelZoo.build("efficientnet-b" + i);
            assertWithin(published[i - 1], g.paramCount(), 0.03, "B" + i + " params");
        }
    }

    @Test
    void swishAndSqueezeExciteAreExpandedIntoPrimitiveOps() {
        Graph g = Deploy.apply(EfficientNet.build(EfficientNetSpec.B0));
        assertTrue(g.opsOfKind(OpKind.LOGISTIC).size() > 16 * 2, "swish = LOGISTIC + MUL, SE gate = LOGISTIC");
        assertEquals(16, g.opsOfKind(OpKind.MEAN).size() - 1, "one MEAN per SE block (16 blocks) + the head pool");
        assertTrue(g.opsOfKind(OpKind.BATCH_NORM).isEmpty());
    }

    @Test
    void edgeTpuSHasThePublishedComputeAndSize() {
        Graph g = EfficientNet.build(EfficientNetSpec.EDGETPU_S);
        // tensorflow/tpu README: EfficientNet-EdgeTPU-S 2.35B MACs (the model card); params ~5.4M (1001 classes)
        assertWithin(2.35e9, g.macs(), 0.03, "S MACs");
        assertWithin(5.44e6, g.paramCount(), 0.03, "S params");
    }

    static void assertWithin(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * expected,
                () -> what + ": expected " + expected + " within " + (rel * 100) + "%, but was " + actual);
    }
}
