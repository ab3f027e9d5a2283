package dev.edgetpunas.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class SequentialTest {

    static float[] input(long seed, int n, int h, int w) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return x;
    }

    /**
     * The whole tiny MBConv network (conv, depthwise, BN in training mode, swish, hard-swish, ReLU6, SE with
     * broadcast MUL, residual ADD, average pool, MEAN, dense, tanh) under softmax cross-entropy: analytic
     * parameter gradients match central differences. Tolerance: |a - n| <= 3e-3 + 3e-2 max(|a|, |n|),
     * h = 1e-2, loss accumulated in double from float32 kernels; inputs avoid no kinks here, so a
     * parameter whose numeric difference straddles a ReLU6/hard-swish kink may deviate: at most 2% of
     * the checked values may miss (with 0 misses expected in practice).
     */
    @Test
    void endToEndParameterGradientsMatchCentralDifferences() {
        qt().withFixedSeed(31).withExamples(3).forAll(longs().all()).checkAssert(seed -> {
            Sequential net = Models.tinyMbConvNet(4, RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
            int n = 3;
            float[] x = input(seed, n, 8, 8);
            int[] labels = {0, 3, 7};
            Parallel par = Parallel.serial();
            Tensor in = new Tensor(new int[] {n, 8, 8, 1}, x);
            Tensor logits = net.forward(in, true, par);
            float[] d = new float[n * 10];
            SoftmaxCrossEntropy.lossAndGradient(n, 10, logits.data(), labels, d);
            net.backward(new Tensor(new int[] {n, 10}, d), false, par);
            int checked = 0, missed = 0;
            StringBuilder misses = new StringBuilder();
            for (Param p : net.params()) {
                float[] g = p.grad().clone();
                float[] v = p.value();
                int stride = Math.max(1, v.length / 12);
                for (int i = 0; i < v.length; i += stride) {
                    float saved = v[i];
                    v[i] = saved + 1e-2f;
                    double up = SoftmaxCrossEntropy.lossAndGradient(n, 10, net.forward(in, true, par).data(), labels, null);
                    v[i] = saved - 1e-2f;
                    double down = SoftmaxCrossEntropy.lossAndGradient(n, 10, net.forward(in, true, par).data(), labels, null);
                    v[i] = saved;
                    double num = (up - down) / 2e-2;
                    checked++;
                    if (Math.abs(num - g[i]) > 3e-3 + 3e-2 * Math.max(Math.abs(num), Math.abs(g[i]))) {
                        missed++;
                        misses.append(p.name()).append('[').append(i).append("] ").append(g[i]).append(" vs ").append(num).append("; ");
                    }
                }
            }
            if (missed > checked / 50) fail(missed + " of " + checked + " gradients differ: " + misses);
        });
    }

    @Test
    void shapesFlowAndAreCheckedAtEachLayer() {
        Sequential cnn = Models.fashionCnn(RandomGeneratorFactory.of("L64X128MixRandom").create(1));
        assertArrayEquals(new int[] {5, 10}, cnn.outputShape(new int[] {5, 28, 28, 1}));
        assertEquals(32 * 9 + 2 * 32 + 64 * 32 * 9 + 2 * 64 + 3136 * 128 + 128 + 128 * 10 + 10, cnn.parameterCount());
        assertEquals(28 * 28 * 32 * 9 + 14 * 14 * 64 * 288 + 3136 * 128 + 1280, cnn.macs(new int[] {1, 28, 28, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cnn.outputShape(new int[] {5, 28, 28, 3}));
        assertEquals(true, e.getMessage().contains("conv1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sequential(List.of()));
    }

    @Test
    void initialisationIsDeterminedByTheSeed() {
        var f = RandomGeneratorFactory.of("L64X128MixRandom");
        List<Param> a = Models.fashionCnn(f.create(3)).params(), b = Models.fashionCnn(f.create(3)).params();
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).value(), b.get(i).value(), a.get(i).name());
    }
}
