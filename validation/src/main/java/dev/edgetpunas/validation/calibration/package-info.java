/**
 * Calibration of profile values against measurements: the calibratable keys and their physical bounds,
 * bounded least squares on log latency, leave-one-out cross-validation, and the calibrated profile file.
 */
package dev.edgetpunas.validation.calibration;
