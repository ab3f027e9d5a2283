package dev.edgetpunas.validation.calibration;

import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a calibration found: the fitted values, the calibrated profile, and the error before the fit, in
 * sample, and in leave-one-out cross-validation (each row predicted by a fit on the other rows).
 *
 * <pre>{@code
 * CalibrationResult r = new Calibrator().calibrate(profile, rows, List.of("link.overheadUs"), Calibrator.Options.defaults());
 * r.fitted();                        // {link.overheadUs=812.4}
 * r.inSample().mapePct();
 * r.leaveOneOut().get().mapePct();   // the honest number
 * }</pre>
 *
 * @param base the profile before calibration
 * @param calibrated {@code base} with the fitted values
 * @param parameters the free parameters with their bounds
 * @param initial each parameter's value in {@code base}
 * @param fitted each parameter's fitted value
 * @param rows per row: measured, predicted before, in sample, and leave-one-out
 * @param before metrics with the base profile
 * @param inSample metrics with the calibrated profile on the rows it was fitted on
 * @param leaveOneOut metrics of the leave-one-out predictions (empty when not run or fewer than 2 rows)
 * @param rmsLogBefore root mean square of ln(predicted / measured) before the fit
 * @param rmsLogAfter the same after the fit (the objective)
 * @param evaluations objective evaluations of the in-sample fit (each simulates every row; a Levenberg-Marquardt
 *     evaluation also simulates once per parameter for its Jacobian)
 * @param insensitive parameters whose value changes no prediction near the optimum (the rows do not
 *     identify them; their fitted value is arbitrary within a flat region)
 */
public record CalibrationResult(Profile base, Profile calibrated, List<CalibrationParameter> parameters, Map<String, Double> initial,
        Map<String, Double> fitted, List<Row> rows, Fidelity before, Fidelity inSample, Optional<Fidelity> leaveOneOut,
        double rmsLogBefore, double rmsLogAfter, int evaluations, List<String> insensitive) {

    public CalibrationResult {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(calibrated, "calibrated");
        parameters = List.copyOf(parameters);
        initial = Collections.unmodifiableMap(new LinkedHashMap<>(initial));
        fitted = Collections.unmodifiableMap(new LinkedHashMap<>(fitted));
        rows = List.copyOf(rows);
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(inSample, "inSample");
        Objects.requireNonNull(leaveOneOut, "leaveOneOut");
        insensitive = List.copyOf(insensitive);
    }

    /**
     * One row of the calibration set.
     *
     * @param measurement the measured row
     * @param beforeMs prediction with the base profile
     * @param fittedMs prediction with the calibrated profile
     * @param leaveOneOutMs prediction of a fit on every other row (NaN when leave-one-out was not run)
     * @param leaveOneOutValues the parameter values of that fit (empty when not run)
     */
    public record Row(Measurement measurement, double beforeMs, double fittedMs, double leaveOneOutMs, Map<String, Double> leaveOneOutValues) {
        public Row {
            Objects.requireNonNull(measurement, "measurement");
            leaveOneOutValues = Collections.unmodifiableMap(new LinkedHashMap<>(leaveOneOutValues));
        }
    }

    /** Smallest and largest value of {@code key} over the leave-one-out fits ({@code [NaN, NaN]} if none). */
    public double[] leaveOneOutRange(String key) {
        double lo = Double.NaN, hi = Double.NaN;
        for (Row r : rows) {
            Double v = r.leaveOneOutValues().get(key);
            if (v == null) continue;
            lo = Double.isNaN(lo) ? v : Math.min(lo, v);
            hi = Double.isNaN(hi) ? v : Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }
}
