package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.params.QType;

/**
 * ARG_MAX over one axis of an 8-bit tensor (TFLite's {@code reference_ops::ArgMinMax}): the index of
 * the largest raw value, the first one on ties; the output (int32) drops the axis.
 *
 * <pre>{@code
 * int[] best = new int[1];
 * ArgMax.run(QType.INT8, new int[] {1, 1001}, -1, logits, best);
 * }</pre>
 */
public final class ArgMax {
    private ArgMax() {}

    /** Writes the arg-max along {@code axis} (negative counts from the end) into {@code output}. */
    public static void run(QType type, int[] shape, int axis, byte[] input, int[] output) {
        int rank = shape.length;
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) throw new IllegalArgumentException("ARG_MAX axis must be in [" + (-rank) + ", " + rank + "), but was " + axis);
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < rank; d++) inner *= shape[d];
        int n = shape[ax];
        Shapes.checkData("ARG_MAX input", input, Shapes.size(shape));
        if (output.length != outer * inner) {
            throw new IllegalArgumentException("ARG_MAX output length must be " + outer * inner + ", but was " + output.length);
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = type.load(input[base]);
                int bestIndex = 0;
                for (int k = 1; k < n; k++) {
                    int v = type.load(input[base + k * inner]);
                    if (v > best) {
                        best = v;
                        bestIndex = k;
                    }
                }
                output[o * inner + i] = bestIndex;
            }
        }
    }
}
