package dev.edgetpunas.training.kernels;

/**
 * FULLY_CONNECTED in float32, forward and backward: input {@code [N, In]} (any shape whose first dimension
 * is the batch; the rest is flattened), weights {@code [Out, In]} as TFLite stores them, bias {@code [Out]}
 * or null, output {@code [N, Out]}. It runs as a 1x1 {@link Conv2d} over {@code [N, 1, 1, In]}, so it shares
 * that kernel's GEMM and its thread-count-independent reduction order. A plan, not thread-safe.
 *
 * <pre>{@code
 * FullyConnected fc = FullyConnected.plan(64, 3136, 10);
 * fc.forward(par, x, weights, bias, logits);
 * }</pre>
 */
public final class FullyConnected {
    private final Conv2d conv;
    private final int batch;
    private final int inputs;
    private final int outputs;

    private FullyConnected(int batch, int inputs, int outputs) {
        this.batch = batch;
        this.inputs = inputs;
        this.outputs = outputs;
        this.conv = Conv2d.plan(Conv2dSpec.of(1, 1, Padding.VALID), new int[] {batch, 1, 1, inputs}, new int[] {outputs, 1, 1, inputs});
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
        conv.forward(par, in, weights, bias, out);
    }

    /** Gradients: {@code dIn} (null to skip), {@code dWeights}, {@code dBias} (null to skip); all overwritten. */
    public void backward(Parallel par, float[] in, float[] weights, float[] dOut, float[] dIn, float[] dWeights, float[] dBias) {
        conv.backward(par, in, weights, dOut, dIn, dWeights, dBias);
    }
}
