package dev.edgetpunas.quant.interp;

/**
 * An op the integer interpreter cannot run (LSTM, a custom op such as a compiled Edge TPU subgraph, an
 * op without an integer kernel, or a float op away from the QUANTIZE/DEQUANTIZE edges). The message is
 * one line naming the op's index and TFLite name and saying what to do instead.
 *
 * <pre>{@code
 * try {
 *     Interpreter.prepare(graph);
 * } catch (UnsupportedOpException e) {
 *     e.opIndex();   // 1
 *     e.opName();    // "UNIDIRECTIONAL_SEQUENCE_LSTM"
 * }
 * }</pre>
 */
public final class UnsupportedOpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int opIndex;
    private final String opName;

    /**
     * @param opIndex the op's position in execution order
     * @param opName the op's TFLite name
     * @param reason what is not supported and what to do instead
     */
    public UnsupportedOpException(int opIndex, String opName, String reason) {
        super("op " + opIndex + " (" + opName + "): " + reason);
        this.opIndex = opIndex;
        this.opName = opName;
    }

    /** The op's position in execution order. */
    public int opIndex() {
        return opIndex;
    }

    /** The op's TFLite name ({@code CUSTOM} for custom ops). */
    public String opName() {
        return opName;
    }
}
