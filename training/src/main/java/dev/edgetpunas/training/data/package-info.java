/**
 * Datasets: the IDX reader ({@link dev.edgetpunas.training.data.Idx}), Fashion-MNIST lookup, loading and
 * cache filling ({@link dev.edgetpunas.training.data.FashionMnist}), and seeded shuffles, splits, subsets and
 * float batches ({@link dev.edgetpunas.training.data.Dataset}).
 */
package dev.edgetpunas.training.data;
