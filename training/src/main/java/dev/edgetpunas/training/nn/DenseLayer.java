package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.FullyConnected;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * FULLY_CONNECTED with bias: flattens {@code [N, ...]} to {@code [N, In]}, weights {@code [Out, In]}
 * (He-normal), output {@code [N, Out]}.
 *
 * <pre>{@code
 * Layer fc = new DenseLayer("fc", 3136, 10, rng);
 * }</pre>
 */
public final class DenseLayer implements Layer {
    private final String name;
    private final int inputs;
    private final int outputs;
    private final Param weights;
    private final Param bias;
    private FullyConnected plan;
    private int planBatch;
    private Tensor input;
    private float[] out;
    private float[] dx;

    public DenseLayer(String name, int inputs, int outputs, RandomGenerator rng) {
        if (inputs < 1) throw new IllegalArgumentException("inputs must be >= 1, but was " + inputs);
        if (outputs < 1) throw new IllegalArgumentException("outputs must be >= 1, but was " + outputs);
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = new Param(name + "/weights", new int[] {outputs, inputs}, true);
        Buffers.heNormal(weights.value(), inputs, rng);
        this.bias = new Param(name + "/bias", new int[] {outputs}, false);
    }

    public Param weights() {
        return weights;
    }

    public Param bias() {
        return bias;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int per = 1;
        for (int i = 1; i < inputShape.length; i++) per *= inputShape[i];
        if (per != inputs) {
            throw new IllegalArgumentException(name + " expects " + inputs + " features per sample, but got " + java.util.Arrays.toString(inputShape));
        }
        return new int[] {inputShape[0], outputs};
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        int[] os = outputShape(x.shape());
        if (plan == null || planBatch != x.batch()) {
            plan = FullyConnected.plan(x.batch(), inputs, outputs);
            planBatch = x.batch();
        }
        out = Buffers.ensure(out, os[0] * outputs);
        plan.forward(par, x.data(), weights.value(), bias.value(), out);
        input = x;
        return new Tensor(os, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (input == null) throw new IllegalStateException(name + ": backward before forward");
        float[] d = null;
        if (needInputGradient) d = dx = Buffers.ensure(dx, input.size());
        plan.backward(par, input.data(), weights.value(), dy.data(), d, weights.grad(), bias.grad());
        return needInputGradient ? new Tensor(input.shape(), d) : null;
    }

    @Override
    public List<Param> params() {
        return List.of(weights, bias);
    }

    @Override
    public long macs(int[] inputShape) {
        return (long) inputShape[0] * inputs * outputs;
    }

    @Override
    public String describe() {
        return "FULLY_CONNECTED " + inputs + "->" + outputs;
    }
}
