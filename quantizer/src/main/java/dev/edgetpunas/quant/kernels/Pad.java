package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.params.QType;
import java.util.Arrays;

/**
 * PAD (and PADV2) on tensors of rank &le; 4: pads with the output zero point (real 0), or with a
 * given constant raw value for PADV2. Input and output share parameters, as TFLite requires.
 *
 * <pre>{@code
 * Pad pad = Pad.prepare(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}, in, out);
 * pad.run(inBytes, outBytes);
 * }</pre>
 */
public final class Pad {
    private final int[] inShape, outShape, before;
    private final byte padValue;

    private Pad(int[][] paddings, QTensor input, QTensor output, Integer constant) {
        if (input.type() != output.type() || !input.perTensor().equals(output.perTensor())) {
            throw new IllegalArgumentException("PAD: input and output must share type and parameters, but were " + input + " and " + output);
        }
        int rank = input.rank();
        if (paddings.length != rank) throw new IllegalArgumentException("PAD paddings must have " + rank + " rows, but had " + paddings.length);
        int[] in = input.shape();
        int[] out = new int[rank];
        int[] bef = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (paddings[d].length != 2 || paddings[d][0] < 0 || paddings[d][1] < 0) {
                throw new IllegalArgumentException("PAD paddings[" + d + "] must be two values >= 0, but was " + Arrays.toString(paddings[d]));
            }
            bef[d] = paddings[d][0];
            out[d] = in[d] + paddings[d][0] + paddings[d][1];
        }
        Shapes.checkEqual("PAD output", out, output.shape());
        inShape = Shapes.extendTo4(in);
        outShape = Shapes.extendTo4(out);
        before = Shapes.extendTo4(bef);
        for (int d = 0; d < 4 - rank; d++) before[d] = 0;
        QType t = output.type();
        int v = constant == null ? output.perTensor().zeroPoint() : t.checkZeroPoint(constant, "PADV2 constant");
        padValue = t.store(v);
    }

    /** PAD: pads with the output zero point. {@code paddings[d] = {before, after}}. */
    public static Pad prepare(int[][] paddings, QTensor input, QTensor output) {
        return new Pad(paddings, input, output, null);
    }

    /** PADV2: pads with a raw constant value. */
    public static Pad prepare(int[][] paddings, QTensor input, QTensor output, int constantRaw) {
        return new Pad(paddings, input, output, constantRaw);
    }

    /** Runs on the whole tensor. */
    public void run(byte[] input, byte[] output) {
        Shapes.checkData("PAD input", input, Shapes.size(inShape));
        Shapes.checkData("PAD output", output, Shapes.size(outShape));
        Arrays.fill(output, padValue);
        for (int b = 0; b < inShape[0]; b++) {
            for (int y = 0; y < inShape[1]; y++) {
                for (int x = 0; x < inShape[2]; x++) {
                    int src = ((b * inShape[1] + y) * inShape[2] + x) * inShape[3];
                    int dst = (((b + before[0]) * outShape[1] + y + before[1]) * outShape[2] + x + before[2]) * outShape[3] + before[3];
                    System.arraycopy(input, src, output, dst, inShape[3]);
                }
            }
        }
    }
}
