package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.Rounding;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.util.Arrays;

/**
 * CONCATENATION along an axis. An input whose parameters equal the output's is copied; any other is
 * requantized as TFLite's {@code reference_ops::ConcatenationWithScaling} does (the uint8 path):
 * {@code clamp((int) round(q * s + b) + zp_out)} with {@code s = s_in * (1 / s_out)} and
 * {@code b = -zp_in * s} in float32. (TFLite requires equal parameters for int8 and copies; allowing
 * them to differ, with the same arithmetic as uint8, is this project's extension.) No fused activation.
 *
 * <pre>{@code
 * Concatenation cat = Concatenation.prepare(3, new QTensor[] {a, b}, out);  // channels
 * cat.run(new byte[][] {aBytes, bBytes}, outBytes);
 * }</pre>
 */
public final class Concatenation {
    private final QType type;
    private final int outer, outInner;
    private final int[] copySizes;
    private final boolean[] same;
    private final float[] scales, biases;
    private final int outZp, outSize;

    private Concatenation(int axis, QTensor[] inputs, QTensor output) {
        if (inputs.length == 0) throw new IllegalArgumentException("CONCATENATION needs at least one input");
        int rank = output.rank();
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) throw new IllegalArgumentException("CONCATENATION axis must be in [" + (-rank) + ", " + rank + "), but was " + axis);
        type = output.type();
        int[] outShape = output.shape();
        int axisSum = 0;
        copySizes = new int[inputs.length];
        same = new boolean[inputs.length];
        scales = new float[inputs.length];
        biases = new float[inputs.length];
        PerTensor po = output.perTensor();
        outZp = po.zeroPoint();
        float inverseOutputScale = 1f / po.scale();
        int inner = 1;
        for (int d = ax + 1; d < rank; d++) inner *= outShape[d];
        int out = 1;
        for (int d = 0; d < ax; d++) out *= outShape[d];
        outer = out;
        for (int i = 0; i < inputs.length; i++) {
            QTensor t = inputs[i];
            if (t.type() != type) throw new IllegalArgumentException("CONCATENATION input " + i + " type " + t.type() + " must be " + type);
            if (t.rank() != rank) throw new IllegalArgumentException("CONCATENATION input " + i + " rank " + t.rank() + " must be " + rank);
            for (int d = 0; d < rank; d++) {
                if (d != ax && t.dim(d) != outShape[d]) {
                    throw new IllegalArgumentException("CONCATENATION input " + i + " shape " + Arrays.toString(t.shape()) + " does not match output " + Arrays.toString(outShape) + " at dimension " + d);
                }
            }
            axisSum += t.dim(ax);
            copySizes[i] = t.dim(ax) * inner;
            PerTensor pi = t.perTensor();
            same[i] = pi.zeroPoint() == po.zeroPoint() && pi.scale() == po.scale();
            scales[i] = pi.scale() * inverseOutputScale;
            biases[i] = -pi.zeroPoint() * scales[i];
        }
        if (axisSum != outShape[ax]) {
            throw new IllegalArgumentException("CONCATENATION output dimension " + ax + " must be " + axisSum + ", but was " + outShape[ax]);
        }
        outInner = outShape[ax] * inner;
        outSize = output.size();
    }

    /** TFLite's Prepare. */
    public static Concatenation prepare(int axis, QTensor[] inputs, QTensor output) {
        return new Concatenation(axis, inputs.clone(), output);
    }

    /** Runs on the whole tensors. */
    public void run(byte[][] inputs, byte[] output) {
        if (inputs.length != copySizes.length) {
            throw new IllegalArgumentException("CONCATENATION expects " + copySizes.length + " inputs, but got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) Shapes.checkData("CONCATENATION input " + i, inputs[i], outer * copySizes[i]);
        Shapes.checkData("CONCATENATION output", output, outSize);
        boolean u = type == QType.UINT8;
        for (int k = 0; k < outer; k++) {
            int dst = k * outInner;
            for (int i = 0; i < inputs.length; i++) {
                int n = copySizes[i];
                int src = k * n;
                if (same[i]) {
                    System.arraycopy(inputs[i], src, output, dst, n);
                } else {
                    float s = scales[i], b = biases[i];
                    for (int j = 0; j < n; j++) {
                        int q = u ? inputs[i][src + j] & 0xFF : inputs[i][src + j];
                        int v = (int) Rounding.roundHalfAway(q * s + b) + outZp;
                        output[dst + j] = (byte) type.clamp(v);
                    }
                }
                dst += n;
            }
        }
    }
}
