/**
 * A cycle-approximate model of an R x C int8 systolic array: SCALE-Sim compatible cycle counts and an Edge TPU mode with double-buffered weights, a memory model and legal depthwise mappings. Knows nothing of graphs or profiles.
 */
package dev.edgetpunas.systolic;
