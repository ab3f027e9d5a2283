/**
 * TFLite flatbuffers: {@link dev.edgetpunas.compiler.tflite.TfliteReader} (file or bytes to a
 * {@link dev.edgetpunas.compiler.graph.Graph}, bad bytes to a
 * {@link dev.edgetpunas.compiler.ModelFormatException} with the offset),
 * {@link dev.edgetpunas.compiler.tflite.TfliteWriter} (graph to bytes or file) and the builtin
 * operator names ({@link dev.edgetpunas.compiler.tflite.BuiltinOperators}).
 */
package dev.edgetpunas.compiler.tflite;
