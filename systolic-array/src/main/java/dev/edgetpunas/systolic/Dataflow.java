package dev.edgetpunas.systolic;

import java.util.Locale;

/**
 * Which operand stays in the array's PEs while the others stream.
 *
 * <pre>{@code
 * Dataflow df = Dataflow.parse("ws");   // WS
 * }</pre>
 */
public enum Dataflow {
    /** Weight stationary (the Edge TPU, TPU v1): weights preloaded, activations stream. */
    WS,
    /** Output stationary: each PE accumulates one output. */
    OS,
    /** Input stationary: activations preloaded, weights stream. */
    IS;

    /** Parses {@code ws}, {@code os} or {@code is} in any case; the error names the bad value. */
    public static Dataflow parse(String text) {
        if (text != null) {
            switch (text.trim().toUpperCase(Locale.ROOT)) {
                case "WS": return WS;
                case "OS": return OS;
                case "IS": return IS;
                default: break;
            }
        }
        throw new IllegalArgumentException("dataflow must be one of ws, os, is, but was '" + text + "'");
    }
}
