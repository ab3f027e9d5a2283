package dev.edgetpunas.quant.kernels;

/**
 * TFLite's padding modes and their output size and offset arithmetic ({@code ComputeOutSize},
 * {@code ComputePaddingWithOffset}): SAME pads so that {@code out = ceil(in / stride)}, with the odd
 * extra row or column at the bottom/right; VALID does not pad.
 *
 * <pre>{@code
 * int out = Padding.SAME.outputSize(112, 3, 2, 1);       // 56
 * int top = Padding.SAME.padBefore(112, 3, 2, 1);        // 0 (total padding 1 goes to the bottom)
 * }</pre>
 */
public enum Padding {
    /** Pad so that the output has {@code ceil(in / stride)} positions. */
    SAME,
    /** No padding: the filter stays inside the input. */
    VALID;

    /** Output size along one dimension; throws when the (dilated) filter does not fit a VALID input. */
    public int outputSize(int in, int filter, int stride, int dilation) {
        checkPositive(in, "input size");
        checkPositive(filter, "filter size");
        checkPositive(stride, "stride");
        checkPositive(dilation, "dilation");
        int effective = (filter - 1) * dilation + 1;
        int out = switch (this) {
            case SAME -> (in + stride - 1) / stride;
            case VALID -> (in + stride - effective) / stride;
        };
        if (out <= 0) {
            throw new IllegalArgumentException("VALID padding: effective filter size " + effective + " exceeds input size " + in);
        }
        return out;
    }

    /** Padding before the first element (top or left): {@code total / 2}, the odd remainder goes after. */
    public int padBefore(int in, int filter, int stride, int dilation) {
        int out = outputSize(in, filter, stride, dilation);
        int effective = (filter - 1) * dilation + 1;
        int total = (out - 1) * stride + effective - in;
        return Math.max(total, 0) / 2;
    }

    /** Parses {@code SAME} or {@code VALID} (case-insensitive). */
    public static Padding parse(String name) {
        for (Padding p : values()) if (p.name().equalsIgnoreCase(name.trim())) return p;
        throw new IllegalArgumentException("padding must be SAME or VALID, but was '" + name + "'");
    }

    private static void checkPositive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, but was " + v);
    }
}
