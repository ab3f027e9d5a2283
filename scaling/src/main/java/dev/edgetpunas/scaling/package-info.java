/**
 * EfficientNet compound scaling: round_filters / round_repeats, coefficient tables and latency-aware coefficient search.
 */
package dev.edgetpunas.scaling;
