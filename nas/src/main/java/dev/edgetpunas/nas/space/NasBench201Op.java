package dev.edgetpunas.nas.space;

/**
 * The five operations on a NAS-Bench-201 cell edge, in the benchmark's order, with their names in
 * cell strings.
 *
 * <pre>{@code
 * NasBench201Op.parse("nor_conv_3x3");   // NOR_CONV_3X3
 * }</pre>
 */
public enum NasBench201Op {
    /** Zero: the edge contributes nothing. */
    NONE("none"),
    /** Identity. */
    SKIP_CONNECT("skip_connect"),
    /** ReLU, 1x1 conv, BN. */
    NOR_CONV_1X1("nor_conv_1x1"),
    /** ReLU, 3x3 conv, BN. */
    NOR_CONV_3X3("nor_conv_3x3"),
    /** 3x3 average pooling, stride 1, padding not counted. */
    AVG_POOL_3X3("avg_pool_3x3");

    private static final NasBench201Op[] VALUES = values();
    private final String id;

    NasBench201Op(String id) {
        this.id = id;
    }

    /** The name in cell strings. */
    public String id() {
        return id;
    }

    /** The op with code {@code code} (its ordinal). */
    public static NasBench201Op of(int code) {
        return VALUES[code];
    }

    /** The op named {@code id} in a cell string. */
    public static NasBench201Op parse(String id) {
        for (NasBench201Op op : VALUES) if (op.id.equals(id)) return op;
        throw new IllegalArgumentException("unknown NAS-Bench-201 op '" + id
                + "' (expected none, skip_connect, nor_conv_1x1, nor_conv_3x3 or avg_pool_3x3)");
    }
}
