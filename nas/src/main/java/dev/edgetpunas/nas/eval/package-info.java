/**
 * Evaluators: latency ({@link dev.edgetpunas.nas.eval.LatencyEvaluator}, the simulator plugs in here),
 * accuracy (the shared {@code training.estimate.AccuracyEstimator}; the NAS-Bench-201 table lives
 * here), and their composition per candidate, cached by genome
 * ({@link dev.edgetpunas.nas.eval.CandidateEvaluator}).
 */
package dev.edgetpunas.nas.eval;
