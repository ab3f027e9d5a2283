/** Simulator internals: lowering graph ops to systolic-array workloads. */
package dev.edgetpunas.sim.internal;
