package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Activation;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;

/**
 * An element-wise {@link Activation} (RELU, RELU6, LOGISTIC, SWISH, HARD_SWISH, TANH).
 *
 * <pre>{@code
 * Layer act = new ActivationLayer(Activation.RELU);
 * }</pre>
 */
public final class ActivationLayer implements Layer {
    private final Activation activation;
    private Tensor input;
    private float[] out;
    private float[] dx;

    public ActivationLayer(Activation activation) {
        if (activation == null) throw new IllegalArgumentException("activation must not be null");
        this.activation = activation;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        out = Buffers.ensure(out, x.size());
        activation.forward(par, x.data(), out, x.size());
        input = x;
        return new Tensor(x.shape(), out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (!needInputGradient) return null;
        dx = Buffers.ensure(dx, input.size());
        activation.backward(par, input.data(), dy.data(), dx, input.size());
        return new Tensor(input.shape(), dx);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return activation.name();
    }
}
