package dev.edgetpunas.cli.bench;

import dev.edgetpunas.quant.kernels.Add;
import dev.edgetpunas.quant.kernels.Conv2D;
import dev.edgetpunas.quant.kernels.DepthwiseConv2D;
import dev.edgetpunas.quant.kernels.FullyConnected;
import dev.edgetpunas.quant.kernels.Mean;
import dev.edgetpunas.quant.kernels.Padding;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.quant.kernels.QTensor;
import dev.edgetpunas.quant.kernels.Softmax;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The integer kernels on a MobileNet v2 1.0 224 int8 forward pass (about 300 M MACs: stem, 17
 * inverted-residual blocks, 1x1 head to 1280, global mean, FULLY_CONNECTED to 1001, SOFTMAX) with
 * seeded random per-channel weights; {@code threads} is the kernels' row-splitting parallelism.
 * Reported as forward passes per second.
 *
 * <pre>{@code
 * ./edgetpu-nas bench QuantKernels --quick
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class QuantKernelsBench {

    @Param({"1", "2"})
    public int threads;

    private Parallelism parallelism;
    private final List<Runnable> layers = new ArrayList<>();
    private byte[] input;
    private byte[] probabilities;

    private static final PerTensor ACT = new PerTensor(0.05f, -20);

    @Setup(Level.Trial)
    public void setup() {
        parallelism = Parallelism.threads(threads);
        Random r = new Random(42);
        input = new byte[224 * 224 * 3];
        r.nextBytes(input);
        byte[] x = input;
        int h = 224, c = 3;
        x = conv(r, x, h, c, 32, 3, 2, FusedActivation.RELU6);
        h = 112;
        c = 32;
        int[][] blocks = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        for (int[] b : blocks) {
            for (int i = 0; i < b[2]; i++) {
                int stride = i == 0 ? b[3] : 1;
                byte[] in = x;
                int cin = c;
                byte[] y = in;
                int e = cin * b[0];
                if (b[0] != 1) y = conv(r, y, h, cin, e, 1, 1, FusedActivation.RELU6);
                y = depthwise(r, y, h, e, stride);
                int ho = (h + stride - 1) / stride;
                y = conv(r, y, ho, e, b[1], 1, 1, FusedActivation.NONE);
                if (stride == 1 && cin == b[1]) y = add(in, y, ho, b[1]);
                x = y;
                h = ho;
                c = b[1];
            }
        }
        x = conv(r, x, h, c, 1280, 1, 1, FusedActivation.RELU6);
        byte[] pooled = new byte[1280];
        byte[] head = x;
        Mean mean = Mean.prepare(new int[] {1, 2}, true, t(new int[] {1, 7, 7, 1280}), t(new int[] {1, 1, 1, 1280}));
        layers.add(() -> mean.run(head, pooled));
        byte[] logits = new byte[1001];
        byte[] w = weights(r, 1001 * 1280);
        FullyConnected fc = FullyConnected.prepare(FusedActivation.NONE, t(new int[] {1, 1280}),
                QTensor.of(QType.INT8, new int[] {1001, 1280}, perChannel(r, 1001, 0)), w, bias(r, 1001), t(new int[] {1, 1001}));
        layers.add(() -> fc.run(pooled, logits, parallelism));
        probabilities = new byte[1001];
        Softmax sm = Softmax.prepare(1f, t(new int[] {1, 1001}), QTensor.of(QType.INT8, new int[] {1, 1001}, new PerTensor(1f / 256, -128)));
        layers.add(() -> sm.run(logits, probabilities));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public byte[] mobilenetV2Int8Forward() {
        for (Runnable l : layers) l.run();
        return probabilities;
    }

    private static QTensor t(int[] shape) {
        return QTensor.of(QType.INT8, shape, ACT);
    }

    private static PerAxis perChannel(Random r, int n, int axis) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = 0.002f + 0.01f * r.nextFloat();
        return new PerAxis(s, new int[n], axis);
    }

    private static byte[] weights(Random r, int n) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) w[i] = (byte) (r.nextInt(255) - 127);
        return w;
    }

    private static int[] bias(Random r, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(2001) - 1000;
        return b;
    }

    private byte[] conv(Random r, byte[] in, int h, int cin, int cout, int k, int stride, FusedActivation act) {
        Conv2D.Options o = Conv2D.Options.of(Padding.SAME, stride, act);
        int ho = (h + stride - 1) / stride;
        Conv2D conv = Conv2D.prepare(o, t(new int[] {1, h, h, cin}), QTensor.of(QType.INT8, new int[] {cout, k, k, cin}, perChannel(r, cout, 0)),
                weights(r, cout * k * k * cin), bias(r, cout), t(new int[] {1, ho, ho, cout}));
        byte[] out = new byte[ho * ho * cout];
        layers.add(() -> conv.run(in, out, parallelism));
        return out;
    }

    private byte[] depthwise(Random r, byte[] in, int h, int c, int stride) {
        int ho = (h + stride - 1) / stride;
        DepthwiseConv2D dw = DepthwiseConv2D.prepare(DepthwiseConv2D.Options.of(Padding.SAME, stride, FusedActivation.RELU6),
                t(new int[] {1, h, h, c}), QTensor.of(QType.INT8, new int[] {1, 3, 3, c}, perChannel(r, c, 3)), weights(r, 9 * c), bias(r, c),
                t(new int[] {1, ho, ho, c}));
        byte[] out = new byte[ho * ho * c];
        layers.add(() -> dw.run(in, out, parallelism));
        return out;
    }

    private byte[] add(byte[] a, byte[] b, int h, int c) {
        Add add = Add.prepare(FusedActivation.NONE, t(new int[] {1, h, h, c}), t(new int[] {1, h, h, c}), t(new int[] {1, h, h, c}));
        byte[] out = new byte[h * h * c];
        layers.add(() -> add.run(a, b, out));
        return out;
    }
}
