package dev.edgetpunas.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid of the latency-aware coefficient search: alpha, beta and gamma each on a range with a
 * step, kept where {@code alpha * beta^2 * gamma^2} lies in {@code [flopsMin, flopsMax]}.
 *
 * <pre>{@code
 * CoefficientGrid.DEFAULT.points();   // alpha 1.0..1.4, beta 1.0..1.3, gamma 1.0..1.3, step 0.05, FLOPs factor 1.9..2.1
 * }</pre>
 *
 * @param alphaMin smallest alpha
 * @param alphaMax largest alpha
 * @param betaMin smallest beta
 * @param betaMax largest beta
 * @param gammaMin smallest gamma
 * @param gammaMax largest gamma
 * @param step grid step of all three
 * @param flopsMin smallest {@code alpha * beta^2 * gamma^2} kept
 * @param flopsMax largest one kept
 */
public record CoefficientGrid(double alphaMin, double alphaMax, double betaMin, double betaMax, double gammaMin, double gammaMax, double step,
        double flopsMin, double flopsMax) {
    /** The grid: alpha [1.0, 1.4], beta [1.0, 1.3], gamma [1.0, 1.3], step 0.05, FLOPs factor [1.9, 2.1]. */
    public static final CoefficientGrid DEFAULT = new CoefficientGrid(1.0, 1.4, 1.0, 1.3, 1.0, 1.3, 0.05, 1.9, 2.1);
    private static final double EPS = 1e-9;

    public CoefficientGrid {
        range(alphaMin, alphaMax, "alpha");
        range(betaMin, betaMax, "beta");
        range(gammaMin, gammaMax, "gamma");
        if (!(step >= 0.001) || !Double.isFinite(step)) throw new IllegalArgumentException("step must be >= 0.001, but was " + step);
        range(flopsMin, flopsMax, "FLOPs factor");
    }

    private static void range(double lo, double hi, String what) {
        if (!(lo > 0) || !Double.isFinite(hi) || !(hi >= lo)) {
            throw new IllegalArgumentException(what + " range must satisfy 0 < min <= max, but was [" + lo + ", " + hi + "]");
        }
    }

    /** The grid points inside the FLOPs band, alpha slowest, gamma fastest. */
    public List<CompoundCoefficients> points() {
        List<CompoundCoefficients> out = new ArrayList<>();
        for (double a : values(alphaMin, alphaMax)) {
            for (double b : values(betaMin, betaMax)) {
                for (double g : values(gammaMin, gammaMax)) {
                    double f = a * b * b * g * g;
                    if (f >= flopsMin - EPS && f <= flopsMax + EPS) out.add(new CompoundCoefficients(a, b, g));
                }
            }
        }
        return out;
    }

    /** min, min + step, ... up to max, each rounded to 6 decimals (so 1.15 is 1.15, not 1.1500000000000001). */
    private List<Double> values(double min, double max) {
        List<Double> v = new ArrayList<>();
        for (int i = 0;; i++) {
            double x = Math.round((min + i * step) * 1e6) / 1e6;
            if (x > max + EPS) break;
            v.add(x);
        }
        return v;
    }
}
