/**
 * Optimisation: {@link dev.edgetpunas.training.optim.Sgd} (momentum, Nesterov, weight decay),
 * {@link dev.edgetpunas.training.optim.CosineSchedule} (warm-up then cosine) and the mini-batch
 * {@link dev.edgetpunas.training.optim.Trainer}.
 */
package dev.edgetpunas.training.optim;
