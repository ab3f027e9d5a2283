/**
 * Graph-to-graph passes: {@link dev.edgetpunas.compiler.passes.FoldBatchNorm} (training graph to
 * inference graph) and {@link dev.edgetpunas.compiler.passes.Deploy} (to the int8 deployed form that
 * compile and simulate see).
 */
package dev.edgetpunas.compiler.passes;
