/**
 * Float32 kernels (forward and backward), Fashion-MNIST, the deterministic trainer and the accuracy estimators shared by the search and scaling.
 */
package dev.edgetpunas.training;
