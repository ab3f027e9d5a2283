/**
 * The EfficientNet-EdgeTPU paper's claims, computed with the simulator: fused vs depthwise early stages,
 * the per-stage choice, swish/SE under the 2019 compiler, and EfficientNet-EdgeTPU-S vs ResNet-50.
 */
package dev.edgetpunas.sim.claims;
