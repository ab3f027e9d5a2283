package dev.edgetpunas.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeTpuSpaceTest {
    private final EdgeTpuSpace space = new EdgeTpuSpace(false);
    private final EdgeTpuSpace withSwish = new EdgeTpuSpace(true);

    @Test
    void efficientNetEdgeTpuSIsAGenomeOfTheSpace() {
        String s = space.encode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S);
        assertEquals("r1_k3_s11_e4_i24_o24_c1_noskip r2_k3_s22_e8_i24_o32_c1 r4_k3_s22_e8_i32_o48_c1 r5_k5_s22_e8_i48_o96"
                + " r4_k5_s11_e8_i96_o144 r2_k5_s22_e8_i144_o192", s);
        Graph g = space.decode(space.parse(s));
        Graph ref = EfficientNet.build(EfficientNetSpec.EDGETPU_S);
        assertEquals(ref.digest(), g.digest());
        assertEquals(List.of(1, 224, 224, 3), g.tensor(g.inputs().get(0)).shape().toList());
    }

    @Test
    void widthsAreDistinctPerStage() {
        for (int s = 0; s < EdgeTpuSpace.STAGES; s++) {
            Set<Integer> w = new HashSet<>();
            for (int k = 0; k < 3; k++) w.add(EdgeTpuSpace.filters(s, k));
            assertEquals(3, w.size(), "stage " + (s + 1));
        }
        assertEquals(16, EdgeTpuSpace.filters(0, 0));
        assertEquals(240, EdgeTpuSpace.filters(5, 2));
    }

    /** Printing and parsing a sampled genome gives it back, in both variants of the space. */
    @Test
    void genomeTextRoundTrips() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            for (EdgeTpuSpace sp : List.of(space, withSwish)) {
                EdgeTpuGenome g = sp.sample(new SplittableRandom(seed));
                assertEquals(g, sp.parse(sp.encode(g)));
                assertEquals(0, sp.distance(g, sp.parse(sp.encode(g))));
            }
        });
    }

    /** A mutation changes exactly one gene that matters, and stays in the space. */
    @Test
    void mutationIsAtDistanceOneAndStaysInTheSpace() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            for (EdgeTpuSpace sp : List.of(space, withSwish)) {
                EdgeTpuGenome g = sp.sample(rng);
                EdgeTpuGenome m = sp.mutate(g, rng);
                assertEquals(1, sp.distance(g, m), sp.encode(g) + " -> " + sp.encode(m));
                assertEquals(m, sp.parse(sp.encode(m)));
            }
        });
    }

    @Test
    void withoutTheFlagNoSwishAndNoSe() {
        SplittableRandom rng = new SplittableRandom(9);
        EdgeTpuGenome g = space.sample(rng);
        for (int k = 0; k < 3000; k++) {
            g = space.mutate(g, rng);
            assertEquals(Nonlinearity.RELU, g.activation());
            assertTrue(g.stages().stream().noneMatch(StageGene::se));
        }
        Graph graph = space.decode(g);
        assertTrue(graph.opsOfKind(OpKind.LOGISTIC).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> space.parse("act=swish " + space.encode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S)));
        assertTrue(e.getMessage().contains("swish"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> space.parse(space.encode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S).replace("r5_k5_s22_e8_i48_o96",
                "r5_k5_s22_e8_i48_o96_se0.25")));
    }

    @Test
    void withTheFlagSwishAndSeAppear() {
        SplittableRandom rng = new SplittableRandom(4);
        boolean swish = false, se = false;
        for (int k = 0; k < 200; k++) {
            EdgeTpuGenome g = withSwish.sample(rng);
            swish |= g.activation() == Nonlinearity.SWISH;
            se |= g.stages().stream().anyMatch(StageGene::se);
            if (g.activation() == Nonlinearity.SWISH && g.stages().stream().anyMatch(StageGene::se)) {
                Graph graph = withSwish.decode(g);
                assertFalse(graph.opsOfKind(OpKind.LOGISTIC).isEmpty());
                assertTrue(withSwish.encode(g).startsWith("act=swish "));
            }
        }
        assertTrue(swish && se);
    }

    @Test
    void sampledGenomesDecodeAndDeploy() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 20; k++) {
            EdgeTpuGenome g = withSwish.sample(rng);
            Graph d = Deploy.apply(withSwish.decode(g));
            assertEquals(List.of(1, 1001), d.tensor(d.outputs().get(0)).shape().toList());
            assertTrue(d.macs() > 0);
        }
    }

    @Test
    void parseRejectsGenomesOutsideTheSpaceNamingTheStage() {
        String s = space.encode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.parse(s.replace("s22_e8_i24_o32", "s11_e8_i24_o32")));
        assertTrue(e.getMessage().contains("stage 2") && e.getMessage().contains("stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.parse(s.replace("i24_o32", "i24_o36")));
        assertTrue(e.getMessage().contains("output filters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.parse(s.replace("r4_k3_s22_e8_i32_o48_c1", "r4_k5_s22_e8_i32_o48_c1")));
        assertTrue(e.getMessage().contains("stage 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.parse(s.replace("e8_i48", "e6_i48")));
        assertTrue(e.getMessage().contains("expansion"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.parse("r1_k3_s11_e4_i24_o24_c1_noskip"));
        assertTrue(e.getMessage().contains("6 block strings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.parse(s.replace("i32_o48", "i40_o48")));
        assertTrue(e.getMessage().contains("input filters"), e.getMessage());
    }

    @Test
    void bestFileIsAReadableBlocksFile() {
        String text = space.bestFileContent(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S);
        EfficientNetSpec spec = dev.edgetpunas.compiler.zoo.BlocksFile.parse("best.blocks", "best", text.lines().toList());
        assertEquals(EfficientNet.build(EfficientNetSpec.EDGETPU_S).digest(), EfficientNet.build(spec).digest());
    }
}
