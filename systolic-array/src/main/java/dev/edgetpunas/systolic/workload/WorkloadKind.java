package dev.edgetpunas.systolic.workload;

/**
 * The closed set of workload kinds; models switch over it exhaustively.
 *
 * <pre>{@code
 * switch (w.kind()) { case GEMM: ...; case CONV: ...; case DEPTHWISE: ...; case FULLY_CONNECTED: ...; case VECTOR: ... }
 * }</pre>
 */
public enum WorkloadKind {
    /** A plain matrix product {@link Gemm}. */
    GEMM,
    /** A 2-D convolution {@link ConvWorkload}, lowered to a GEMM. */
    CONV,
    /** A depthwise convolution {@link DepthwiseWorkload}. */
    DEPTHWISE,
    /** A fully connected layer {@link FullyConnected}: a GEMM with one streamed row. */
    FULLY_CONNECTED,
    /** Element-wise, pooling or activation work on the vector path {@link VectorWorkload}. */
    VECTOR
}
