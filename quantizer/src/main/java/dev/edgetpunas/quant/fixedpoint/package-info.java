/**
 * Fixed-point arithmetic exactly as TFLite ({@code kernels/internal/common.h},
 * {@code quantization_util.cc}) and gemmlowp ({@code fixedpoint.h}) compute it: saturating rounding
 * doubling high multiply, rounding divide by a power of two, quantized multipliers, round half away
 * from zero, and gemmlowp's fixed-point exp, logistic, tanh and reciprocal.
 */
package dev.edgetpunas.quant.fixedpoint;
