package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Mean;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;

/**
 * MEAN over H and W: {@code [N, H, W, C] -> [N, C]} (the head of EfficientNet-like networks).
 *
 * <pre>{@code
 * Layer gap = new GlobalAveragePool();
 * }</pre>
 */
public final class GlobalAveragePool implements Layer {
    private Tensor input;
    private float[] out;
    private float[] dx;

    @Override
    public int[] outputShape(int[] inputShape) {
        Buffers.requireRank("MEAN", inputShape, 4);
        return new int[] {inputShape[0], inputShape[3]};
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        int[] os = outputShape(x.shape());
        out = Buffers.ensure(out, os[0] * os[1]);
        Mean.forward(par, x.shape(), x.data(), out);
        input = x;
        return new Tensor(os, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (!needInputGradient) return null;
        dx = Buffers.ensure(dx, input.size());
        Mean.backward(par, input.shape(), dy.data(), dx);
        return new Tensor(input.shape(), dx);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return "MEAN (H, W)";
    }
}
