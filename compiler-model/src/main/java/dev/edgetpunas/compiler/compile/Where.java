package dev.edgetpunas.compiler.compile;

import java.util.Locale;

/**
 * Where an op or a segment runs.
 *
 * <pre>{@code
 * Where.TPU.id();   // "tpu"
 * }</pre>
 */
public enum Where {
    /** On the Edge TPU, inside a compiled segment. */
    TPU,
    /** On the host CPU, as a TFLite builtin or custom op. */
    CPU;

    /** Lower case, as in JSON: {@code tpu}, {@code cpu}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
