/**
 * The edgetpu-nas command line (picocli) and the end-to-end pipeline.
 */
package dev.edgetpunas.cli;
