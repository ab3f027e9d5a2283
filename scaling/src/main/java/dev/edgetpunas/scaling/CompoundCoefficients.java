package dev.edgetpunas.scaling;

import java.util.Locale;

/**
 * The compound-scaling coefficients of EfficientNet: for a compound coefficient {@code phi}, depth is
 * multiplied by {@code alpha^phi}, width by {@code beta^phi} and resolution by {@code gamma^phi};
 * FLOPs grow by about {@code (alpha * beta^2 * gamma^2)^phi}, which EfficientNet keeps near 2.
 *
 * <pre>{@code
 * CompoundCoefficients c = CompoundCoefficients.DEFAULT;    // alpha 1.2, beta 1.1, gamma 1.15
 * c.depth(2.0);                                             // 1.44
 * c.flopsFactor();                                          // 1.92...
 * CompoundCoefficients.parse("1.15,1.1,1.2");
 * }</pre>
 *
 * @param alpha depth base, {@code d = alpha^phi}
 * @param beta width base, {@code w = beta^phi}
 * @param gamma resolution base, {@code r = gamma^phi}
 */
public record CompoundCoefficients(double alpha, double beta, double gamma) {
    /** EfficientNet's published grid-search result (Tan and Le 2019): alpha 1.2, beta 1.1, gamma 1.15. */
    public static final CompoundCoefficients DEFAULT = new CompoundCoefficients(1.2, 1.1, 1.15);

    public CompoundCoefficients {
        check(alpha, "alpha");
        check(beta, "beta");
        check(gamma, "gamma");
    }

    private static void check(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be a finite number > 0, but was " + v);
    }

    /** {@code alpha * beta^2 * gamma^2}: the FLOPs factor of one unit of phi. */
    public double flopsFactor() {
        return alpha * beta * beta * gamma * gamma;
    }

    /** Depth multiplier at {@code phi}: {@code alpha^phi} (exactly 1 at phi = 0). */
    public double depth(double phi) {
        return Math.pow(alpha, phi);
    }

    /** Width multiplier at {@code phi}: {@code beta^phi}. */
    public double width(double phi) {
        return Math.pow(beta, phi);
    }

    /** Resolution multiplier at {@code phi}: {@code gamma^phi}. */
    public double resolution(double phi) {
        return Math.pow(gamma, phi);
    }

    /** Reads {@code ALPHA,BETA,GAMMA} (three numbers, comma-separated). */
    public static CompoundCoefficients parse(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length != 3) {
            throw new IllegalArgumentException("coefficients must be ALPHA,BETA,GAMMA (three numbers), but was '" + text + "'");
        }
        double[] v = new double[3];
        String[] names = {"alpha", "beta", "gamma"};
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("coefficients: " + names[i] + " must be a number, but was '" + parts[i] + "'");
            }
        }
        return new CompoundCoefficients(v[0], v[1], v[2]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "alpha %s, beta %s, gamma %s", trim(alpha), trim(beta), trim(gamma));
    }

    /** A number without trailing zeros ({@code 1.2}, {@code 1.15}, {@code 1}). */
    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
