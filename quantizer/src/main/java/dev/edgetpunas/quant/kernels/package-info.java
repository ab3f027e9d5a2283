/**
 * TFLite's reference integer kernels (int8 and legacy uint8) on flat NHWC {@code byte[]} tensors with
 * explicit shapes and quantization parameters. Each op is prepared once from its options and tensor
 * descriptions (TFLite's Prepare: multipliers, shifts, activation range, packed weights) and then run
 * on data arrays (TFLite's Eval), optionally splitting output rows over a {@link
 * dev.edgetpunas.quant.kernels.Parallelism}; results never depend on the thread count.
 */
package dev.edgetpunas.quant.kernels;
