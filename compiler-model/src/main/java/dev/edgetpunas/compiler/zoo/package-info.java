/**
 * Named models and model arguments: EfficientNet block strings and {@code .blocks} files, the
 * EfficientNet builder (S/M/L, B0-B7), the {@link dev.edgetpunas.compiler.zoo.ModelZoo} registry and
 * {@link dev.edgetpunas.compiler.zoo.Models}, which resolves a command's MODEL argument.
 */
package dev.edgetpunas.compiler.zoo;
