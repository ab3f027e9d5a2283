/**
 * Search spaces, genomes, regularized evolution, rewards, the Pareto archive and evaluators that ask the simulator for latency.
 */
package dev.edgetpunas.nas;
