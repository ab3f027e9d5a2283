/**
 * The compiler model: what edgetpu_compiler decides for a deployed graph. Op-support rules per
 * compiler version (data files, one per {@link dev.edgetpunas.compiler.compile.CompilerVersion}), the
 * partitioner (one Edge TPU segment, or several with {@code -a}), parameter placement (on-chip cache
 * versus streamed), and {@link dev.edgetpunas.compiler.compile.CompileReport}, which reproduces the
 * compiler's console summary, operator table and {@code .log}.
 *
 * <pre>{@code
 * CompileResult r = EdgeTpuCompiler.compile(Deploy.apply(ModelZoo.build("efficientnet-b0")),
 *         CompilerOptions.defaults(CompilerVersion.V2_0));
 * r.tpuOpCount();               // ops up to the stem's swish MUL
 * }</pre>
 */
package dev.edgetpunas.compiler.compile;
