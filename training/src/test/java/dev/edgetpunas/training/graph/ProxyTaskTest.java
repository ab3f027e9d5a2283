package dev.edgetpunas.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProxyTaskTest {

    @Test
    void efficientNetEdgeTpuSLosesTheStridesOfStagesTwoAndThree() {
        EfficientNetSpec a = ProxyTask.adapt(EfficientNetSpec.EDGETPU_S, 0.25);
        int[] strides = a.blocks().stream().mapToInt(BlockArgs::strideH).toArray();
        assertEquals(List.of(1, 1, 1, 2, 1, 2), java.util.Arrays.stream(strides).boxed().toList());
        assertEquals(4, ProxyTask.featureSize(a.blocks()));
        assertEquals(0.25, a.width());
        assertEquals(8, a.roundFilters(a.stemFilters()));
        assertEquals(320, a.roundFilters(a.headFilters()));
        Graph g = ProxyTask.graph(a);
        assertEquals(Shape.of(1, 28, 28, 1), g.tensor(g.inputs().get(0)).shape());
        assertEquals(Shape.of(1, 10), g.tensor(g.outputs().get(0)).shape());
        int head = g.opsOfKind(OpKind.MEAN).get(g.opsOfKind(OpKind.MEAN).size() - 1);
        assertEquals(Shape.of(1, 4, 4, 320), g.tensor(g.op(head).dataInput()).shape());
    }

    @Test
    void adaptedNetworksNeverEndBelowFourByFourAndKeepTheirLaterStrides() {
        qt().withFixedSeed(41).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<BlockArgs> blocks = new ArrayList<>();
            int stages = 1 + r.nextInt(7);
            for (int s = 0; s < stages; s++) {
                int st = r.nextInt(3) == 0 ? 1 : 2;
                blocks.add(new BlockArgs(1 + r.nextInt(3), r.nextBoolean() ? 3 : 5, st, st, 1 + r.nextInt(6), 8 + 8 * r.nextInt(4),
                        8 + 8 * r.nextInt(4), r.nextBoolean() ? 0.25 : 0, true, r.nextInt(2)));
            }
            EfficientNetSpec a = ProxyTask.adapt(EfficientNetSpec.EDGETPU_S.withBlocks(blocks), 0.25);
            int f = ProxyTask.featureSize(a.blocks());
            assertTrue(f >= ProxyTask.MIN_FEATURE, "feature " + f);
            // minimal: restoring the last stride removed would go below 4x4
            int last = -1;
            for (int s = 0; s < blocks.size(); s++) if (blocks.get(s).strideH() != a.blocks().get(s).strideH()) last = s;
            if (last >= 0) {
                List<BlockArgs> back = new ArrayList<>(a.blocks());
                back.set(last, blocks.get(last));
                assertTrue(ProxyTask.featureSize(back) < ProxyTask.MIN_FEATURE);
                for (int s = last + 1; s < blocks.size(); s++) assertEquals(blocks.get(s).strideH(), a.blocks().get(s).strideH());
            }
            Graph g = ProxyTask.graph(a);
            assertEquals(Shape.of(1, 10), g.tensor(g.outputs().get(0)).shape());
        });
    }

    @Test
    void widthFactorMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyTask.adapt(EfficientNetSpec.B0, 0));
        assertTrue(e.getMessage().contains("width factor"));
    }
}
