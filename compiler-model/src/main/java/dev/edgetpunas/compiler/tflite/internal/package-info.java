/**
 * Internals of the TFLite reader and writer: the schema subset (vtable slots, option union ids) and
 * bounds-checked flatbuffer views with an allocation budget. Not API.
 */
package dev.edgetpunas.compiler.tflite.internal;
