/**
 * Search outputs: {@code history.csv}, {@code pareto.csv}, the best genome's file, the Pareto plot
 * ({@code pareto.png}, {@code pareto.svg}) and {@code summary.json}; and the NAS-Bench-201 study
 * (exhaustive constrained optimum, evolution vs random over seeds and budgets).
 */
package dev.edgetpunas.nas.report;
