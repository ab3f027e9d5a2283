package dev.edgetpunas.compiler.compile;

/**
 * The status of an op in edgetpu_compiler's operation table, with the compiler's exact text.
 *
 * <pre>{@code
 * OpStatus.MAPPED.text();   // "Mapped to Edge TPU"
 * }</pre>
 */
public enum OpStatus {
    MAPPED("Mapped to Edge TPU"),
    NOT_SUPPORTED("Operation not supported"),
    MORE_THAN_ONE_SUBGRAPH("More than one subgraph is not supported"),
    UNSPECIFIED_LIMITATION("Operation is otherwise supported, but not mapped due to some unspecified limitation"),
    UNSUPPORTED_DATA_TYPE("Operation is working on an unsupported data type"),
    VERSION_NOT_SUPPORTED("Operation version not supported");

    private final String text;

    OpStatus(String text) {
        this.text = text;
    }

    /** The text edgetpu_compiler prints. */
    public String text() {
        return text;
    }

    /** True for {@link #MAPPED}. */
    public boolean mapped() {
        return this == MAPPED;
    }

    /** The status whose text or constant name is {@code s}. */
    public static OpStatus parse(String s) {
        if (s == null) throw new IllegalArgumentException("status must not be null");
        String k = s.trim();
        for (OpStatus st : values()) {
            if (st.text.equalsIgnoreCase(k) || st.name().equalsIgnoreCase(k.replace('-', '_').replace(' ', '_'))) return st;
        }
        throw new IllegalArgumentException("unknown op status '" + s + "'");
    }
}
