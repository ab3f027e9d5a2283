package dev.edgetpunas.compiler.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable byte string: the raw little-endian content of a constant tensor (as in a TFLite
 * buffer) or a custom op's options.
 *
 * <pre>{@code
 * Bytes b = Bytes.ofFloats(new float[] {1f, 2f});
 * b.floats();    // [1.0, 2.0] (a copy)
 * b.size();      // 8
 * }</pre>
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Wraps {@code data} without copying; the caller must not change it afterwards. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes empty() {
        return EMPTY;
    }

    /** Little-endian float32 values. */
    public static Bytes ofFloats(float[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return new Bytes(bb.array());
    }

    /** Little-endian int32 values. */
    public static Bytes ofInts(int[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asIntBuffer().put(v);
        return new Bytes(bb.array());
    }

    /** Little-endian int64 values. */
    public static Bytes ofLongs(long[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(v);
        return new Bytes(bb.array());
    }

    public int size() {
        return data.length;
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    /** A read-only little-endian view (no copy). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The content as float32 values (a copy). */
    public float[] floats() {
        requireMultiple(4);
        float[] out = new float[data.length / 4];
        buffer().asFloatBuffer().get(out);
        return out;
    }

    /** The content as int32 values (a copy). */
    public int[] ints() {
        requireMultiple(4);
        int[] out = new int[data.length / 4];
        buffer().asIntBuffer().get(out);
        return out;
    }

    /** The content as int64 values (a copy). */
    public long[] longs() {
        requireMultiple(8);
        long[] out = new long[data.length / 8];
        buffer().asLongBuffer().get(out);
        return out;
    }

    /** Byte {@code i} as a signed value. */
    public byte get(int i) {
        return data[i];
    }

    private void requireMultiple(int n) {
        if (data.length % n != 0) {
            throw new IllegalArgumentException("byte length " + data.length + " is not a multiple of " + n);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Bytes[" + data.length + "]";
    }
}
