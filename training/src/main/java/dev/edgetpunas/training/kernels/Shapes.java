package dev.edgetpunas.training.kernels;

import java.util.Arrays;

/**
 * Checks and arithmetic on NHWC shape arrays ({@code int[]}), with messages naming the argument.
 *
 * <pre>{@code
 * Shapes.requireRank("input", shape, 4);
 * int n = Shapes.size(shape);
 * }</pre>
 */
public final class Shapes {
    private Shapes() {}

    /** Product of the dimensions (throws when it overflows an int or a dimension is < 1). */
    public static int size(int[] shape) {
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException("dimension " + i + " must be >= 1, but was " + shape[i]
                        + " in " + Arrays.toString(shape));
            }
            s *= shape[i];
            if (s > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) s;
    }

    /** Throws unless {@code shape} has {@code rank} positive dimensions. */
    public static void requireRank(String name, int[] shape, int rank) {
        if (shape == null) throw new IllegalArgumentException(name + " shape must not be null");
        if (shape.length != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + ", but shape was " + Arrays.toString(shape));
        }
        size(shape);
    }

    /** Throws unless {@code data} holds at least the elements of {@code shape}. */
    public static void requireData(String name, float[] data, int[] shape) {
        if (data == null) throw new IllegalArgumentException(name + " must not be null");
        int n = size(shape);
        if (data.length < n) {
            throw new IllegalArgumentException(name + ".length must be >= " + n + " for shape " + Arrays.toString(shape)
                    + ", but was " + data.length);
        }
    }
}
