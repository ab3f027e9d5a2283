package dev.edgetpunas.compiler.graph;

import java.util.Locale;

/**
 * A model-level activation function, as written in model definitions and block files. In a graph it
 * becomes ops: {@code RELU}, {@code RELU6}, {@code HARD_SWISH}, {@code LOGISTIC}, {@code TANH}, or for
 * swish a {@code LOGISTIC} followed by {@code MUL(x, sigmoid(x))}, which is what edgetpu_compiler sees.
 *
 * <pre>{@code
 * Nonlinearity.parse("hard_swish");   // HARD_SWISH
 * }</pre>
 */
public enum Nonlinearity {
    NONE,
    RELU,
    RELU6,
    SWISH,
    HARD_SWISH,
    SIGMOID,
    TANH;

    /** Lower-case name as written in files ({@code relu}, {@code hard_swish}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code relu|relu6|swish|hard_swish|sigmoid|tanh|none} (case-insensitive, '-' or '_'). */
    public static Nonlinearity parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (k.equals("HSWISH")) k = "HARD_SWISH";
        if (k.equals("SILU")) k = "SWISH";
        try {
            return valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + s
                    + "' (expected relu, relu6, swish, hard_swish, sigmoid, tanh or none)");
        }
    }
}
