package dev.edgetpunas.training.kernels;

import dev.edgetpunas.training.kernels.internal.GemmKernel;
import java.util.Arrays;

/**
 * FULLY_CONNECTED in float32, forward and backward: input {@code [N, In]} (any shape whose first dimension
 * is the batch; the rest is flattened), weights {@code [Out, In]} as TFLite stores them, bias {@code [Out]}
 * or null, output {@code [N, Out]}. A plan (owns row buffers), not thread-safe.
 *
 * <p>Unlike {@link Conv2d}, whose inner loops run over pixels, the inner loops here run over the feature
 * axes ({@code Out} in forward, {@code In} in both gradients), which stay long when the batch is small.
 * Forward and the input gradient run in parallel over samples; the weight gradient runs in parallel
 * over output rows and sums samples in index order, so results are bit-identical for any thread count.
 *
 * <pre>{@code
 * FullyConnected fc = FullyConnected.plan(64, 3136, 10);
 * fc.forward(par, x, weights, bias, logits);
 * fc.backward(par, x, weights, dLogits, dx, dWeights, dBias);
 * }</pre>
 */
public final class FullyConnected {
    private final int batch;
    private final int inputs;
    private final int outputs;
    private float[][] wT;
    private float[][] wRows;
    private float[][] xRows;
    private float[][] acc;

    private FullyConnected(int batch, int inputs, int outputs) {
        this.batch = batch;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** Plans a layer with {@code inputs} inputs and {@code outputs} outputs for a batch of {@code batch}. */
    public static FullyConnected plan(int batch, int inputs, int outputs) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, but was " + batch);
        if (inputs < 1) throw new IllegalArgumentException("inputs must be >= 1, but was " + inputs);
        if (outputs < 1) throw new IllegalArgumentException("outputs must be >= 1, but was " + outputs);
        return new FullyConnected(batch, inputs, outputs);
    }

    /** {@code [N, Out]}. */
    public int[] outputShape() {
        return new int[] {batch, outputs};
    }

    /** {@code [Out, In]}. */
    public int[] weightShape() {
        return new int[] {outputs, inputs};
    }

    /** Multiply-accumulates of one forward pass. */
    public long macs() {
        return (long) batch * inputs * outputs;
    }

    /** {@code out = in * weights^T + bias}; {@code bias} may be null. */
    public void forward(Parallel par, float[] in, float[] weights, float[] bias, float[] out) {
        check(in, weights, out, "output");
        if (bias != null && bias.length < outputs) throw new IllegalArgumentException("bias.length must be >= " + outputs + ", but was " + bias.length);
        if (wT == null) wT = new float[inputs][outputs];
        if (acc == null) acc = new float[batch][Math.max(inputs, outputs)];
        par.forEach(inputs, 64, k -> {
            float[] r = wT[k];
            for (int o = 0; o < outputs; o++) r[o] = weights[o * inputs + k];
        });
        par.forEach(batch, p -> {
            float[] c = acc[p];
            if (bias == null) Arrays.fill(c, 0, outputs, 0f);
            else System.arraycopy(bias, 0, c, 0, outputs);
            GemmKernel.rowTimesRows(in, p * inputs, 1, wT, 0, inputs, c, outputs);
            System.arraycopy(c, 0, out, p * outputs, outputs);
        });
    }

    /** Gradients: {@code dIn} (null to skip), {@code dWeights}, {@code dBias} (null to skip); all overwritten. */
    public void backward(Parallel par, float[] in, float[] weights, float[] dOut, float[] dIn, float[] dWeights, float[] dBias) {
        check(in, weights, dOut, "output gradient");
        if (dWeights == null || dWeights.length < outputs * inputs) {
            throw new IllegalArgumentException("weight gradient must hold " + outputs * inputs + " values");
        }
        if (wRows == null) wRows = new float[outputs][inputs];
        if (xRows == null) xRows = new float[batch][inputs];
        if (acc == null) acc = new float[batch][Math.max(inputs, outputs)];
        par.forEach(batch, p -> System.arraycopy(in, p * inputs, xRows[p], 0, inputs));
        // dW[o] = sum_p dOut[p][o] * x[p], samples in index order
        par.forEach(outputs, o -> {
            float[] c = wRows[o];
            Arrays.fill(c, 0f);
            GemmKernel.rowTimesRows(dOut, o, outputs, xRows, 0, batch, c, inputs);
            System.arraycopy(c, 0, dWeights, o * inputs, inputs);
        });
        if (dBias != null) {
            if (dBias.length < outputs) throw new IllegalArgumentException("bias gradient length must be >= " + outputs + ", but was " + dBias.length);
            for (int o = 0; o < outputs; o++) {
                double s = 0;
                for (int p = 0; p < batch; p++) s += dOut[p * outputs + o];
                dBias[o] = (float) s;
            }
        }
        if (dIn != null) {
            if (dIn.length < batch * inputs) throw new IllegalArgumentException("input gradient must hold " + batch * inputs + " values");
            par.forEach(outputs, 8, o -> System.arraycopy(weights, o * inputs, wRows[o], 0, inputs));
            // dIn[p] = sum_o dOut[p][o] * W[o]
            par.forEach(batch, p -> {
                float[] c = acc[p];
                Arrays.fill(c, 0, inputs, 0f);
                GemmKernel.rowTimesRows(dOut, p * outputs, 1, wRows, 0, outputs, c, inputs);
                System.arraycopy(c, 0, dIn, p * inputs, inputs);
            });
        }
    }

    private void check(float[] in, float[] weights, float[] out, String outName) {
        if (in == null || in.length < batch * inputs) throw new IllegalArgumentException("input must hold " + batch * inputs + " values");
        if (weights == null || weights.length < outputs * inputs) throw new IllegalArgumentException("weights must hold " + outputs * inputs + " values");
        if (out == null || out.length < batch * outputs) throw new IllegalArgumentException(outName + " must hold " + batch * outputs + " values");
    }
}
