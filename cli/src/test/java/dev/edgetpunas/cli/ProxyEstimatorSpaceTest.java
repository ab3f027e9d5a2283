package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import java.util.SplittableRandom;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The contract between the search space and the proxy estimator: every edgetpu genome's description gives its network. */
class ProxyEstimatorSpaceTest {

    @Test
    void edgetpuGenomesAreReadFromTheirDescriptionAndEfficientNetEdgeTpuSIsItself() {
        EdgeTpuSpace space = new EdgeTpuSpace(true);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 30; i++) {
            EdgeTpuGenome g = space.sample(rng);
            Architecture a = new Architecture(space.name(), space.encode(g), space.describe(g), () -> space.decode(g));
            EfficientNetSpec s = ProxyEstimator.specOf(a).orElseThrow();
            EfficientNetSpec expected = space.spec(g);
            assertEquals(expected.blocks(), s.blocks(), a.genome());
            assertEquals(expected.activation(), s.activation());
            assertEquals(expected.stemFilters(), s.stemFilters());
            assertEquals(expected.headFilters(), s.headFilters());
        }
        EdgeTpuGenome sg = EdgeTpuSpace.EFFICIENTNET_EDGETPU_S;
        Architecture a = new Architecture(space.name(), space.encode(sg), space.describe(sg), () -> space.decode(sg));
        assertEquals(EfficientNetSpec.EDGETPU_S.blocks(), ProxyEstimator.specOf(a).orElseThrow().blocks());
    }

    @Test
    void aSampledGenomeTrainsOnTheProxy() {
        var r = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
        byte[] px = new byte[600 * 784];
        int[] labels = new int[600];
        for (int i = 0; i < 600; i++) {
            labels[i] = i % 10;
            for (int j = 0; j < 784; j++) px[i * 784 + j] = (byte) (r.nextInt(60) + ((j / 28) / 3 == labels[i] ? 150 : 0));
        }
        Dataset data = new Dataset("synthetic", 28, 28, 1, 10, px, labels);
        EdgeTpuSpace space = new EdgeTpuSpace(false);
        EdgeTpuGenome g = space.sample(new SplittableRandom(3));
        Architecture a = new Architecture(space.name(), space.encode(g), space.describe(g), () -> space.decode(g));
        ProxyEstimator p = ProxyEstimator.on(data, ProxyEstimator.Budget.defaults().withSteps(8).withBatch(16).withTrainSamples(400).withEvalSamples(100));
        Estimate e = p.estimate(a, 1);
        assertTrue(e.isOk(), e.toString());
        assertEquals("proxy", p.name());
    }
}
