/** Small utilities every module uses: atomic file writes and locating the shared data. */
package dev.edgetpunas.compiler.util;
