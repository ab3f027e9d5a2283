package dev.edgetpunas.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.ValidationReport;
import dev.edgetpunas.validation.ValidationRow;
import dev.edgetpunas.validation.calibration.CalibrationParameter;
import dev.edgetpunas.validation.calibration.CalibrationResult;

/**
 * JSON of validation and calibration results, with the keys other tools rely on: {@code summary} ({@code n},
 * {@code mape_pct}, {@code within10}, {@code within20}, {@code spearman}, {@code kendall}, {@code by_profile})
 * and {@code rows} ({@code model}, {@code profile}, {@code measured_ms}, {@code predicted_ms},
 * {@code error_pct}). Correlations that are undefined (fewer than 3 rows, constant values) are {@code null}.
 *
 * <pre>{@code
 * ObjectNode root = mapper.createObjectNode();
 * ValidationJson.fill(root, report);
 * }</pre>
 */
public final class ValidationJson {
    private ValidationJson() {}

    /** Adds {@code measurement_set}, {@code summary}, {@code profiles}, {@code rows} and {@code skipped} to {@code root}. */
    public static ObjectNode fill(ObjectNode root, ValidationReport r) {
        root.put("measurement_set", r.setName());
        ObjectNode summary = root.putObject("summary");
        fidelity(summary, r.summary());
        ObjectNode by = summary.putObject("by_profile");
        r.byProfile().forEach((k, f) -> fidelity(by.putObject(k), f));
        ObjectNode bs = summary.putObject("by_scenario");
        r.byScenario().forEach((k, f) -> fidelity(bs.putObject(k), f));
        ObjectNode digests = root.putObject("profile_digests");
        r.profileDigests().forEach(digests::put);
        ArrayNode rows = root.putArray("rows");
        for (ValidationRow row : r.rows()) {
            ObjectNode o = rows.addObject();
            Measurement m = row.measurement();
            o.put("model", m.model());
            o.put("profile", row.group());
            o.put("device", m.device().id());
            o.put("scenario", m.scenario().id());
            if (m.compiler().isPresent()) o.put("compiler", m.compiler().get());
            o.put("measured_ms", m.latencyMs());
            number(o, "predicted_ms", row.predictedMs());
            number(o, "error_pct", row.errorPct());
            o.put("source", m.source());
            if (!m.note().isEmpty()) o.put("note", m.note());
            o.put("origin", m.origin());
        }
        ArrayNode skipped = root.putArray("skipped");
        r.skipped().forEach(skipped::add);
        return root;
    }

    /** The metric fields of {@code f} into {@code o}. */
    public static ObjectNode fidelity(ObjectNode o, Fidelity f) {
        o.put("n", f.n());
        number(o, "mape_pct", f.mapePct());
        number(o, "within10", f.within10());
        number(o, "within20", f.within20());
        number(o, "spearman", f.spearman());
        number(o, "kendall", f.kendall());
        return o;
    }

    /** A calibration result: parameters (bounds, start, fitted, leave-one-out range), metrics and rows. */
    public static ObjectNode calibration(ObjectMapper mapper, CalibrationResult r) {
        ObjectNode root = mapper.createObjectNode();
        root.put("profile", r.base().name());
        root.put("profile_digest", r.base().digest());
        root.put("calibrated_profile_digest", r.calibrated().digest());
        ArrayNode ps = root.putArray("parameters");
        for (CalibrationParameter p : r.parameters()) {
            ObjectNode o = ps.addObject();
            o.put("key", p.keyPath());
            o.put("lower", p.lower());
            o.put("upper", p.upper());
            o.put("scale", p.logScale() ? "log" : "linear");
            o.put("initial", r.initial().get(p.keyPath()));
            o.put("fitted", r.fitted().get(p.keyPath()));
            double[] range = r.leaveOneOutRange(p.keyPath());
            number(o, "leave_one_out_min", range[0]);
            number(o, "leave_one_out_max", range[1]);
            o.put("identified", !r.insensitive().contains(p.keyPath()));
        }
        fidelity(root.putObject("before"), r.before());
        fidelity(root.putObject("in_sample"), r.inSample());
        if (r.leaveOneOut().isPresent()) fidelity(root.putObject("leave_one_out"), r.leaveOneOut().get());
        else root.putNull("leave_one_out");
        root.put("rms_log_before", r.rmsLogBefore());
        root.put("rms_log_after", r.rmsLogAfter());
        root.put("evaluations", r.evaluations());
        ArrayNode rows = root.putArray("rows");
        for (CalibrationResult.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            Measurement m = row.measurement();
            o.put("model", m.model());
            o.put("device", m.device().id());
            o.put("scenario", m.scenario().id());
            o.put("measured_ms", m.latencyMs());
            o.put("before_ms", row.beforeMs());
            o.put("fitted_ms", row.fittedMs());
            number(o, "leave_one_out_ms", row.leaveOneOutMs());
            number(o, "error_pct", Fidelity.errorPct(m.latencyMs(), row.fittedMs()));
            number(o, "leave_one_out_error_pct", Fidelity.errorPct(m.latencyMs(), row.leaveOneOutMs()));
            o.put("origin", m.origin());
        }
        return root;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) o.putNull(key);
        else o.put(key, v);
    }
}
