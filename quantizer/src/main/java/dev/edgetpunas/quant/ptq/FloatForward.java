package dev.edgetpunas.quant.ptq;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.List;

/**
 * A float32 forward pass over a {@link Graph}, as post-training quantization needs it for calibration
 * and for the float side of its reports. The project keeps one set of float kernels (the
 * {@code training} module's); this interface is how the quantizer reaches them without owning a
 * second copy. The lead wires training's graph executor in; tests implement it by hand for tiny graphs.
 *
 * <pre>{@code
 * FloatForward forward = graph -> inputs -> trainingExecutor.runAll(graph, inputs);
 * FloatForward.Runner run = forward.prepare(foldedGraph);
 * float[][] values = run.run(List.of(image));   // values[t]: tensor t, row-major (NHWC)
 * }</pre>
 */
@FunctionalInterface
public interface FloatForward {

    /** Prepares {@code graph} (float32, BN already folded, activations possibly fused into convs) once. */
    Runner prepare(Graph graph);

    /** A prepared graph. */
    @FunctionalInterface
    interface Runner {
        /**
         * Runs one sample: {@code inputs.get(i)} is graph input {@code i}, row-major. Returns an array
         * indexed by tensor index holding the values of every non-constant FLOAT32 tensor (graph inputs,
         * every op output, with fused activations applied); other entries may be null. Must be safe to
         * call repeatedly; the quantizer never modifies the returned arrays.
         */
        float[][] run(List<float[]> inputs);
    }
}
