package dev.edgetpunas.compiler.graph;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable tensor shape. Activations are NHWC with batch 1; weights follow TFLite's layouts
 * (conv OHWI, depthwise 1HW(I*mult), fully connected [out, in]).
 *
 * <pre>{@code
 * Shape s = Shape.of(1, 224, 224, 3);
 * s.elements();   // 150528
 * s.dim(-1);      // 3 (negative indices count from the end)
 * }</pre>
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);
    private final int[] dims;
    private final long elements;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape dimension " + i + " must be >= 0, but was " + dims[i]
                        + " in " + Arrays.toString(dims));
            }
            try {
                n = Math.multiplyExact(n, dims[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than " + Long.MAX_VALUE
                        + " elements");
            }
        }
        this.dims = dims;
        this.elements = n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** A shape from a list of dimensions. */
    public static Shape of(List<Integer> dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) d[i] = dims.get(i);
        return new Shape(d);
    }

    /** An NHWC activation shape with batch 1. */
    public static Shape nhwc(int h, int w, int c) {
        return new Shape(new int[] {1, h, w, c});
    }

    /** The scalar shape {@code []}. */
    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative indices count from the end ({@code -1} is the last). */
    public int dim(int i) {
        int j = i < 0 ? dims.length + i : i;
        if (j < 0 || j >= dims.length) {
            throw new IllegalArgumentException("dimension " + i + " out of range for shape " + this);
        }
        return dims[j];
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The dimensions as a list. */
    public List<Integer> toList() {
        return Arrays.stream(dims).boxed().toList();
    }

    /** Number of elements (product of the dimensions; 1 for a scalar). */
    public long elements() {
        return elements;
    }

    /** Height of an NHWC shape. */
    public int h() {
        requireRank4();
        return dims[1];
    }

    /** Width of an NHWC shape. */
    public int w() {
        requireRank4();
        return dims[2];
    }

    /** Channels: the last dimension. */
    public int c() {
        if (dims.length == 0) throw new IllegalArgumentException("a scalar has no channel dimension");
        return dims[dims.length - 1];
    }

    /** Number of dimensions greater than 1. */
    public int nonUnitDims() {
        int n = 0;
        for (int d : dims) if (d > 1) n++;
        return n;
    }

    /** This shape with dimension {@code i} replaced. */
    public Shape with(int i, int value) {
        int[] d = dims.clone();
        d[i < 0 ? d.length + i : i] = value;
        return new Shape(d);
    }

    private void requireRank4() {
        if (dims.length != 4) throw new IllegalArgumentException("expected an NHWC (rank 4) shape, but was " + this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like {@code [1, 224, 224, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }

    /** Like {@code 1x224x224x3}. */
    public String toCompactString() {
        if (dims.length == 0) return "scalar";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append('x');
            sb.append(dims[i]);
        }
        return sb.toString();
    }
}
