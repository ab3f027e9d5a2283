package dev.edgetpunas.compiler.tflite.internal;

/**
 * A flatbuffer table whose vtable has been checked: field accessors by vtable slot (the schema's field
 * order, unions taking two slots), with the schema default for absent fields. Every field read is
 * checked to lie inside the table's inline size and the file.
 *
 * <pre>{@code
 * int strideW = options.intField(1, 0);
 * FbVector shape = tensor.vectorField(0, 4, "shape");   // null if absent
 * }</pre>
 */
public final class FbTable {
    private final FbInput in;
    private final int pos;
    private final int vt;
    private final int vtSize;
    private final int tableSize;
    private final String what;

    FbTable(FbInput in, int pos, int vt, int vtSize, int tableSize, String what) {
        this.in = in;
        this.pos = pos;
        this.vt = vt;
        this.vtSize = vtSize;
        this.tableSize = tableSize;
        this.what = what;
    }

    /** The table's position in the file. */
    public int position() {
        return pos;
    }

    /** What the table is, for messages ("subgraph 0 tensor 3"). */
    public String what() {
        return what;
    }

    public FbInput input() {
        return in;
    }

    /** The absolute position of field {@code slot} of {@code width} bytes, or -1 if absent. */
    private int field(int slot, int width, String name) {
        int vo = 4 + 2 * slot;
        if (vo + 2 > vtSize) return -1;
        int off = in.u16(vt + vo, what, name);
        if (off == 0) return -1;
        if (off < 4 || off + width > tableSize) {
            throw in.error(vt + vo, what + "." + name + ": field offset " + off + " (width " + width
                    + ") is outside the table's " + tableSize + " bytes");
        }
        return pos + off;
    }

    public boolean has(int slot) {
        int vo = 4 + 2 * slot;
        return vo + 2 <= vtSize && in.u16(vt + vo, what, "vtable entry") != 0;
    }

    public int byteField(int slot, int def, String name) {
        int p = field(slot, 1, name);
        return p < 0 ? def : in.i8(p, what, name);
    }

    public int ubyteField(int slot, int def, String name) {
        int p = field(slot, 1, name);
        return p < 0 ? def : in.u8(p, what, name);
    }

    public boolean boolField(int slot, boolean def, String name) {
        int p = field(slot, 1, name);
        return p < 0 ? def : in.u8(p, what, name) != 0;
    }

    public int intField(int slot, int def, String name) {
        int p = field(slot, 4, name);
        return p < 0 ? def : in.i32(p, what, name);
    }

    /** An unsigned 32-bit field as a long. */
    public long uintField(int slot, long def, String name) {
        int p = field(slot, 4, name);
        return p < 0 ? def : in.u32(p, what, name);
    }

    public long longField(int slot, long def, String name) {
        int p = field(slot, 8, name);
        return p < 0 ? def : in.i64(p, what, name);
    }

    public float floatField(int slot, float def, String name) {
        int p = field(slot, 4, name);
        return p < 0 ? def : in.f32(p, what, name);
    }

    /** The sub-table in field {@code slot}, or null if absent. */
    public FbTable tableField(int slot, String name, String childWhat) {
        int p = field(slot, 4, name);
        return p < 0 ? null : in.table(in.follow(p, what, name), childWhat);
    }

    /** The vector in field {@code slot}, or null if absent. */
    public FbVector vectorField(int slot, int elemSize, String name) {
        int p = field(slot, 4, name);
        return p < 0 ? null : in.vector(in.follow(p, what, name), elemSize, what + "." + name);
    }

    /** The string in field {@code slot}, or null if absent. */
    public String stringField(int slot, String name) {
        int p = field(slot, 4, name);
        return p < 0 ? null : in.string(in.follow(p, what, name), what + "." + name);
    }
}
