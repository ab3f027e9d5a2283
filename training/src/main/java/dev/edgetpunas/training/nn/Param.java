package dev.edgetpunas.training.nn;

import java.util.Arrays;

/**
 * A trainable parameter: its value and gradient (same length), its shape, and whether weight decay
 * applies (conv and dense weights: yes; biases and batch-norm scale/offset: no).
 *
 * <pre>{@code
 * Param w = new Param("conv1/filter", new int[] {32, 3, 3, 1}, true);
 * w.value()[0] = 0.1f;   // arrays are shared, not copied: the optimizer updates them in place
 * }</pre>
 */
public final class Param {
    private final String name;
    private final int[] shape;
    private final float[] value;
    private final float[] grad;
    private final boolean decay;

    public Param(String name, int[] shape, boolean decay) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        this.name = name;
        this.shape = shape.clone();
        int n = dev.edgetpunas.training.kernels.Shapes.size(shape);
        this.value = new float[n];
        this.grad = new float[n];
        this.decay = decay;
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** The values, updated in place by optimizers. */
    public float[] value() {
        return value;
    }

    /** The gradient of the last backward pass. */
    public float[] grad() {
        return grad;
    }

    /** Whether weight decay applies. */
    public boolean decay() {
        return decay;
    }

    public int size() {
        return value.length;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
