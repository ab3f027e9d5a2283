package dev.edgetpunas.validation.report;

import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.ValidationReport;
import dev.edgetpunas.validation.ValidationRow;
import dev.edgetpunas.validation.calibration.CalibrationResult;
import java.util.Locale;
import java.util.Map;

/**
 * Markdown tables of validation and calibration results (GitHub-flavoured pipes), for docs and reviews.
 *
 * <pre>{@code
 * String md = MarkdownTables.validation(report);   // summary per profile, then every row per profile
 * }</pre>
 */
public final class MarkdownTables {
    private MarkdownTables() {}

    /** A summary table (all rows, per profile, per scenario) and one table of rows per profile. */
    public static String validation(ValidationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Validation against ").append(r.setName()).append("\n\n");
        b.append(summary(r.summary(), r.byProfile(), "profile")).append('\n');
        if (r.byScenario().size() > 1) b.append(summary(null, r.byScenario(), "scenario")).append('\n');
        for (String g : r.byProfile().keySet()) {
            b.append("## ").append(g).append("\n\n");
            b.append("| model | scenario | measured ms | predicted ms | error % | source |\n");
            b.append("|---|---|---:|---:|---:|---|\n");
            for (ValidationRow row : r.rowsOf(g)) {
                Measurement m = row.measurement();
                b.append("| ").append(m.model()).append(m.compiler().map(c -> " (compiler " + c + ")").orElse("")).append(" | ")
                        .append(m.scenario().id()).append(" | ").append(ms(m.latencyMs())).append(" | ").append(ms(row.predictedMs()))
                        .append(" | ").append(pct(row.errorPct())).append(" | ").append(link(m.source())).append(" |\n");
            }
            b.append('\n');
        }
        if (!r.skipped().isEmpty()) {
            b.append("## Skipped\n\n");
            for (String s : r.skipped()) b.append("- ").append(s).append('\n');
        }
        return b.toString();
    }

    /** The metric table: an "all" row (when {@code all} is not null) and one row per key. */
    public static String summary(Fidelity all, Map<String, Fidelity> groups, String keyName) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(keyName).append(" | n | MAPE % | within 10% | within 20% | Spearman | Kendall |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        if (all != null) row(b, "all", all);
        groups.forEach((k, f) -> row(b, k, f));
        return b.toString();
    }

    /** Parameters and per-row residuals of a calibration, in sample and leave-one-out. */
    public static String calibration(CalibrationResult r) {
        StringBuilder b = new StringBuilder();
        b.append("| parameter | start | fitted | leave-one-out range |\n|---|---:|---:|---|\n");
        for (String k : r.fitted().keySet()) {
            double[] range = r.leaveOneOutRange(k);
            b.append("| ").append(k).append(" | ").append(num(r.initial().get(k))).append(" | ").append(num(r.fitted().get(k))).append(" | ")
                    .append(Double.isNaN(range[0]) ? "-" : num(range[0]) + " .. " + num(range[1]))
                    .append(r.insensitive().contains(k) ? " (not identified)" : "").append(" |\n");
        }
        b.append('\n');
        b.append(summary(null, leaveOneOutMap(r), "error")).append('\n');
        b.append("| model | scenario | measured ms | before ms | fitted ms | error % | leave-one-out ms | LOO error % |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (CalibrationResult.Row row : r.rows()) {
            Measurement m = row.measurement();
            b.append("| ").append(m.model()).append(" | ").append(m.scenario().id()).append(" | ").append(ms(m.latencyMs())).append(" | ")
                    .append(ms(row.beforeMs())).append(" | ").append(ms(row.fittedMs())).append(" | ")
                    .append(pct(Fidelity.errorPct(m.latencyMs(), row.fittedMs()))).append(" | ").append(ms(row.leaveOneOutMs())).append(" | ")
                    .append(pct(Fidelity.errorPct(m.latencyMs(), row.leaveOneOutMs()))).append(" |\n");
        }
        return b.toString();
    }

    private static Map<String, Fidelity> leaveOneOutMap(CalibrationResult r) {
        Map<String, Fidelity> m = new java.util.LinkedHashMap<>();
        m.put("before", r.before());
        m.put("in sample", r.inSample());
        r.leaveOneOut().ifPresent(f -> m.put("leave-one-out", f));
        return m;
    }

    private static void row(StringBuilder b, String key, Fidelity f) {
        b.append("| ").append(key).append(" | ").append(f.n()).append(" | ").append(fmt("%.1f", f.mapePct())).append(" | ")
                .append(fmt("%.0f%%", 100 * f.within10())).append(" | ").append(fmt("%.0f%%", 100 * f.within20())).append(" | ")
                .append(fmt("%.3f", f.spearman())).append(" | ").append(fmt("%.3f", f.kendall())).append(" |\n");
    }

    private static String link(String source) {
        return source.startsWith("http") ? "[link](" + source + ")" : source.replace("|", "\\|");
    }

    static String ms(double v) {
        if (Double.isNaN(v)) return "-";
        return v >= 100 ? fmt("%.1f", v) : v >= 10 ? fmt("%.2f", v) : fmt("%.3f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : fmt("%+.1f", v);
    }

    static String num(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1e6 || a < 1e-2 ? fmt("%.3e", v) : fmt("%.4g", v);
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }
}
