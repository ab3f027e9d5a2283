/**
 * A cycle-approximate model of an R x C int8 systolic array. Two strategies behind one interface,
 * {@link dev.edgetpunas.systolic.CycleModel}: {@link dev.edgetpunas.systolic.ScaleSimModel} reproduces
 * scale-sim-v2's stall-free cycle counts (WS, OS, IS); {@link dev.edgetpunas.systolic.EdgeTpuModel}
 * models a weight-stationary Edge TPU-like array with double-buffered weights, partial folds, per-level
 * memory traffic and bandwidth stalls, and legal depthwise mappings. Knows nothing of graphs or
 * profiles: shapes and numbers in, {@link dev.edgetpunas.systolic.LayerResult}s out.
 *
 * <pre>{@code
 * ArrayConfig array = ArrayConfig.edgeTpu();                       // 64x64 WS, 500 MHz
 * LayerResult r = new ScaleSimModel(array).evaluate(ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1));
 * r.cycles();                                                      // 29,933
 * }</pre>
 */
package dev.edgetpunas.systolic;
