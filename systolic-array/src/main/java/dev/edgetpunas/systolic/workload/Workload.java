package dev.edgetpunas.systolic.workload;

/**
 * One layer's work, as shapes. Operands are int8, so element counts are byte counts.
 *
 * <pre>{@code
 * Workload w = new Gemm(3136, 576, 64);
 * long macs = w.macs();             // 115,605,504
 * long weights = w.weightBytes();   // 36,864
 * }</pre>
 */
public sealed interface Workload permits Gemm, ConvWorkload, DepthwiseWorkload, FullyConnected, VectorWorkload {

    /** Which record this is (models switch over it). */
    WorkloadKind kind();

    /** Multiply-accumulates of the layer (0 for pure vector work). */
    long macs();

    /** int8 parameter bytes (weights; biases are not counted). */
    long weightBytes();

    /** Bytes of the distinct input activations the layer reads. */
    long inputBytes();

    /** Bytes of output activations the layer writes. */
    long outputBytes();
}
