/**
 * A whole search as the CLI's {@code search} command runs it: the validated
 * {@link dev.edgetpunas.nas.search.SearchConfig} the command fills, and
 * {@link dev.edgetpunas.nas.search.SearchRun}, which builds space, evaluators, target and engine from
 * it, runs (or resumes) the search and writes the output directory.
 */
package dev.edgetpunas.nas.search;
