package dev.edgetpunas.validation;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How close predictions are to measurements: mean absolute percentage error, the share of rows within
 * +-10% and +-20%, and rank agreement (Spearman's rho, Kendall's tau-b, from Commons Math).
 *
 * <pre>{@code
 * Fidelity f = Fidelity.of(new double[] {2.2, 3.4, 85}, new double[] {2.0, 3.6, 80});
 * f.mapePct();     // 6.96...
 * f.within10();    // 1.0 (fraction of rows)
 * f.spearman();    // 1.0
 * }</pre>
 *
 * @param n number of rows
 * @param mapePct mean of |predicted - measured| / measured, percent
 * @param within10 fraction (0..1) of rows with |error| <= 10%
 * @param within20 fraction (0..1) of rows with |error| <= 20%
 * @param spearman Spearman rank correlation of predicted and measured; NaN with fewer than 3 rows or
 *     when either side is constant
 * @param kendall Kendall's tau-b; NaN in the same cases
 */
public record Fidelity(int n, double mapePct, double within10, double within20, double spearman, double kendall) {

    public Fidelity {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, but was " + n);
    }

    /**
     * The metrics of paired arrays.
     *
     * @throws IllegalArgumentException if the lengths differ or a measured value is not > 0
     */
    public static Fidelity of(double[] measured, double[] predicted) {
        if (measured.length != predicted.length) {
            throw new IllegalArgumentException("measured and predicted must have the same length, but were " + measured.length + " and "
                    + predicted.length);
        }
        int n = measured.length;
        if (n == 0) return new Fidelity(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        int w10 = 0, w20 = 0;
        for (int i = 0; i < n; i++) {
            if (!(measured[i] > 0)) throw new IllegalArgumentException("measured[" + i + "] must be > 0, but was " + measured[i]);
            double e = Math.abs(errorPct(measured[i], predicted[i]));
            sum += e;
            // a hair of tolerance so that exactly 10.0% (as printed) counts as within 10%
            if (e <= 10 + 1e-9) w10++;
            if (e <= 20 + 1e-9) w20++;
        }
        double rho = Double.NaN, tau = Double.NaN;
        if (n >= 3 && !constant(measured) && !constant(predicted)) {
            rho = new SpearmansCorrelation().correlation(measured, predicted);
            tau = new KendallsCorrelation().correlation(measured, predicted);
        }
        return new Fidelity(n, sum / n, (double) w10 / n, (double) w20 / n, rho, tau);
    }

    /** Signed error of a prediction, percent of the measurement: {@code 100 * (predicted - measured) / measured}. */
    public static double errorPct(double measured, double predicted) {
        return 100.0 * (predicted - measured) / measured;
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) return false;
        }
        return true;
    }
}
