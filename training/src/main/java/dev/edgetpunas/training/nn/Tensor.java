package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Shapes;
import java.util.Arrays;

/**
 * A float32 tensor: a shape (NHWC for images, {@code [N, F]} for features) and a flat data array of at
 * least that many elements. Layers return tensors backed by their own reusable buffers: a result stays
 * valid until the same layer runs again.
 *
 * <pre>{@code
 * Tensor x = new Tensor(new int[] {64, 28, 28, 1}, pixels);
 * x.size();      // 50176
 * x.batch();     // 64
 * }</pre>
 */
public record Tensor(int[] shape, float[] data) {
    public Tensor {
        if (shape == null || shape.length < 1) throw new IllegalArgumentException("shape must have rank >= 1");
        shape = shape.clone();
        Shapes.requireData("tensor data", data, shape);
    }

    /** A zero tensor of {@code shape}. */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape, new float[Shapes.size(shape)]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements ({@code data} may be longer). */
    public int size() {
        return Shapes.size(shape);
    }

    /** The first dimension. */
    public int batch() {
        return shape[0];
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Elements per sample (all dimensions but the first). */
    public int sampleSize() {
        return size() / shape[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, 0, size(), t.data, 0, t.size());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(Arrays.copyOf(data, size()));
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
