package dev.edgetpunas.quant.ptq;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.training.graph.GraphModel;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;
import java.util.Objects;

/**
 * The project's {@link FloatForward}: training's graph executor ({@link GraphModel}) in inference mode,
 * so calibration and the float side of the reports run on the one set of float kernels that training
 * uses. Each prepared runner owns its executor and is serialized (call it from one thread at a time for
 * speed); the kernels are bit-identical for any thread count.
 *
 * <pre>{@code
 * FloatForward forward = ExecutorForward.serial();
 * QuantizedModel m = new PostTrainingQuantizer(forward).quantize(floatGraph, calibration, PtqOptions.defaults());
 * }</pre>
 */
public final class ExecutorForward implements FloatForward {
    private final Parallel parallel;

    private ExecutorForward(Parallel parallel) {
        this.parallel = Objects.requireNonNull(parallel, "parallel");
    }

    /** On the calling thread. */
    public static ExecutorForward serial() {
        return new ExecutorForward(Parallel.serial());
    }

    /** On {@code parallel}'s threads (the caller closes it). */
    public static ExecutorForward on(Parallel parallel) {
        return new ExecutorForward(parallel);
    }

    @Override
    public Runner prepare(Graph graph) {
        GraphModel model = GraphModel.of(graph);
        return new Runner() {
            @Override
            public synchronized float[][] run(List<float[]> inputs) {
                return model.inferAll(parallel, inputs, 1);
            }
        };
    }
}
