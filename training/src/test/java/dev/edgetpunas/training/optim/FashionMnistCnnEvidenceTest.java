package dev.edgetpunas.training.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.nn.Models;
import dev.edgetpunas.training.nn.Sequential;
import java.util.Optional;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Evidence (run with {@code -Pevidence}): the reference small CNN reaches >= 90% test accuracy on
 * Fashion-MNIST. Per-epoch numbers go to standard error for the README.
 */
@Tag("evidence")
class FashionMnistCnnEvidenceTest {
    @Test
    void smallCnnReachesNinetyPercentTestAccuracy() {
        Optional<java.nio.file.Path> dir = FashionMnist.locate(null);
        assumeTrue(dir.isPresent(), FashionMnist.HOW_TO_GET);
        FashionMnist data = FashionMnist.load(dir.get());
        int epochs = Integer.getInteger("edgetpunas.evidence.epochs", 6);
        int threads = Integer.getInteger("edgetpunas.evidence.threads", 2);
        Sequential net = Models.fashionCnn(RandomGeneratorFactory.of("L64X128MixRandom").create(1));
        TrainConfig cfg = TrainConfig.defaults().withEpochs(epochs).withSeed(1);
        TrainListener log = new TrainListener() {
            @Override
            public void onEpoch(EpochResult r) {
                System.err.printf("epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.1f s, %.0f samples/s, lr %.4f%n",
                        r.epoch(), r.trainLoss(), r.trainAccuracy(), r.evalLoss(), r.evalAccuracy(), r.trainSeconds(), r.samplesPerSecond(),
                        r.learningRate());
            }
        };
        try (Parallel par = Parallel.of(threads)) {
            TrainResult r = Trainer.train(net, data.train(), data.test(), cfg, par, log);
            System.err.printf("fashionCnn: %d epochs, %d threads, test accuracy %.4f, %.1f s training%n", epochs, threads,
                    r.last().evalAccuracy(), r.trainSeconds());
            assertTrue(r.last().evalAccuracy() >= 0.90, "test accuracy " + r.last().evalAccuracy());
        }
    }
}
