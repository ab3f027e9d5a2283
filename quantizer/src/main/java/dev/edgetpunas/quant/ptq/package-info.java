/**
 * Post-training int8 quantization of float graphs (TFLite's full-integer scheme): BN folding,
 * calibration through a {@link dev.edgetpunas.quant.ptq.FloatForward} (min/max or percentile),
 * per-channel symmetric weights, per-tensor activations, int32 biases, fixed and shared parameters
 * ({@link dev.edgetpunas.quant.ptq.PostTrainingQuantizer}); the result
 * ({@link dev.edgetpunas.quant.ptq.QuantizedModel}) and its accuracy and per-layer SQNR report
 * ({@link dev.edgetpunas.quant.ptq.QuantReport}). {@link dev.edgetpunas.quant.ptq.ExecutorForward} is the float forward pass
 * on training's graph executor (the project's one set of float kernels).
 */
package dev.edgetpunas.quant.ptq;
