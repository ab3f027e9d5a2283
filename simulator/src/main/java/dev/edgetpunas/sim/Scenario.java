package dev.edgetpunas.sim;

import java.util.Locale;

/**
 * What inference is being timed.
 *
 * <pre>{@code
 * Scenario.parse("alternate-cocompiled");   // ALTERNATE_COCOMPILED
 * }</pre>
 */
public enum Scenario {
    /** Steady state: cached parameters are already on chip (what Coral publishes). */
    WARM,
    /** First inference: the cached parameters are loaded over the link first. */
    COLD,
    /** Several models run in turn, compiled separately: each reloads its cached parameters at every switch. */
    ALTERNATE,
    /** Several models run in turn, co-compiled: they share the parameter cache, first model first. */
    ALTERNATE_COCOMPILED;

    /** Lower-case id with '-' ({@code alternate-cocompiled}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the scenarios that take several models. */
    public boolean alternates() {
        return this == ALTERNATE || this == ALTERNATE_COCOMPILED;
    }

    public static Scenario parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + s + "' (expected warm, cold, alternate or alternate-cocompiled)");
        }
    }
}
