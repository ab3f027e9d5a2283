/**
 * Quantization parameters as TFLite stores them (per-tensor and per-axis scale and zero point), the
 * 8-bit storage types (int8, legacy uint8), quantize and dequantize, the calibration formula for
 * activations, symmetric per-channel weight and int32 bias quantization, and fused activation ranges.
 */
package dev.edgetpunas.quant.params;
