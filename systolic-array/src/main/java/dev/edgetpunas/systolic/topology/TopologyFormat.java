package dev.edgetpunas.systolic.topology;

/**
 * The two row layouts of SCALE-Sim topology files.
 *
 * <pre>{@code
 * ScaleSimTopology.read(path, gemm ? TopologyFormat.GEMM : TopologyFormat.CONV);
 * }</pre>
 */
public enum TopologyFormat {
    /** {@code name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride H[, Stride W],} */
    CONV,
    /** {@code name, M, N, K,} (SCALE-Sim's {@code -i gemm}): H = M, W = K, Fh = 1, Fw = K, Cin = 1. */
    GEMM
}
