package dev.edgetpunas.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.training.data.Dataset;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.nn.Models;
import dev.edgetpunas.training.nn.Param;
import dev.edgetpunas.training.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTest {
    static FashionMnist data;

    @BeforeAll
    static void load() {
        Optional<java.nio.file.Path> dir = FashionMnist.locate(null);
        if (dir.isPresent()) data = FashionMnist.load(dir.get());
    }

    private static Sequential tiny(long seed) {
        return Models.tinyCnn(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
    }

    /** A synthetic 10-class set (class k: a bright k-th row band), for tests that must not need the data. */
    static Dataset synthetic(int n, long seed) {
        var rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int j = 0; j < 784; j++) {
                int row = j / 28;
                int v = rng.nextInt(60) + (row / 3 == labels[i] ? 150 : 0);
                px[i * 784 + j] = (byte) v;
            }
        }
        return new Dataset("synthetic", 28, 28, 1, 10, px, labels);
    }

    @Test
    void trainingIsBitIdenticalForOneTwoAndThreeThreads() {
        Dataset train = synthetic(96, 4);
        TrainConfig cfg = TrainConfig.defaults().withEpochs(1).withBatchSize(32);
        List<float[]> first = null;
        double firstLoss = 0;
        for (int threads = 1; threads <= 3; threads++) {
            Sequential net = Models.tinyMbConvNet(8, RandomGeneratorFactory.of("L64X128MixRandom").create(2));
            try (Parallel par = Parallel.of(threads)) {
                TrainResult r = Trainer.train(net, train, null, cfg, par, TrainListener.NONE);
                List<float[]> now = new ArrayList<>();
                for (Param p : net.params()) now.add(p.value().clone());
                if (first == null) {
                    first = now;
                    firstLoss = r.last().trainLoss();
                } else {
                    assertEquals(firstLoss, r.last().trainLoss(), 0.0, threads + " threads: loss");
                    for (int i = 0; i < now.size(); i++) assertArrayEquals(first.get(i), now.get(i), threads + " threads: parameter " + i);
                }
            }
        }
    }

    @Test
    void aFewHundredStepsOnAFashionMnistSubsetLearnWellAboveChance() {
        assumeTrue(data != null, FashionMnist.HOW_TO_GET);
        var rng = RandomGeneratorFactory.of("L64X128MixRandom").create(11);
        Dataset train = data.train().sample(9600, rng);
        Dataset test = data.test().head(2000);
        Sequential net = tiny(5);
        List<Double> losses = new ArrayList<>();
        TrainListener l = new TrainListener() {
            @Override
            public void onStep(int epoch, int step, double loss, double lr) {
                losses.add(loss);
            }
        };
        try (Parallel par = Parallel.of(2)) {
            TrainResult r = Trainer.train(net, train, test, TrainConfig.defaults().withEpochs(1).withBatchSize(32).withWarmupEpochs(0.1), par, l);
            assertEquals(300, losses.size());
            double early = losses.subList(0, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double late = losses.subList(280, 300).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(late < 0.5 * early, "loss drops: first 20 steps " + early + ", last 20 " + late);
            assertTrue(r.last().evalAccuracy() > 0.70, "test accuracy " + r.last().evalAccuracy() + " (chance is 0.10)");
        }
    }

    @Test
    void aBatchLargerThanTheDataOrAMismatchedHeadIsRejected() {
        Dataset d = synthetic(10, 1);
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(tiny(1), d, null, TrainConfig.defaults().withBatchSize(11),
                Parallel.serial(), null));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withEpochs(0));
    }
}
