package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order; itself a {@link Layer}, so it nests (e.g. inside {@link Residual}).
 *
 * <pre>{@code
 * RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
 * Sequential net = new Sequential(List.of(
 *         new Conv2dLayer("conv1", 1, 32, Conv2dSpec.of(3, 1, Padding.SAME), false, rng),
 *         new BatchNormLayer("bn1", 32, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
 *         new ActivationLayer(Activation.RELU),
 *         new GlobalAveragePool(),
 *         new DenseLayer("fc", 32, 10, rng)));
 * Tensor logits = net.forward(x, true, par);
 * }</pre>
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("layers must not be empty");
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] s = inputShape;
        for (Layer l : layers) s = l.outputShape(s);
        return s;
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        Tensor t = x;
        for (Layer l : layers) t = l.forward(t, training, par);
        return t;
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        Tensor g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g, i > 0 || needInputGradient, par);
        return g;
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(l.params());
        return List.copyOf(all);
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Param p : params()) n += p.size();
        return n;
    }

    @Override
    public long macs(int[] inputShape) {
        long total = 0;
        int[] s = inputShape;
        for (Layer l : layers) {
            total += l.macs(s);
            s = l.outputShape(s);
        }
        return total;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("Sequential[");
        for (int i = 0; i < layers.size(); i++) b.append(i == 0 ? "" : ", ").append(layers.get(i).describe());
        return b.append(']').toString();
    }

    /** One line per layer with its output shape and MACs for an input of {@code inputShape}. */
    public String summary(int[] inputShape) {
        StringBuilder b = new StringBuilder();
        int[] s = inputShape;
        for (Layer l : layers) {
            long macs = l.macs(s);
            s = l.outputShape(s);
            b.append(String.format("%-48s %-20s %,14d MACs%n", l.describe(), java.util.Arrays.toString(s), macs));
        }
        b.append(String.format("%,d parameters, %,d MACs%n", parameterCount(), macs(inputShape)));
        return b.toString();
    }
}
