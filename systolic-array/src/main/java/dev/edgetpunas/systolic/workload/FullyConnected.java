package dev.edgetpunas.systolic.workload;

/**
 * A fully connected layer at batch 1: a GEMM with one streamed row ({@code T = 1}), so every fold's
 * weights are used for a single cycle and weight loading dominates.
 *
 * <pre>{@code
 * FullyConnected fc = new FullyConnected(1280, 1001);
 * fc.toGemm();   // Gemm[m=1, k=1280, n=1001]
 * }</pre>
 *
 * @param inputs input features (K), > 0
 * @param outputs output features (N), > 0
 */
public record FullyConnected(long inputs, long outputs) implements Workload {
    public FullyConnected {
        Checks.positive("inputs", inputs);
        Checks.positive("outputs", outputs);
        Checks.product("inputs * outputs", inputs, outputs);
    }

    /** The GEMM this layer is: {@code M = 1, K = inputs, N = outputs}. */
    public Gemm toGemm() {
        return new Gemm(1, inputs, outputs);
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.FULLY_CONNECTED;
    }

    @Override
    public long macs() {
        return inputs * outputs;
    }

    @Override
    public long weightBytes() {
        return inputs * outputs;
    }

    @Override
    public long inputBytes() {
        return inputs;
    }

    @Override
    public long outputBytes() {
        return outputs;
    }
}
