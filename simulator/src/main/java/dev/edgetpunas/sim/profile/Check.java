package dev.edgetpunas.sim.profile;

/** Field checks shared by the spec records; messages follow {@code must be ..., but was X}. */
final class Check {
    private Check() {}

    static int positive(String key, int v) {
        if (v <= 0) throw ProfileException.at(key, "must be > 0, but was " + v);
        return v;
    }

    static int range(String key, int v, int min, int max) {
        if (v < min || v > max) throw ProfileException.at(key, "must be in [" + min + ", " + max + "], but was " + v);
        return v;
    }

    static long positive(String key, long v) {
        if (v <= 0) throw ProfileException.at(key, "must be > 0, but was " + v);
        return v;
    }

    static long nonNegative(String key, long v) {
        if (v < 0) throw ProfileException.at(key, "must be >= 0, but was " + v);
        return v;
    }

    static double positive(String key, double v) {
        if (!Double.isFinite(v) || v <= 0) throw ProfileException.at(key, "must be a finite number > 0, but was " + num(v));
        return v;
    }

    static double nonNegative(String key, double v) {
        if (!Double.isFinite(v) || v < 0) throw ProfileException.at(key, "must be a finite number >= 0, but was " + num(v));
        return v + 0.0; // -0.0 becomes 0.0, so equal profiles have equal digests
    }

    static double fraction(String key, double v) {
        if (!(v >= 0 && v <= 1)) throw ProfileException.at(key, "must be a fraction in [0, 1], but was " + num(v));
        return v + 0.0;
    }

    static <T> T present(String key, T v) {
        if (v == null) throw ProfileException.at(key, "must be set, but was missing (null)");
        return v;
    }

    /** A one-line, non-blank label without control characters. */
    static String label(String key, String v, boolean allowEmpty) {
        present(key, v);
        if (!allowEmpty && v.isBlank()) throw ProfileException.at(key, "must be a non-empty string, but was \"" + v + "\"");
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw ProfileException.at(key, "must be one line without control characters, but had U+"
                        + String.format("%04X", (int) v.charAt(i)) + " at index " + i);
            }
        }
        return v;
    }

    /** A number as a person would write it: {@code 500} for 500.0, {@code 0.25} otherwise. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
