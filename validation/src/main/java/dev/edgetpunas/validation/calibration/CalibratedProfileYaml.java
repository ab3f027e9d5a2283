package dev.edgetpunas.validation.calibration;

import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Fidelity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The profile file a calibration writes: {@code extends} the calibrated profile and sets only the fitted keys,
 * each with a comment naming the calibration set and the value it replaced; the header records the error
 * in sample and in leave-one-out.
 *
 * <pre>{@code
 * String yaml = CalibratedProfileYaml.write(result, "edgetpu-usb3-max", "built-in (22 rows of edgetpu-usb3-max, warm)");
 * ProfileLoader.parse(yaml, "calibrated.yaml");   // loads back to result.calibrated()'s values
 * }</pre>
 */
public final class CalibratedProfileYaml {
    private CalibratedProfileYaml() {}

    /**
     * The YAML text.
     *
     * @param baseRef what the file extends: a bundled name, or a profile file (written as an absolute path)
     * @param calibrationSet a description of the rows the fit used, for the comments
     */
    public static String write(CalibrationResult r, String baseRef, String calibrationSet) {
        StringBuilder b = new StringBuilder();
        b.append("# Calibrated by `edgetpu-nas calibrate` on ").append(oneLine(calibrationSet)).append('\n');
        b.append("# Free parameters: ").append(String.join(", ", r.fitted().keySet())).append('\n');
        b.append("# Error on those rows: before ").append(metrics(r.before())).append('\n');
        b.append("#                      in sample ").append(metrics(r.inSample())).append('\n');
        r.leaveOneOut().ifPresent(f -> b.append("#                      leave-one-out ").append(metrics(f)).append('\n'));
        if (!r.insensitive().isEmpty()) {
            b.append("# Not identified by these rows (no prediction changes near the fit): ").append(String.join(", ", r.insensitive())).append('\n');
        }
        b.append("schemaVersion: 1\n");
        String ext = ProfileLoader.isBundled(baseRef) ? baseRef : Path.of(baseRef).toAbsolutePath().normalize().toString();
        b.append("extends: ").append(quote(ext)).append('\n');
        b.append("name: ").append(quote(r.base().name() + "-calibrated")).append('\n');
        b.append("description: ").append(quote(oneLine(r.base().description() + " (calibrated)"))).append('\n');
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (CalibrationParameter p : r.parameters()) {
            String key = p.keyPath();
            int dot = key.indexOf('.');
            double v = r.fitted().get(key);
            String value = p.integral() ? Long.toString(Math.round(v)) : format(v);
            String comment = "# calibrated on " + oneLine(calibrationSet) + "; was " + (p.integral() ? Long.toString(Math.round(r.initial().get(key)))
                    : format(r.initial().get(key)));
            sections.computeIfAbsent(key.substring(0, dot), s -> new LinkedHashMap<>()).put(key.substring(dot + 1), value + "  " + comment);
        }
        for (var s : sections.entrySet()) {
            b.append('\n').append(s.getKey()).append(":\n");
            for (var e : s.getValue().entrySet()) b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    /** Metrics as one comment line. */
    public static String metrics(Fidelity f) {
        return String.format(Locale.ROOT, "MAPE %.1f%%, within 10%% %.0f%%, within 20%% %.0f%%, Spearman %s, Kendall %s (n = %d)", f.mapePct(),
                100 * f.within10(), 100 * f.within20(), corr(f.spearman()), corr(f.kendall()), f.n());
    }

    private static String corr(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A number with 4 significant digits, plain when it is reasonable, else in exponent form. */
    public static String format(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v).replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
