/**
 * The integer interpreter: runs a quantized graph (int8 or legacy uint8, e.g. read from a real
 * {@code .tflite}) op by op with TFLite's reference integer kernels, each prepared once.
 * {@link dev.edgetpunas.quant.interp.Interpreter} prepares and runs; {@link
 * dev.edgetpunas.quant.interp.TensorValue} carries inputs and outputs (raw 8-bit data with their
 * parameters, or floats at QUANTIZE/DEQUANTIZE edges).
 */
package dev.edgetpunas.quant.interp;
