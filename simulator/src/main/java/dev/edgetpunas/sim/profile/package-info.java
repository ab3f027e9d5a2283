/**
 * Accelerator profiles: one YAML/JSON file per accelerator + host combination, merged over the bundled
 * {@code reference} profile, validated into immutable records ({@link dev.edgetpunas.sim.profile.Profile}
 * with its {@code accelerator}, {@code compiler}, {@code link} and {@code host} sections), with errors
 * that name the file, key path, line and column ({@link dev.edgetpunas.sim.profile.ProfileException}).
 * Start at {@link dev.edgetpunas.sim.profile.ProfileLoader}.
 */
package dev.edgetpunas.sim.profile;
