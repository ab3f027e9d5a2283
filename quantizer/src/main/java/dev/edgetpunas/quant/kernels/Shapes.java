package dev.edgetpunas.quant.kernels;

import java.util.Arrays;

/**
 * Small shape checks shared by the kernels; messages name the tensor and the bad value.
 *
 * <pre>{@code
 * int n = Shapes.size(new int[] {1, 4, 4, 8});      // 128
 * Shapes.checkRank("input", shape, 4);
 * }</pre>
 */
public final class Shapes {
    private Shapes() {}

    /** Element count; throws on overflow past int. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        return (int) n;
    }

    /** Throws unless {@code shape} has {@code rank} dimensions. */
    public static void checkRank(String what, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", but has shape " + Arrays.toString(shape));
        }
    }

    /** Throws unless the shapes are equal. */
    public static void checkEqual(String what, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalArgumentException(what + " shape must be " + Arrays.toString(expected) + ", but was " + Arrays.toString(actual));
        }
    }

    /** Throws unless {@code data.length} matches the shape's element count. */
    public static void checkData(String what, byte[] data, int expectedSize) {
        if (data == null) throw new IllegalArgumentException(what + " data must not be null");
        if (data.length != expectedSize) {
            throw new IllegalArgumentException(what + " data length must be " + expectedSize + ", but was " + data.length);
        }
    }

    /** Pads a shape of rank &le; 4 with leading 1s to rank 4 (TFLite's {@code RuntimeShape::ExtendedShape}). */
    public static int[] extendTo4(int[] shape) {
        if (shape.length > 4) throw new IllegalArgumentException("rank must be <= 4, but shape is " + Arrays.toString(shape));
        int[] r = {1, 1, 1, 1};
        System.arraycopy(shape, 0, r, 4 - shape.length, shape.length);
        return r;
    }
}
