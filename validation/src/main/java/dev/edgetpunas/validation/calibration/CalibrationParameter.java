package dev.edgetpunas.validation.calibration;

import java.util.Objects;

/**
 * One free profile value of a calibration: its key path, physical bounds, and the scale the optimizer moves
 * it on (rates and bandwidths on a log scale, offsets and fractions on a linear one).
 *
 * <pre>{@code
 * CalibrationParameter bw = CalibrationParameters.of("link.bandwidthMBps", profile);   // [1, 500] on usb3, log
 * bw.fromUnit(1.0);    // 500.0
 * bw.toUnit(500.0);    // 1.0
 * }</pre>
 *
 * @param keyPath the profile key ({@code link.bandwidthMBps})
 * @param lower smallest physically sensible value
 * @param upper largest physically sensible value (a bus ceiling, a fraction's 1)
 * @param logScale true to search {@code ln(value)} uniformly (then {@code lower > 0})
 * @param integral true for integer keys (values are rounded when applied)
 * @param why where the bounds come from, for reports
 */
public record CalibrationParameter(String keyPath, double lower, double upper, boolean logScale, boolean integral, String why) {

    public CalibrationParameter {
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(why, "why");
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException(keyPath + ": bounds must be finite with lower < upper, but were [" + lower + ", " + upper + "]");
        }
        if (logScale && !(lower > 0)) throw new IllegalArgumentException(keyPath + ": a log-scale lower bound must be > 0, but was " + lower);
    }

    /** The value at position {@code u} in [0, 1] of the bounds (on this parameter's scale). */
    public double fromUnit(double u) {
        double c = Math.max(0, Math.min(1, u));
        if (c == 0) return integral ? Math.rint(lower) : lower;
        if (c == 1) return integral ? Math.rint(upper) : upper;
        double v = logScale ? Math.exp(Math.log(lower) + c * (Math.log(upper) - Math.log(lower))) : lower + c * (upper - lower);
        v = Math.max(lower, Math.min(upper, v));
        return integral ? Math.rint(v) : v;
    }

    /** The position in [0, 1] of {@code value} (clamped into the bounds). */
    public double toUnit(double value) {
        double v = Math.max(lower, Math.min(upper, value));
        return logScale ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower)) : (v - lower) / (upper - lower);
    }

    /** The value as the profile takes it: a {@code Long} for integral keys, else a {@code Double}. */
    public Object profileValue(double value) {
        return integral ? (Object) Math.round(value) : (Object) value;
    }
}
