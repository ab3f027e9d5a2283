/**
 * The Graph IR: immutable {@link dev.edgetpunas.compiler.graph.Tensor}s, one
 * {@link dev.edgetpunas.compiler.graph.Op} record per TFLite builtin kind, validated
 * {@link dev.edgetpunas.compiler.graph.Graph}s in execution order, shape inference and cost metrics,
 * and the {@link dev.edgetpunas.compiler.graph.GraphBuilder} that models are written with.
 */
package dev.edgetpunas.compiler.graph;
