/**
 * Measurement files: the project's CSV, Coral's benchmark reference files and TFLite benchmark_model logs.
 */
package dev.edgetpunas.validation.io;
