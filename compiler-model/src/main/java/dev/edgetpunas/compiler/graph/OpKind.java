package dev.edgetpunas.compiler.graph;

/**
 * The op kinds of the IR, named after TFLite's builtin operators, with their builtin codes.
 * {@link #BATCH_NORM} exists only in training graphs (code -1); {@link #OPAQUE} stands for any other
 * builtin, whose name and code the {@link Op.Opaque} record carries.
 *
 * <pre>{@code
 * OpKind.CONV_2D.builtinCode();          // 3
 * OpKind.fromBuiltinCode(4);             // DEPTHWISE_CONV_2D
 * }</pre>
 */
public enum OpKind {
    ADD(0),
    AVERAGE_POOL_2D(1),
    CONCATENATION(2),
    CONV_2D(3),
    DEPTHWISE_CONV_2D(4),
    DEQUANTIZE(6),
    FULLY_CONNECTED(9),
    LOGISTIC(14),
    MAX_POOL_2D(17),
    MUL(18),
    RELU(19),
    RELU6(21),
    RESHAPE(22),
    RESIZE_BILINEAR(23),
    SOFTMAX(25),
    TANH(28),
    CUSTOM(32),
    PAD(34),
    MEAN(40),
    SUB(41),
    SQUEEZE(43),
    UNIDIRECTIONAL_SEQUENCE_LSTM(44),
    STRIDED_SLICE(45),
    SPLIT(49),
    ARG_MAX(56),
    TRANSPOSE_CONV(67),
    RESIZE_NEAREST_NEIGHBOR(97),
    QUANTIZE(114),
    HARD_SWISH(117),
    /** Training-only batch normalization; folded away before deployment. */
    BATCH_NORM(-1),
    /** Any builtin the IR has no record for. */
    OPAQUE(-2);

    private final int builtinCode;

    OpKind(int builtinCode) {
        this.builtinCode = builtinCode;
    }

    /** The TFLite builtin code, or a negative value for {@link #BATCH_NORM} and {@link #OPAQUE}. */
    public int builtinCode() {
        return builtinCode;
    }

    /** True if the kind has a TFLite builtin code of its own. */
    public boolean isBuiltin() {
        return builtinCode >= 0;
    }

    /** The kind with this builtin code, or {@link #OPAQUE} if the IR has no record for it. */
    public static OpKind fromBuiltinCode(int code) {
        for (OpKind k : values()) if (k.builtinCode == code && code >= 0) return k;
        return OPAQUE;
    }
}
