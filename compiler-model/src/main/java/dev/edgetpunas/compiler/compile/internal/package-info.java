/** Internals of the compiler model: rule files and their checks, the partitioner, parameter placement. */
package dev.edgetpunas.compiler.compile.internal;
