package dev.edgetpunas.training.kernels;

/**
 * TFLite padding, computed as TFLite computes it ({@code ComputePaddingHeightWidth}): SAME gives
 * {@code out = ceil(in / stride)} and pads {@code total = max(0, (out - 1) * stride + effK - in)}, with
 * {@code floor(total / 2)} before and the rest after; VALID gives {@code out = ceil((in - effK + 1) / stride)}
 * and no padding. {@code effK = (k - 1) * dilation + 1}.
 *
 * <pre>{@code
 * int out = Padding.SAME.outputSize(28, 3, 2, 1);   // 14
 * int before = Padding.SAME.padBefore(28, 3, 2, 1); // 0 (total 1: the extra row goes after)
 * }</pre>
 */
public enum Padding {
    SAME,
    VALID;

    /** Output extent along one axis. */
    public int outputSize(int in, int kernel, int stride, int dilation) {
        int eff = (kernel - 1) * dilation + 1;
        int out = this == SAME ? (in + stride - 1) / stride : (in - eff + stride) / stride;
        if (out < 1) {
            throw new IllegalArgumentException("input extent " + in + " is smaller than the dilated kernel " + eff
                    + " (" + name() + " padding)");
        }
        return out;
    }

    /** Padding inserted before the first input element along one axis. */
    public int padBefore(int in, int kernel, int stride, int dilation) {
        if (this == VALID) return 0;
        int eff = (kernel - 1) * dilation + 1;
        int out = outputSize(in, kernel, stride, dilation);
        int total = Math.max(0, (out - 1) * stride + eff - in);
        return total / 2;
    }
}
