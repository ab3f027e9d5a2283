package dev.edgetpunas.quant.params;

/**
 * The 8-bit storage types of quantized tensors. Data live in {@code byte[]}; an {@code INT8} byte is
 * read signed, a {@code UINT8} byte unsigned ({@code b & 0xFF}). Legacy uint8 models use zero points
 * in [0, 255] and per-tensor weights.
 *
 * <pre>{@code
 * int v = QType.UINT8.load((byte) 0xF0);   // 240
 * byte b = QType.INT8.store(-5);           // (byte) -5
 * }</pre>
 */
public enum QType {
    /** Signed 8-bit, [-128, 127]. */
    INT8(-128, 127),
    /** Unsigned 8-bit, [0, 255] (legacy TFLite quantization). */
    UINT8(0, 255);

    private final int min;
    private final int max;

    QType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** Smallest representable value. */
    public int min() {
        return min;
    }

    /** Largest representable value. */
    public int max() {
        return max;
    }

    /** The integer value a stored byte stands for. */
    public int load(byte b) {
        return this == UINT8 ? (b & 0xFF) : b;
    }

    /** Stores a value already within {@code [min, max]} (the low 8 bits). */
    public byte store(int v) {
        return (byte) v;
    }

    /** Clamps to {@code [min, max]}. */
    public int clamp(int v) {
        return v < min ? min : (v > max ? max : v);
    }

    /** Checks that a zero point is representable; returns it. */
    public int checkZeroPoint(int zeroPoint, String what) {
        if (zeroPoint < min || zeroPoint > max) {
            throw new IllegalArgumentException(what + " zero_point must be in [" + min + ", " + max + "] for " + this + ", but was " + zeroPoint);
        }
        return zeroPoint;
    }
}
