/**
 * Internals of the validation module: the deployed-graph cache and the row predictor.
 */
package dev.edgetpunas.validation.internal;
