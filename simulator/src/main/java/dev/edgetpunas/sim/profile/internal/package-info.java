/**
 * Profile internals: reading YAML/JSON with the line and column of every key, merging a file over its
 * base, checking keys against the reference, binding the merged tree to the records, and writing and
 * digesting profiles. Not API: use {@link dev.edgetpunas.sim.profile.ProfileLoader}.
 */
package dev.edgetpunas.sim.profile.internal;
