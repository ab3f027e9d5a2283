package dev.edgetpunas.systolic;

import dev.edgetpunas.systolic.workload.Workload;

/**
 * A strategy that times one layer on an array. Implementations are immutable, thread-safe and
 * allocation-light (the simulator calls them thousands of times per second).
 *
 * <pre>{@code
 * CycleModel model = scalesim ? new ScaleSimModel(array) : new EdgeTpuModel(array, EdgeTpuParams.defaults());
 * LayerResult r = model.evaluate(new Gemm(3136, 576, 64), Placement.ON_CHIP);
 * }</pre>
 */
public interface CycleModel {

    /** The array this model times. */
    ArrayConfig array();

    /** A short name for reports ({@code scalesim}, {@code edgetpu}). */
    String name();

    /**
     * Times one layer with its operands where {@code placement} says. Models without a memory
     * hierarchy (SCALE-Sim mode) ignore the placement.
     *
     * @throws IllegalArgumentException if this model cannot run the workload (the message says why)
     */
    LayerResult evaluate(Workload workload, Placement placement);

    /** {@link #evaluate(Workload, Placement)} with everything on chip. */
    default LayerResult evaluate(Workload workload) {
        return evaluate(workload, Placement.ON_CHIP);
    }
}
