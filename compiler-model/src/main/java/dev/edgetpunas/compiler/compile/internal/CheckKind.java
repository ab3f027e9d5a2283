package dev.edgetpunas.compiler.compile.internal;

import dev.edgetpunas.compiler.compile.OpStatus;
import java.util.Locale;

/**
 * The closed set of checks a rule file can name (the file says which op gets which check and with
 * which limits; the checks themselves are code). Each has the status the real compiler gives when it
 * fails, which a rule may override.
 *
 * <pre>{@code
 * CheckKind.parse("max_input_elements");   // MAX_INPUT_ELEMENTS
 * }</pre>
 */
public enum CheckKind {
    /** Activations (non-constant inputs, outputs) have one of {@code allowed} types; parameters too, or INT32. */
    QUANTIZED_TYPES(OpStatus.UNSUPPORTED_DATA_TYPE),
    /** Activation tensors: only the {@code limit} innermost dimensions may exceed 1. */
    MAX_NON_UNIT_DIMS(OpStatus.UNSPECIFIED_LIMITATION),
    /** Convolution and fully connected weights are constants. */
    CONSTANT_WEIGHTS(OpStatus.UNSPECIFIED_LIMITATION),
    /** Convolution dilation is the same along height and width. */
    EQUAL_DILATION(OpStatus.UNSPECIFIED_LIMITATION),
    /** Convolution dilation is 1. */
    NO_DILATION(OpStatus.UNSPECIFIED_LIMITATION),
    /** No fused activation function. */
    NO_FUSED_ACTIVATION(OpStatus.UNSPECIFIED_LIMITATION),
    /** The data input has at most one dimension greater than 1. */
    ONE_DIMENSIONAL_INPUT(OpStatus.UNSPECIFIED_LIMITATION),
    /** The output has at most one dimension greater than 1. */
    ONE_DIMENSIONAL_OUTPUT(OpStatus.UNSPECIFIED_LIMITATION),
    /** The data input has at most {@code limit} elements. */
    MAX_INPUT_ELEMENTS(OpStatus.UNSPECIFIED_LIMITATION),
    /** MEAN: no batch reduction; channel reduction only if {@code channels} and a multiple of {@code channel_multiple}. */
    MEAN_AXES(OpStatus.UNSPECIFIED_LIMITATION),
    /** Reductions: at most {@code limit} input elements averaged into one output element. */
    MAX_REDUCED_ELEMENTS(OpStatus.UNSPECIFIED_LIMITATION),
    /** STRIDED_SLICE: every stride is 1. */
    UNIT_STRIDES(OpStatus.UNSPECIFIED_LIMITATION),
    /** PAD: no padding of the batch dimension. */
    NO_BATCH_PADDING(OpStatus.UNSPECIFIED_LIMITATION),
    /** SQUEEZE: removes leading 1s only. */
    SQUEEZE_LEADING(OpStatus.UNSPECIFIED_LIMITATION),
    /** CONCATENATION: a constant input must be all zeros, and then there are only 2 inputs. */
    ZERO_CONSTANT_PAIR(OpStatus.UNSPECIFIED_LIMITATION),
    /** RESIZE_*: output height and width at most {@code limit} times the input's. */
    RESIZE_MAX_SCALE(OpStatus.UNSPECIFIED_LIMITATION),
    /** At least one input is a constant (compiler 2.0's MUL, an assumption). */
    CONSTANT_OPERAND(OpStatus.UNSPECIFIED_LIMITATION),
    /** CUSTOM: the custom code is one of {@code allowed}. */
    CUSTOM_CODE(OpStatus.NOT_SUPPORTED);

    private final OpStatus defaultStatus;

    CheckKind(OpStatus defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    /** The status the real compiler gives when this check fails. */
    public OpStatus defaultStatus() {
        return defaultStatus;
    }

    /** The name used in rule files: lower snake case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The check named {@code s} in a rule file. */
    public static CheckKind parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CheckKind c : values()) if (c.name().equals(k)) return c;
        StringBuilder known = new StringBuilder();
        for (CheckKind c : values()) known.append(known.length() == 0 ? "" : ", ").append(c.id());
        throw new IllegalArgumentException("unknown check '" + s + "' (known: " + known + ")");
    }
}
