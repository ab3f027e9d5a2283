/**
 * Named models and model arguments: EfficientNet block strings and {@code .blocks} files, the
 * EfficientNet builder (S/M/L, B0-B7), the networks of Coral's benchmark tables written as published
 * ({@link dev.edgetpunas.compiler.zoo.MobileNets}, {@link dev.edgetpunas.compiler.zoo.Inceptions},
 * {@link dev.edgetpunas.compiler.zoo.ResNets}, {@link dev.edgetpunas.compiler.zoo.DenseNet},
 * {@link dev.edgetpunas.compiler.zoo.SqueezeNet}, {@link dev.edgetpunas.compiler.zoo.Vgg},
 * {@link dev.edgetpunas.compiler.zoo.Ssd}, {@link dev.edgetpunas.compiler.zoo.UNet},
 * {@link dev.edgetpunas.compiler.zoo.DeepLab}), the {@link dev.edgetpunas.compiler.zoo.ModelZoo}
 * registry, {@link dev.edgetpunas.compiler.zoo.CoralNames} (Coral's published names to zoo names) and
 * {@link dev.edgetpunas.compiler.zoo.Models}, which resolves a command's MODEL argument.
 */
package dev.edgetpunas.compiler.zoo;
