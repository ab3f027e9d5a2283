/**
 * Training and running models given as a {@link dev.edgetpunas.compiler.graph.Graph}: the graph executor
 * ({@link dev.edgetpunas.training.graph.GraphModel}, forward and backward over the training graph on
 * the float kernels of {@code training.kernels}), the graph-driven trainer, float {@code .tflite} save
 * and load with a JSON sidecar, the Fashion-MNIST proxy task that genomes are adapted to, and the
 * built-in small CNN.
 */
package dev.edgetpunas.training.graph;
