/**
 * SCALE-Sim topology CSV files, a format users already have: conv rows
 * {@code name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride H[, Stride W],} and
 * GEMM rows {@code name, M, N, K,}, with SCALE-Sim's quirks accepted.
 *
 * <pre>{@code
 * List<TopologyLayer> layers = ScaleSimTopology.read(Path.of("mobilenet.csv"), TopologyFormat.CONV);
 * Workload w = layers.get(0).toWorkload();
 * }</pre>
 */
package dev.edgetpunas.systolic.topology;
