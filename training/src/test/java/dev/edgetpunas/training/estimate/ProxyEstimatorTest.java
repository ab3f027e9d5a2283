package dev.edgetpunas.training.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.data.Dataset;
import java.util.Optional;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ProxyEstimatorTest {
    /** A synthetic 10-class set (class k: a bright band of rows), so the test needs no download. */
    static Dataset synthetic(int n, long seed) {
        var rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int j = 0; j < 784; j++) {
                int row = j / 28;
                px[i * 784 + j] = (byte) (rng.nextInt(60) + (row / 3 == labels[i] ? 150 : 0));
            }
        }
        return new Dataset("synthetic", 28, 28, 1, 10, px, labels);
    }

    static final ProxyEstimator.Budget SMALL = ProxyEstimator.Budget.defaults().withSteps(30).withBatch(16).withTrainSamples(480)
            .withEvalSamples(200).withWidthFactor(0.125);

    static Architecture blocks(String space, String blockList) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("space", space);
        var arr = o.putArray("blocks");
        for (String b : blockList.split(",")) arr.add(b.trim());
        o.put("stem_filters", 16);
        o.put("head_filters", 64);
        o.put("activation", "relu");
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S.withBlocks(dev.edgetpunas.compiler.zoo.BlockString.parseList(blockList));
        return new Architecture(space, blockList, o, () -> EfficientNet.build(s));
    }

    @Test
    void specComesFromTheDescriptionsBlockStrings() {
        Architecture a = blocks("edgetpu", "r1_k3_s11_e1_i16_o16_c1_noskip, r2_k3_s22_e4_i16_o24");
        EfficientNetSpec s = ProxyEstimator.specOf(a).orElseThrow();
        assertEquals(2, s.blocks().size());
        assertEquals(16, s.stemFilters());
        assertEquals(64, s.headFilters());
        Architecture none = new Architecture("nasbench201", "|skip_connect~0|", JsonNodeFactory.instance.objectNode(), () -> {
            throw new AssertionError("not decoded");
        });
        assertEquals(Optional.empty(), ProxyEstimator.specOf(none));
        Estimate e = ProxyEstimator.on(synthetic(700, 1), SMALL).estimate(none, 1);
        assertFalse(e.isOk());
        assertTrue(((Estimate.Failed) e).reason().contains("nasbench201"), e.toString());
    }

    @Test
    void proxyTrainingLearnsIsDeterministicForAnyThreadCountAndCachesPerNetworkAndSeed() {
        Dataset data = synthetic(700, 2);
        Architecture a = blocks("edgetpu", "r1_k3_s11_e1_i16_o16_c1_noskip, r1_k3_s22_e4_i16_o24, r1_k5_s22_e4_i24_o32");
        double first = -1;
        for (int threads = 1; threads <= 2; threads++) {
            ProxyEstimator p = ProxyEstimator.on(data, SMALL.withThreads(threads));
            Estimate e = p.estimate(a, 5);
            assertTrue(e.isOk(), e.toString());
            double acc = ((Estimate.Ok) e).accuracy();
            assertTrue(acc > 0.5, "accuracy " + acc + " on an easy synthetic task (chance 0.1)");
            if (first < 0) first = acc;
            else assertEquals(first, acc, 0.0, "threads " + threads);
            assertEquals(1, p.cachedEstimates());
            assertEquals(e, p.estimate(a, 5));
            assertEquals(1, p.cachedEstimates());
        }
    }

    @Test
    void budgetsAreValidatedAndScale() {
        ProxyEstimator.Budget b = ProxyEstimator.Budget.defaults();
        assertEquals(b.steps() * 5, b.times(5).steps());
        assertEquals(b.trainSamples() * 5, b.times(5).trainSamples());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.withBatch(b.trainSamples() + 1));
        assertTrue(e.getMessage().contains("batch"));
        e = assertThrows(IllegalArgumentException.class, () -> b.withSteps(0));
        assertTrue(e.getMessage().contains("steps must be >= 1"));
        e = assertThrows(IllegalArgumentException.class, () -> ProxyEstimator.on(synthetic(100, 1), b).run(
                dev.edgetpunas.training.graph.ProxyTask.adapt(EfficientNetSpec.EDGETPU_S, 0.125), 1));
        assertTrue(e.getMessage().contains("exceed"), e.getMessage());
        ProxyEstimator small = ProxyEstimator.on(synthetic(100, 1), b);
        Estimate f = small.estimate(blocks("edgetpu", "r1_k3_s11_e1_i16_o16_c1_noskip"), 1);
        assertFalse(f.isOk());
        assertTrue(((Estimate.Failed) f).reason().contains("exceed"), f.toString());
        assertEquals(0, small.cachedEstimates(), "failures are not cached");
    }
}
