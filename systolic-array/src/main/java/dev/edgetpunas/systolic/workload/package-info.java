/**
 * Workloads the array model times: GEMM, convolution (lowered to GEMM), depthwise convolution, fully
 * connected, and element-wise work on the vector path. Shapes in, nothing else: no graphs, no profiles.
 *
 * <pre>{@code
 * Workload w = ConvWorkload.same(112, 112, 3, 3, 24, 192, 1);   // TFLite SAME padding
 * Gemm g = ((ConvWorkload) w).toGemm();                         // T = 12544, K = 216, N = 192
 * }</pre>
 */
package dev.edgetpunas.systolic.workload;
