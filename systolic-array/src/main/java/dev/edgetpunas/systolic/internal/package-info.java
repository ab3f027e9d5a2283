/**
 * Internals of the array models (not API): the closed-form fold pipeline of the Edge TPU mode.
 *
 * <pre>{@code
 * FoldPipeline p = new FoldPipeline(64, 64, true, 128, 0.84, 0, true, true, true);
 * p.run(3136, 0, 0, 0, 1, 0, 576, 64, 1, 200_704);   // one GEMM block: T = 3136, K = 576, N = 64
 * p.cycles();
 * }</pre>
 */
package dev.edgetpunas.systolic.internal;
