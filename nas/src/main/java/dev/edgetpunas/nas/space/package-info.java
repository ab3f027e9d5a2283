/**
 * Search spaces behind one interface, {@link dev.edgetpunas.nas.space.SearchSpace}: the
 * EfficientNet-EdgeTPU-like {@code edgetpu} space (genomes print as block strings, decode to the full
 * 224x224 ImageNet network) and {@code nasbench201} (the 15,625 cells, decoded to the full CIFAR or
 * ImageNet16-120 macro network).
 */
package dev.edgetpunas.nas.space;
