package dev.edgetpunas.quant.ptq;

import java.util.List;

/**
 * One labelled test sample: the graph inputs (row-major floats in the float graph's input domain) and
 * the true class.
 *
 * <pre>{@code
 * LabelledSample s = LabelledSample.of(image, 7);
 * }</pre>
 *
 * @param inputs one array per graph input
 * @param label the true class, &ge; 0
 */
public record LabelledSample(List<float[]> inputs, int label) {
    public LabelledSample {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) throw new IllegalArgumentException("inputs must not be empty");
        if (label < 0) throw new IllegalArgumentException("label must be >= 0, but was " + label);
    }

    /** A sample of a single-input graph. */
    public static LabelledSample of(float[] input, int label) {
        return new LabelledSample(List.of(input), label);
    }
}
