/** Simulation results: {@link dev.edgetpunas.sim.report.LatencyReport}, its JSON form and Chrome traces. */
package dev.edgetpunas.sim.report;
