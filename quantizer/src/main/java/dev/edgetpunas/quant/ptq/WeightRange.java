package dev.edgetpunas.quant.ptq;

import java.util.Objects;

/**
 * The range and quantization of one weight tensor.
 *
 * <pre>{@code
 * WeightRange w = model.weightRanges().get(0);
 * w.name(); w.op(); w.channels(); w.min(); w.max(); w.zeroChannels();   // "conv/weights", "CONV_2D", 32, -0.9, 1.2, 0
 * }</pre>
 *
 * @param name the weight tensor's name
 * @param op the TFLite name of the op that uses it
 * @param channels number of scales (1 for per-tensor)
 * @param min smallest float weight
 * @param max largest float weight
 * @param minScale smallest scale of a non-zero channel (0 if all are zero)
 * @param maxScale largest scale
 * @param zeroChannels channels whose weights are all zero
 */
public record WeightRange(String name, String op, int channels, float min, float max, float minScale, float maxScale, int zeroChannels) {
    public WeightRange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, but was " + channels);
    }
}
