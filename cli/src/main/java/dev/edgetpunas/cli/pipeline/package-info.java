/**
 * {@code edgetpu-nas pipeline}: the main job end to end (reference models, the Edge TPU and cpu-only
 * searches, their comparison, compound scaling, training, int8 quantization, validation) with per-stage
 * shares of a time budget, resumable stage outputs in one directory, and a self-contained HTML report.
 *
 * <pre>{@code
 * ./edgetpu-nas pipeline                          # defaults: about 10 minutes on 2 cores, runs/pipeline
 * ./edgetpu-nas pipeline --out runs/p --resume    # continue a killed run where it stopped
 * }</pre>
 */
package dev.edgetpunas.cli.pipeline;
