package dev.edgetpunas.quant.ptq;

import java.util.Objects;

/**
 * The range and int8 parameters chosen for one activation tensor.
 *
 * <pre>{@code
 * TensorRange r = model.activationRanges().get(0);
 * r.name(); r.min(); r.max(); r.scale(); r.zeroPoint(); r.source();   // "input", 0.0, 1.0, 0.0039, -128, CALIBRATED
 * }</pre>
 *
 * @param tensor the tensor's index in the quantized (and folded float) graph
 * @param name the tensor's name
 * @param min the observed (or percentile) minimum over the calibration samples
 * @param max the observed (or percentile) maximum
 * @param scale the chosen scale
 * @param zeroPoint the chosen zero point
 * @param source where the parameters come from
 */
public record TensorRange(int tensor, String name, float min, float max, float scale, int zeroPoint, Source source) {

    /** Where a tensor's parameters come from. */
    public enum Source {
        /** Its own calibrated range. */
        CALIBRATED,
        /** The spec's fixed output parameters (LOGISTIC, SOFTMAX: 1/256, -128; TANH: 1/128, 0). */
        FIXED,
        /** Shared with other tensors that TFLite requires to have the same parameters (pools, reshape, pad, resize, concat, split): the union of their ranges. */
        SHARED
    }

    public TensorRange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (tensor < 0) throw new IllegalArgumentException("tensor must be >= 0, but was " + tensor);
    }
}
