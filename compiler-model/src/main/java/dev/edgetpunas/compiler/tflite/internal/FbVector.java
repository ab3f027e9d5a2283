package dev.edgetpunas.compiler.tflite.internal;

/**
 * A flatbuffer vector checked to fit in the file: {@code length} elements of {@code elemSize} bytes
 * from {@code start}. Array accessors charge the allocation budget before allocating.
 *
 * <pre>{@code
 * int[] dims = shapeVector.ints();
 * FbTable t = tensors.table(3, "tensor 3");
 * }</pre>
 */
public final class FbVector {
    private final FbInput in;
    private final int start;
    private final int length;
    private final int elemSize;
    private final String what;

    FbVector(FbInput in, int start, int length, int elemSize, String what) {
        this.in = in;
        this.start = start;
        this.length = length;
        this.elemSize = elemSize;
        this.what = what;
    }

    public int length() {
        return length;
    }

    /** Position of the first element. */
    public int start() {
        return start;
    }

    /** Position of the length prefix. */
    public int position() {
        return start - 4;
    }

    private int at(int i) {
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException(what + "[" + i + "] of " + length);
        return start + i * elemSize;
    }

    public int intAt(int i) {
        return in.rawI32(at(i));
    }

    /** Element {@code i} of a vector of tables. */
    public FbTable table(int i, String childWhat) {
        int p = at(i);
        return in.table(in.follow(p, what, "[" + i + "]"), childWhat);
    }

    /** The elements as int32 values. */
    public int[] ints() {
        in.charge(4L * length, position(), what);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) out[i] = in.rawI32(start + 4 * i);
        return out;
    }

    /** The elements as int64 values. */
    public long[] longs() {
        in.charge(8L * length, position(), what);
        long[] out = new long[length];
        for (int i = 0; i < length; i++) out[i] = in.rawI64(start + 8 * i);
        return out;
    }

    /** The elements as float32 values. */
    public float[] floats() {
        in.charge(4L * length, position(), what);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) out[i] = in.rawF32(start + 4 * i);
        return out;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return in.bytes(start, (long) length * elemSize, what);
    }
}
