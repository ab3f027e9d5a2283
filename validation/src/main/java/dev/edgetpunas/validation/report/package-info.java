/**
 * Output of validation and calibration: JSON with stable keys, Markdown tables, and the log-log
 * predicted-vs-measured scatter plot (PNG and SVG).
 */
package dev.edgetpunas.validation.report;
