package dev.edgetpunas.compiler.graph;

/** Convolution and pooling padding, as TFLite's {@code Padding} (SAME 0, VALID 1). */
public enum Padding {
    SAME,
    VALID;

    /** TFLite's code. */
    public int tfliteCode() {
        return ordinal();
    }

    public static Padding fromTflite(int code) {
        if (code < 0 || code > 1) throw new IllegalArgumentException("unknown TFLite padding " + code);
        return values()[code];
    }

    /** Output size of a window of {@code kernel} taps (dilated) with {@code stride} over {@code in}. */
    public int outputSize(int in, int kernel, int stride, int dilation) {
        int effective = (kernel - 1) * dilation + 1;
        return switch (this) {
            case SAME -> (in + stride - 1) / stride;
            case VALID -> in < effective ? 0 : (in - effective + stride) / stride;
        };
    }
}
