/** Inner loops of the float kernels (not API). */
package dev.edgetpunas.training.kernels.internal;
