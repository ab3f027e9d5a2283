package dev.edgetpunas.sim.report;

/**
 * Something that occupied the host link or the host driver during an inference: the per-inference
 * overhead, input/output transfers, transfers at TPU/CPU segment boundaries, streamed parameters and
 * (cold or alternating scenarios) the load of cached parameters.
 *
 * @param kind {@code overhead}, {@code input}, {@code output}, {@code boundary}, {@code stream} or {@code param_load}
 * @param label what moved (tensor name, op)
 * @param bytes bytes moved (0 for overhead)
 * @param startUs start time, microseconds
 * @param us duration, microseconds
 */
public record Transfer(String kind, String label, long bytes, double startUs, double us) {
}
