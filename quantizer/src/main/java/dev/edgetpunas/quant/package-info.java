/**
 * TFLite int8 quantization: {@code fixedpoint} (TFLite/gemmlowp fixed-point arithmetic),
 * {@code params} (quantization parameters, calibration, weight quantization, fused activation
 * ranges), {@code kernels} (TFLite's reference integer kernels on NHWC byte arrays), {@code image}
 * (image decoding, Pillow-exact resizing, model input tensors), {@code interp} (the integer
 * interpreter over the Graph IR), {@code classify} (labels, image classification as Coral's example)
 * and {@code ptq} (post-training quantization, accuracy and SQNR reports). Export is
 * {@code TfliteWriter} on the quantized graph.
 */
package dev.edgetpunas.quant;
