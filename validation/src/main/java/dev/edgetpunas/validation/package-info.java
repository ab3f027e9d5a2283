/**
 * Published measurement sets, fidelity metrics (MAPE, rank correlation) and least-squares calibration of profile parameters.
 */
package dev.edgetpunas.validation;
