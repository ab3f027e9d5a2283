/**
 * Float32 kernels, forward and backward, NHWC, on flat {@code float[]} arrays with explicit {@code int[]}
 * shapes: {@link dev.edgetpunas.training.kernels.Conv2d} (also depthwise via groups),
 * {@link dev.edgetpunas.training.kernels.FullyConnected}, {@link dev.edgetpunas.training.kernels.BatchNorm},
 * {@link dev.edgetpunas.training.kernels.Activation}, {@link dev.edgetpunas.training.kernels.Elementwise},
 * {@link dev.edgetpunas.training.kernels.Pool2d}, {@link dev.edgetpunas.training.kernels.Mean}, {@link dev.edgetpunas.training.kernels.Pad},
 * {@link dev.edgetpunas.training.kernels.SoftmaxCrossEntropy}. All results are bit-identical for any
 * {@link dev.edgetpunas.training.kernels.Parallel} thread count.
 */
package dev.edgetpunas.training.kernels;
