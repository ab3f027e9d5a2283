/**
 * TFLite int8 post-training quantization: reference integer kernels, calibration, per-channel weights, the integer interpreter and int8 .tflite export.
 */
package dev.edgetpunas.quant;
