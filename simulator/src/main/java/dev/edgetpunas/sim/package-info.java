/**
 * Accelerator profiles and the whole-inference latency model: lowering a compiled graph onto the array, host I/O, CPU fallback cost, scenarios, reports and Chrome traces.
 */
package dev.edgetpunas.sim;
