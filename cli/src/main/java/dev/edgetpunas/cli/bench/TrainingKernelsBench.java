package dev.edgetpunas.cli.bench;

import dev.edgetpunas.training.kernels.Conv2d;
import dev.edgetpunas.training.kernels.Conv2dSpec;
import dev.edgetpunas.training.kernels.FullyConnected;
import dev.edgetpunas.training.kernels.Gemm;
import dev.edgetpunas.training.kernels.Padding;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.Shapes;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Throughput of the training float kernels, with {@code kernelThreads} worker threads inside each call
 * (JMH itself runs one benchmark thread). GFLOP/s = ops/s x FLOPs per op:
 * <ul>
 *   <li>{@code gemm}: 512 x 512 x 512 row-major product, 2 * 512^3 = 0.268 GFLOP per op;</li>
 *   <li>{@code convForward}: the Fashion-MNIST CNN's second conv (batch 64, 14x14x32 -> 14x14x64, 3x3 SAME),
 *       2 * 64*196*64*288 = 0.4624 GFLOP per op;</li>
 *   <li>{@code convBackward}: its input and filter gradients, 2 x 0.4624 = 0.9249 GFLOP per op;</li>
 *   <li>{@code fcForwardBackward}: FC 3136 -> 128 at batch 64, forward + both gradients, 3 x 2 * 64*3136*128 = 0.1541 GFLOP per op;</li>
 *   <li>{@code depthwiseForwardBackward}: 3x3 depthwise over batch 64 of 14x14x96, forward + both gradients,
 *       3 x 2 * 64*196*96*9 = 0.0650 GFLOP per op.</li>
 * </ul>
 *
 * <pre>{@code
 * ./edgetpu-nas bench TrainingKernels --quick
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainingKernelsBench {
    @Param({"1", "2"})
    public int kernelThreads;

    private Parallel par;
    private float[] a;
    private float[] b;
    private float[] c;
    private Conv2d conv;
    private float[] x;
    private float[] filter;
    private float[] out;
    private float[] dOut;
    private float[] dx;
    private float[] dFilter;
    private Conv2d dw;
    private float[] dwX;
    private float[] dwF;
    private float[] dwY;
    private float[] dwDx;
    private float[] dwDf;
    private FullyConnected fc;
    private float[] fx;
    private float[] fw;
    private float[] fb;
    private float[] fy;
    private float[] fdx;
    private float[] fdw;
    private float[] fdb;

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() - 0.5);
        return v;
    }

    @Setup(Level.Trial)
    public void setUp() {
        par = Parallel.of(kernelThreads);
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, 512 * 512);
        b = random(r, 512 * 512);
        c = new float[512 * 512];
        int[] in = {64, 14, 14, 32};
        int[] fs = {64, 3, 3, 32};
        conv = Conv2d.plan(Conv2dSpec.of(3, 1, Padding.SAME), in, fs);
        x = random(r, Shapes.size(in));
        filter = random(r, Shapes.size(fs));
        out = new float[Shapes.size(conv.outputShape())];
        dOut = random(r, out.length);
        dx = new float[x.length];
        dFilter = new float[filter.length];
        int[] dwIn = {64, 14, 14, 96};
        dw = Conv2d.plan(Conv2dSpec.of(3, 1, Padding.SAME).withGroups(96), dwIn, new int[] {96, 3, 3, 1});
        dwX = random(r, Shapes.size(dwIn));
        dwF = random(r, 96 * 9);
        dwY = new float[dwX.length];
        dwDx = new float[dwX.length];
        dwDf = new float[dwF.length];
        fc = FullyConnected.plan(64, 3136, 128);
        fx = random(r, 64 * 3136);
        fw = random(r, 128 * 3136);
        fb = random(r, 128);
        fy = new float[64 * 128];
        fdx = new float[fx.length];
        fdw = new float[fw.length];
        fdb = new float[128];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    public float[] gemm() {
        Gemm.multiply(par, 512, 512, 512, a, b, c);
        return c;
    }

    @Benchmark
    public float[] convForward() {
        conv.forward(par, x, filter, null, out);
        return out;
    }

    @Benchmark
    public float[] convBackward() {
        conv.backward(par, x, filter, dOut, dx, dFilter, null);
        return dFilter;
    }

    @Benchmark
    public float[] depthwiseForwardBackward() {
        dw.forward(par, dwX, dwF, null, dwY);
        dw.backward(par, dwX, dwF, dwY, dwDx, dwDf, null);
        return dwDf;
    }

    @Benchmark
    public float[] fcForwardBackward() {
        fc.forward(par, fx, fw, fb, fy);
        fc.backward(par, fx, fw, fy, fdx, fdw, fdb);
        return fdw;
    }
}
