/**
 * The search algorithm: regularized (aging) evolution and its random-search baseline
 * ({@link dev.edgetpunas.nas.evolution.Engine}), rewards ({@link dev.edgetpunas.nas.evolution.Objective}),
 * the Pareto archive, the history of evaluations, and checkpoint/resume.
 */
package dev.edgetpunas.nas.evolution;
