/**
 * TFLite int8 quantization: {@code fixedpoint} (TFLite/gemmlowp fixed-point arithmetic),
 * {@code params} (quantization parameters, calibration, weight quantization, fused activation
 * ranges), {@code kernels} (TFLite's reference integer kernels on NHWC byte arrays) and {@code image}
 * (image decoding, Pillow-exact resizing, model input tensors). The interpreter, post-training
 * quantization and int8 .tflite export build on them.
 */
package dev.edgetpunas.quant;
