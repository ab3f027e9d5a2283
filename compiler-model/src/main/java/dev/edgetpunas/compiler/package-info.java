/**
 * The compiler model: the Graph IR, the model zoo, block strings, op-support rules per Edge TPU compiler version, the partitioner, parameter placement, compile reports and TFLite flatbuffer read/write.
 */
package dev.edgetpunas.compiler;
