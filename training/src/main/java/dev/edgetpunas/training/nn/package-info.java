/**
 * A small layer-list model API on top of the kernels: {@link dev.edgetpunas.training.nn.Sequential} of
 * {@link dev.edgetpunas.training.nn.Layer}s (conv, dense, batch norm, activations, pooling, global average
 * pooling, squeeze-and-excitation, residual ADD) with their {@link dev.edgetpunas.training.nn.Param}s.
 */
package dev.edgetpunas.training.nn;
