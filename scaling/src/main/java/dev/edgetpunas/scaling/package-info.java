/**
 * EfficientNet compound scaling of any EfficientNet-style base network: the exact rules
 * ({@link dev.edgetpunas.scaling.CompoundScaling}, reusing compiler-model's round_filters and
 * round_repeats), the published coefficient tables ({@link dev.edgetpunas.compiler.zoo.EfficientNetVariant}),
 * members that meet latency targets on a profile ({@link dev.edgetpunas.scaling.FamilyScaler}) and the
 * latency-aware coefficient search ({@link dev.edgetpunas.scaling.CoefficientSearch}).
 */
package dev.edgetpunas.scaling;
