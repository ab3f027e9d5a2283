package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import dev.edgetpunas.validation.ValidationReport;
import dev.edgetpunas.validation.ValidationRow;
import dev.edgetpunas.validation.Validator;
import dev.edgetpunas.validation.io.MeasurementFiles;
import dev.edgetpunas.validation.report.MarkdownTables;
import dev.edgetpunas.validation.report.ScatterPlot;
import dev.edgetpunas.validation.report.ValidationJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas validate [--measurements FILE]... [--profile P] [--json] [--out DIR]}: the simulator
 * against measured latencies (the built-in published set, or the given files), per row and per profile.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compare simulated latencies with measured ones: per row measured, predicted and error; per profile MAPE, "
                + "share within 10% and 20%, Spearman and Kendall rank correlation.",
                "Without --measurements the built-in set of published figures is used (Coral's benchmark page, models page, "
                        + "2019 FAQ, benchmark and co-compilation references)."})
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--measurements", paramLabel = "FILE",
            description = "Measurement file (repeatable; replaces the built-in set): the project's CSV (model,profile,latency_ms,source"
                    + "[,device,scenario,compiler,note]), a Coral benchmark reference file (MODEL INFERENCE_TIME lines) or a TFLite "
                    + "benchmark_model log.")
    List<Path> measurements = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "The device a trace (Coral reference file, benchmark_model log) was taken on; for a CSV, the profile of rows "
                    + "with an empty profile cell.")
    String profile;

    @Option(names = "--json", description = "Print JSON: summary (n, mape_pct, within10, within20, spearman, kendall, by_profile) and rows.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write DIR/validation.png and .svg (log-log predicted vs measured) and DIR/validation.md (tables).")
    Path out;

    @Option(names = "--rows", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print the per-row table (default); --no-rows prints the summary only.")
    boolean rows;

    @Override
    public Integer call() {
        MeasurementSet set = load(measurements, Optional.ofNullable(profile));
        ValidationReport report = new Validator().validate(set);
        if (out != null) {
            List<Path> written = writeOut(report, out);
            System.err.println("edgetpu-nas: wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        if (json) {
            ObjectNode root = Json.report();
            ValidationJson.fill(root, report);
            System.out.println(Json.pretty(root));
            return 0;
        }
        if (rows) {
            System.out.print(rowTable(report));
            System.out.println();
        }
        System.out.print(summaryTable(report.summary(), report.byProfile(), "profile"));
        if (report.byScenario().size() > 1) {
            System.out.println();
            System.out.print(summaryTable(null, report.byScenario(), "scenario"));
        }
        for (String s : report.skipped()) System.err.println("edgetpu-nas: skipped " + s);
        return 0;
    }

    /** The built-in set, or the given files concatenated. */
    static MeasurementSet load(List<Path> files, Optional<String> profile) {
        if (files.isEmpty()) return MeasurementSet.builtIn();
        List<MeasurementSet> sets = new ArrayList<>();
        for (Path f : files) sets.add(MeasurementFiles.read(f, profile));
        return MeasurementSet.concat(sets);
    }

    static List<Path> writeOut(ValidationReport report, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        ScatterPlot plot = new ScatterPlot("Simulated vs measured latency (" + report.setName() + ")");
        for (ValidationRow r : report.rows()) {
            if (r.predictedMs() > 0) plot.add(r.group(), r.measuredMs(), r.predictedMs());
        }
        List<Path> written = new ArrayList<>(plot.write(dir.resolve("validation")));
        Path md = dir.resolve("validation.md");
        AtomicFiles.writeString(md, MarkdownTables.validation(report));
        written.add(md);
        return written;
    }

    static String rowTable(ValidationReport r) {
        TextTable t = new TextTable("model", "profile", "scenario", "measured ms", "predicted ms", "error %").rightAlign(3, 4, 5);
        for (ValidationRow row : r.rows()) {
            Measurement m = row.measurement();
            t.row(m.model() + m.compiler().map(c -> " (" + c + ")").orElse(""), row.group(), m.scenario().id(), ms(m.latencyMs()),
                    ms(row.predictedMs()), String.format(Locale.ROOT, "%+.1f", row.errorPct()));
        }
        return t.toString();
    }

    static String summaryTable(Fidelity all, Map<String, Fidelity> groups, String keyName) {
        TextTable t = new TextTable(keyName, "n", "MAPE %", "within 10%", "within 20%", "Spearman", "Kendall").rightAlign(1, 2, 3, 4, 5, 6);
        if (all != null) fidelityRow(t, "all", all);
        groups.forEach((k, f) -> fidelityRow(t, k, f));
        return t.toString();
    }

    private static void fidelityRow(TextTable t, String key, Fidelity f) {
        t.row(key, f.n(), fmt("%.1f", f.mapePct()), fmt("%.0f%%", 100 * f.within10()), fmt("%.0f%%", 100 * f.within20()),
                fmt("%.3f", f.spearman()), fmt("%.3f", f.kendall()));
    }

    static String ms(double v) {
        return v >= 100 ? fmt("%.1f", v) : v >= 10 ? fmt("%.2f", v) : fmt("%.3f", v);
    }

    static String fmt(String f, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }
}
