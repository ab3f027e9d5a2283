package dev.edgetpunas.quant.ptq;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.List;
import java.util.Objects;

/**
 * The result of post-training quantization: the int8 graph (ready for the integer interpreter and
 * {@code TfliteWriter}), the BN-folded float graph that was calibrated (tensor {@code t} of it is tensor
 * {@code t} of the int8 graph; the int8 graph may add tensors after them for float edges), and the
 * ranges chosen.
 *
 * <pre>{@code
 * QuantizedModel m = quantizer.quantize(floatGraph, calibration, PtqOptions.defaults());
 * TfliteWriter.write(m.graph(), Path.of("model_int8.tflite"));
 * Interpreter.prepare(m.graph()).run(input);
 * }</pre>
 *
 * @param graph the quantized graph
 * @param floatGraph the folded float graph that was calibrated
 * @param activationRanges every 8-bit activation tensor's range and parameters, by tensor index
 * @param weightRanges every quantized weight tensor, in op order
 * @param options the options used
 * @param calibrationSamples number of calibration samples seen
 */
public record QuantizedModel(Graph graph, Graph floatGraph, List<TensorRange> activationRanges, List<WeightRange> weightRanges,
        PtqOptions options, int calibrationSamples) {
    public QuantizedModel {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(floatGraph, "floatGraph");
        activationRanges = List.copyOf(activationRanges);
        weightRanges = List.copyOf(weightRanges);
        Objects.requireNonNull(options, "options");
        if (calibrationSamples < 1) throw new IllegalArgumentException("calibration_samples must be >= 1, but was " + calibrationSamples);
    }
}
