package dev.edgetpunas.compiler.graph;

/**
 * Tensor element types, with their TFLite {@code TensorType} codes and sizes.
 *
 * <pre>{@code
 * DType.INT8.bytes();            // 1
 * DType.fromTflite(9);           // INT8
 * }</pre>
 */
public enum DType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    INT4(17, 1),
    BFLOAT16(18, 2);

    private static final DType[] BY_CODE = new DType[19];

    static {
        for (DType t : values()) BY_CODE[t.tfliteCode] = t;
    }

    private final int tfliteCode;
    private final int bytes;

    DType(int tfliteCode, int bytes) {
        this.tfliteCode = tfliteCode;
        this.bytes = bytes;
    }

    /** The TFLite schema's {@code TensorType} value. */
    public int tfliteCode() {
        return tfliteCode;
    }

    /** Bytes per element (0 for variable-size types such as STRING; INT4 is stored one per byte). */
    public int bytes() {
        return bytes;
    }

    /** True for the types the Edge TPU computes in: INT8 and UINT8. */
    public boolean isQuantized8() {
        return this == INT8 || this == UINT8;
    }

    /** True for floating-point types. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == FLOAT64 || this == BFLOAT16;
    }

    /** The type with the given TFLite code. */
    public static DType fromTflite(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
            throw new IllegalArgumentException("unknown TFLite tensor type " + code);
        }
        return BY_CODE[code];
    }
}
