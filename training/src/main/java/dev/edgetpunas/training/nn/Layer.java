package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;

/**
 * One step of a {@link Sequential} model: forward, backward (which writes its parameters' gradients and
 * returns the input gradient) and its parameters. A layer keeps what backward needs from the last
 * forward, so calls alternate forward, backward; layers are not thread-safe (the kernels parallelise).
 *
 * <pre>{@code
 * Tensor y = layer.forward(x, true, par);
 * Tensor dx = layer.backward(dy, true, par);
 * }</pre>
 */
public interface Layer {
    /** Output shape for an input of {@code inputShape} (batch first); throws if the input does not fit. */
    int[] outputShape(int[] inputShape);

    /** Computes the output; {@code training} selects batch statistics for batch norm. */
    Tensor forward(Tensor x, boolean training, Parallel par);

    /**
     * Given the output gradient, writes (overwrites) the parameter gradients and returns the input gradient,
     * or null when {@code needInputGradient} is false (the first layer of a model).
     */
    Tensor backward(Tensor dy, boolean needInputGradient, Parallel par);

    /** Trainable parameters (empty if none). */
    List<Param> params();

    /** Multiply-accumulates of one forward pass for an input of {@code inputShape}. */
    default long macs(int[] inputShape) {
        return 0;
    }

    /** A short description, e.g. {@code CONV_2D 3x3/1 SAME 1->32}. */
    String describe();
}
