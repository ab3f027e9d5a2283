package dev.edgetpunas.cli.bench;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.graph.GraphModel;
import dev.edgetpunas.training.graph.ProxyTask;
import dev.edgetpunas.training.graph.SmallCnn;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.nn.Tensor;
import dev.edgetpunas.training.optim.Sgd;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGeneratorFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One training step (forward in training mode, backward, SGD update) of the graph executor at batch 32,
 * with {@code kernelThreads} threads. GFLOP/s = ops/s x 6 x MACs x 32 (6 FLOPs per MAC per sample):
 * <ul>
 *   <li>{@code smallCnn}: the reference CNN, 4.24 M MACs per image: 0.814 GFLOP per step;</li>
 *   <li>{@code proxyS}: EfficientNet-EdgeTPU-S adapted to the proxy task at width 0.125, 11.33 M MACs
 *       per image: 2.175 GFLOP per step (the default proxy budget runs 30 of these).</li>
 * </ul>
 *
 * <pre>{@code
 * ./edgetpu-nas bench GraphTraining --quick
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GraphTrainingBench {
    static final int BATCH = 32;

    @Param({"1", "2"})
    public int kernelThreads;

    private Parallel par;
    private Step cnn;
    private Step proxy;

    /** A model with its optimizer and a fixed batch. */
    static final class Step {
        final GraphModel model;
        final Sgd sgd;
        final Tensor x;
        final Tensor dy;

        Step(Graph g) {
            model = GraphModel.initialise(g, RandomGeneratorFactory.of("L64X128MixRandom").create(1), 0.9f);
            sgd = new Sgd(model.params(), 0.9f, true, 5e-5f);
            SplittableRandom r = new SplittableRandom(2);
            float[] in = new float[BATCH * 784];
            for (int i = 0; i < in.length; i++) in[i] = (float) r.nextDouble();
            float[] d = new float[BATCH * 10];
            for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextDouble() - 0.5) / BATCH;
            x = new Tensor(new int[] {BATCH, 28, 28, 1}, in);
            dy = new Tensor(new int[] {BATCH, 10}, d);
        }

        float run(Parallel par) {
            Tensor out = model.forward(x, true, par);
            model.backward(dy, false, par);
            sgd.step(1e-3f);
            return out.data()[0];
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        par = Parallel.of(kernelThreads);
        cnn = new Step(SmallCnn.graph(1.0));
        proxy = new Step(ProxyTask.graph(ProxyTask.adapt(EfficientNetSpec.EDGETPU_S, 0.125)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    public float smallCnn() {
        return cnn.run(par);
    }

    @Benchmark
    public float proxyS() {
        return proxy.run(par);
    }
}
