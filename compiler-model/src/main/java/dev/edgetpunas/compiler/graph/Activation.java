package dev.edgetpunas.compiler.graph;

/** A fused activation function, as TFLite's {@code ActivationFunctionType}. */
public enum Activation {
    NONE,
    RELU,
    RELU_N1_TO_1,
    RELU6,
    TANH,
    SIGN_BIT;

    /** TFLite's code. */
    public int tfliteCode() {
        return ordinal();
    }

    public static Activation fromTflite(int code) {
        if (code < 0 || code >= values().length) throw new IllegalArgumentException("unknown TFLite activation " + code);
        return values()[code];
    }
}
