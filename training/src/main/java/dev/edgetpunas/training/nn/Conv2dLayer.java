package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Conv2d;
import dev.edgetpunas.training.kernels.Conv2dSpec;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.Shapes;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * CONV_2D (or DEPTHWISE_CONV_2D when the spec's groups equal the input channels) with an optional bias.
 * Filter {@code [Cout, KH, KW, Cin/groups]}, He-normal initialised from the given generator; bias zero.
 *
 * <pre>{@code
 * Layer conv = new Conv2dLayer("conv1", 1, 32, Conv2dSpec.of(3, 1, Padding.SAME), false, rng);
 * }</pre>
 */
public final class Conv2dLayer implements Layer {
    private final String name;
    private final int inChannels;
    private final int outChannels;
    private final Conv2dSpec spec;
    private final Param filter;
    private final Param bias;
    private Conv2d plan;
    private Tensor input;
    private float[] out;
    private float[] dx;

    public Conv2dLayer(String name, int inChannels, int outChannels, Conv2dSpec spec, boolean withBias, RandomGenerator rng) {
        if (inChannels < 1) throw new IllegalArgumentException("inChannels must be >= 1, but was " + inChannels);
        if (outChannels < 1) throw new IllegalArgumentException("outChannels must be >= 1, but was " + outChannels);
        if (inChannels % spec.groups() != 0 || outChannels % spec.groups() != 0) {
            throw new IllegalArgumentException(name + ": channels " + inChannels + "->" + outChannels + " must be divisible by groups " + spec.groups());
        }
        this.name = name;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.spec = spec;
        int cinG = inChannels / spec.groups();
        this.filter = new Param(name + "/filter", new int[] {outChannels, spec.kernelH(), spec.kernelW(), cinG}, true);
        Buffers.heNormal(filter.value(), spec.kernelH() * spec.kernelW() * cinG, rng);
        this.bias = withBias ? new Param(name + "/bias", new int[] {outChannels}, false) : null;
    }

    public Param filter() {
        return filter;
    }

    /** The bias, or null. */
    public Param bias() {
        return bias;
    }

    public Conv2dSpec spec() {
        return spec;
    }

    private Conv2d planFor(int[] shape) {
        Buffers.requireRank(name, shape, 4);
        if (shape[3] != inChannels) throw new IllegalArgumentException(name + " expects " + inChannels + " input channels, but got " + Arrays.toString(shape));
        if (plan == null || !Arrays.equals(plan.inputShape(), shape)) plan = Conv2d.plan(spec, shape, filter.shape());
        return plan;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Buffers.requireRank(name, inputShape, 4);
        if (inputShape[3] != inChannels) {
            throw new IllegalArgumentException(name + " expects " + inChannels + " input channels, but got " + Arrays.toString(inputShape));
        }
        return new int[] {inputShape[0], spec.outH(inputShape[1]), spec.outW(inputShape[2]), outChannels};
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        Conv2d p = planFor(x.shape());
        int[] os = p.outputShape();
        out = Buffers.ensure(out, Shapes.size(os));
        p.forward(par, x.data(), filter.value(), bias == null ? null : bias.value(), out);
        input = x;
        return new Tensor(os, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (input == null) throw new IllegalStateException(name + ": backward before forward");
        float[] d = null;
        if (needInputGradient) d = dx = Buffers.ensure(dx, input.size());
        plan.backward(par, input.data(), filter.value(), dy.data(), d, filter.grad(), bias == null ? null : bias.grad());
        return needInputGradient ? new Tensor(input.shape(), d) : null;
    }

    @Override
    public List<Param> params() {
        return bias == null ? List.of(filter) : List.of(filter, bias);
    }

    @Override
    public long macs(int[] inputShape) {
        int[] o = outputShape(inputShape);
        return (long) Shapes.size(o) * spec.kernelH() * spec.kernelW() * (inChannels / spec.groups());
    }

    @Override
    public String describe() {
        String kind = spec.groups() == 1 ? "CONV_2D" : spec.groups() == inChannels ? "DEPTHWISE_CONV_2D" : "CONV_2D groups=" + spec.groups();
        return kind + " " + spec.kernelH() + "x" + spec.kernelW() + "/" + spec.strideH() + " " + spec.padding() + " "
                + inChannels + "->" + outChannels;
    }
}
