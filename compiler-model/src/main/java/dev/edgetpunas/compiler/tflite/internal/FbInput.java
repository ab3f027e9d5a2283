package dev.edgetpunas.compiler.tflite.internal;

import dev.edgetpunas.compiler.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked view of a flatbuffer: every read checks that it lies inside the buffer, every
 * vector's length is checked against the bytes that remain before anything is allocated, and every
 * array the caller makes from the file is charged against an allocation budget (a small multiple of
 * the file size), so that a file whose offsets point many times at the same large vector cannot make
 * the reader allocate more than the file could honestly describe. Errors are
 * {@link ModelFormatException}s naming the source, the byte offset and the problem.
 *
 * <pre>{@code
 * FbInput in = new FbInput(bytes, "model.tflite", 8L * bytes.length + (1 << 20));
 * FbTable model = in.root("TFL3");
 * int version = model.intField(0, 0);
 * }</pre>
 *
 * <p>flatbuffers-java's {@code Table} reads without any bounds checks (Java has no flatbuffer
 * verifier), so the reader uses this class instead; the writer uses {@code FlatBufferBuilder}.
 */
public final class FbInput {
    private final ByteBuffer bb;
    private final int size;
    private final String source;
    private long budget;

    /**
     * @param bytes the whole flatbuffer (not copied; the caller must not change it)
     * @param source the file name or label used in error messages
     * @param allocationBudget how many bytes the caller may allocate for data taken from the file
     */
    public FbInput(byte[] bytes, String source, long allocationBudget) {
        this.bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.size = bytes.length;
        this.source = source;
        this.budget = allocationBudget;
    }

    public int size() {
        return size;
    }

    public String source() {
        return source;
    }

    /** A format error at {@code offset}. */
    public ModelFormatException error(long offset, String problem) {
        return ModelFormatException.atOffset(source, offset, problem);
    }

    /** Takes {@code bytes} from the allocation budget, or throws if the file describes more than that. */
    public void charge(long bytes, long offset, String what) {
        if (bytes < 0 || bytes > budget) {
            throw error(offset, what + " would need " + bytes + " more bytes of memory than a file of " + size
                    + " bytes can describe (offsets point repeatedly at the same data)");
        }
        budget -= bytes;
    }

    private void check(long pos, int width, String what, String field) {
        if (pos < 0 || pos + width > size) {
            throw error(pos, label(what, field) + ": " + width + "-byte read at offset " + pos
                    + " is outside the file (size " + size + ")");
        }
    }

    private static String label(String what, String field) {
        return field.isEmpty() ? what : field.startsWith("[") ? what + field : what + "." + field;
    }

    // Messages are built only on error: callers pass the table's description and the field name.

    public int u8(long pos, String what, String field) {
        check(pos, 1, what, field);
        return bb.get((int) pos) & 0xff;
    }

    public int i8(long pos, String what, String field) {
        check(pos, 1, what, field);
        return bb.get((int) pos);
    }

    public int u16(long pos, String what, String field) {
        check(pos, 2, what, field);
        return bb.getShort((int) pos) & 0xffff;
    }

    public int i32(long pos, String what, String field) {
        check(pos, 4, what, field);
        return bb.getInt((int) pos);
    }

    public long u32(long pos, String what, String field) {
        check(pos, 4, what, field);
        return bb.getInt((int) pos) & 0xffffffffL;
    }

    public long i64(long pos, String what, String field) {
        check(pos, 8, what, field);
        return bb.getLong((int) pos);
    }

    public float f32(long pos, String what, String field) {
        check(pos, 4, what, field);
        return bb.getFloat((int) pos);
    }

    /** An int32 at a position the caller has already checked (inside a checked vector). */
    int rawI32(int pos) {
        return bb.getInt(pos);
    }

    long rawI64(int pos) {
        return bb.getLong(pos);
    }

    float rawF32(int pos) {
        return bb.getFloat(pos);
    }

    /** The position an unsigned offset stored at {@code pos} points to (checked to lie in the file). */
    public int follow(long pos, String what, String field) {
        long target = pos + u32(pos, what, field);
        if (target >= size) {
            throw error(pos, label(what, field) + ": offset points to " + target
                    + ", past the end of the file (size " + size + ")");
        }
        return (int) target;
    }

    /** The root table, after checking the file identifier at bytes 4..8. */
    public FbTable root(String identifier, String what) {
        if (size < 8) throw error(0, "file has " + size + " bytes, too short for a flatbuffer (at least 8)");
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) id[i] = (byte) u8(4 + i, "file identifier", "");
        String got = new String(id, StandardCharsets.ISO_8859_1);
        if (!got.equals(identifier)) {
            throw error(4, "file identifier is '" + printable(got) + "', expected '" + identifier + "' (not a TFLite flatbuffer)");
        }
        return table(follow(0, "root offset", ""), what);
    }

    /** The table at {@code pos}, with its vtable checked. */
    public FbTable table(int pos, String what) {
        long vt = (long) pos - i32(pos, what, "vtable offset");
        if (vt < 0 || vt + 4 > size) {
            throw error(pos, what + ": vtable at " + vt + " is outside the file (size " + size + ")");
        }
        int vtSize = u16(vt, what, "vtable size");
        int tableSize = u16(vt + 2, what, "table size");
        if (vtSize < 4 || (vtSize & 1) != 0 || vt + vtSize > size) {
            throw error(vt, what + ": vtable size " + vtSize + " is invalid (must be even, >= 4 and inside the file)");
        }
        if (tableSize < 4 || (long) pos + tableSize > size) {
            throw error(pos, what + ": table size " + tableSize + " is invalid (must be >= 4 and inside the file)");
        }
        return new FbTable(this, pos, (int) vt, vtSize, tableSize, what);
    }

    /** A vector at {@code pos} (its length prefix) of elements of {@code elemSize} bytes, checked to fit. */
    public FbVector vector(int pos, int elemSize, String what) {
        long len = u32(pos, what, "length");
        long end = pos + 4L + len * elemSize;
        if (end > size) {
            throw error(pos, what + ": vector of " + len + " elements of " + elemSize + " bytes runs past the end of the file (size "
                    + size + ")");
        }
        return new FbVector(this, pos + 4, (int) len, elemSize, what);
    }

    /** A string at {@code pos}: its bytes decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String string(int pos, String what) {
        FbVector v = vector(pos, 1, what);
        charge(v.length(), pos, what);
        byte[] b = new byte[v.length()];
        bb.get(v.start(), b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A copy of {@code length} bytes at {@code start} (checked, charged). */
    public byte[] bytes(long start, long length, String what) {
        if (start < 0 || length < 0 || start + length > size) {
            throw error(start, what + ": " + length + " bytes at offset " + start + " are outside the file (size " + size + ")");
        }
        charge(length, start, what);
        byte[] b = new byte[(int) length];
        bb.get((int) start, b);
        return b;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) sb.append(c);
            else sb.append(String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
