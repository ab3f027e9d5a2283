package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Activation;
import dev.edgetpunas.training.kernels.Elementwise;
import dev.edgetpunas.training.kernels.FullyConnected;
import dev.edgetpunas.training.kernels.Mean;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Squeeze-and-excitation as TFLite graphs spell it: MEAN over H, W -> 1x1 conv (here FULLY_CONNECTED on
 * {@code [N, C]}) to {@code reduced} channels with bias -> activation -> back to {@code C} with bias ->
 * LOGISTIC -> MUL with the input, broadcast over H, W ({@code [N, H, W, C] * [N, 1, 1, C]}).
 *
 * <pre>{@code
 * Layer se = new SqueezeExcite("block3/se", 40, 10, Activation.SWISH, rng);
 * }</pre>
 */
public final class SqueezeExcite implements Layer {
    private final String name;
    private final int channels;
    private final int reduced;
    private final Activation activation;
    private final Param reduceW;
    private final Param reduceB;
    private final Param expandW;
    private final Param expandB;
    private FullyConnected fcReduce;
    private FullyConnected fcExpand;
    private int planBatch;
    private Tensor input;
    private float[] m;
    private float[] z1;
    private float[] a1;
    private float[] z2;
    private float[] s;
    private float[] out;
    private float[] dx;
    private float[] dxMean;
    private float[] ds;
    private float[] da1;
    private float[] dm;

    public SqueezeExcite(String name, int channels, int reduced, Activation activation, RandomGenerator rng) {
        if (channels < 1 || reduced < 1) throw new IllegalArgumentException(name + ": channels and reduced must be >= 1, but were " + channels + ", " + reduced);
        this.name = name;
        this.channels = channels;
        this.reduced = reduced;
        this.activation = activation;
        this.reduceW = new Param(name + "/reduce/weights", new int[] {reduced, channels}, true);
        this.reduceB = new Param(name + "/reduce/bias", new int[] {reduced}, false);
        this.expandW = new Param(name + "/expand/weights", new int[] {channels, reduced}, true);
        this.expandB = new Param(name + "/expand/bias", new int[] {channels}, false);
        Buffers.heNormal(reduceW.value(), channels, rng);
        Buffers.heNormal(expandW.value(), reduced, rng);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Buffers.requireRank(name, inputShape, 4);
        if (inputShape[3] != channels) throw new IllegalArgumentException(name + " expects " + channels + " channels, but got " + java.util.Arrays.toString(inputShape));
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        int[] shape = outputShape(x.shape());
        int n = shape[0];
        if (fcReduce == null || planBatch != n) {
            fcReduce = FullyConnected.plan(n, channels, reduced);
            fcExpand = FullyConnected.plan(n, reduced, channels);
            planBatch = n;
        }
        m = Buffers.ensure(m, n * channels);
        z1 = Buffers.ensure(z1, n * reduced);
        a1 = Buffers.ensure(a1, n * reduced);
        z2 = Buffers.ensure(z2, n * channels);
        s = Buffers.ensure(s, n * channels);
        out = Buffers.ensure(out, x.size());
        Mean.forward(par, shape, x.data(), m);
        fcReduce.forward(par, m, reduceW.value(), reduceB.value(), z1);
        activation.forward(par, z1, a1, n * reduced);
        fcExpand.forward(par, a1, expandW.value(), expandB.value(), z2);
        Activation.LOGISTIC.forward(par, z2, s, n * channels);
        Elementwise.mul(par, shape, x.data(), scaleShape(n), s, out);
        input = x;
        return new Tensor(shape, out);
    }

    private int[] scaleShape(int n) {
        return new int[] {n, 1, 1, channels};
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (input == null) throw new IllegalStateException(name + ": backward before forward");
        int[] shape = input.shape();
        int n = shape[0];
        dx = Buffers.ensure(dx, input.size());
        dxMean = Buffers.ensure(dxMean, input.size());
        ds = Buffers.ensure(ds, n * channels);
        da1 = Buffers.ensure(da1, n * reduced);
        dm = Buffers.ensure(dm, n * channels);
        Elementwise.mulBackward(par, shape, input.data(), scaleShape(n), s, dy.data(), dx, ds);
        Activation.LOGISTIC.backward(par, z2, ds, ds, n * channels);
        fcExpand.backward(par, a1, expandW.value(), ds, da1, expandW.grad(), expandB.grad());
        activation.backward(par, z1, da1, da1, n * reduced);
        fcReduce.backward(par, m, reduceW.value(), da1, dm, reduceW.grad(), reduceB.grad());
        if (!needInputGradient) return null;
        Mean.backward(par, shape, dm, dxMean);
        Elementwise.add(par, shape, dx, shape, dxMean, dx);
        return new Tensor(shape, dx);
    }

    @Override
    public List<Param> params() {
        return List.of(reduceW, reduceB, expandW, expandB);
    }

    @Override
    public long macs(int[] inputShape) {
        return 2L * inputShape[0] * channels * reduced + (long) inputShape[0] * inputShape[1] * inputShape[2] * channels;
    }

    @Override
    public String describe() {
        return "SE " + channels + "->" + reduced + "->" + channels + " (" + activation + ", LOGISTIC, MUL)";
    }
}
