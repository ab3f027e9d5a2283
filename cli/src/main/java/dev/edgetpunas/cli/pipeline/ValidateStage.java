package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.validation.MeasurementSet;
import dev.edgetpunas.validation.ValidationReport;
import dev.edgetpunas.validation.ValidationRow;
import dev.edgetpunas.validation.Validator;
import dev.edgetpunas.validation.report.MarkdownTables;
import dev.edgetpunas.validation.report.ScatterPlot;
import dev.edgetpunas.validation.report.ValidationJson;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code validate}: the simulator against the built-in measurement set (published Coral latencies
 * on several hosts, both compilers, co-compilation): per-row error, MAPE, rank correlation, and the
 * predicted-vs-measured scatter ({@code DIR/validation/validation.png}, {@code .svg}, {@code validation.md}).
 */
final class ValidateStage {
    private ValidateStage() {}

    static StageOutcome run(Run r) {
        ValidationReport report;
        try (StageProgress p = r.progress(2, " steps")) {
            report = new Validator().validate(MeasurementSet.builtIn());
            p.stepTo(1, "validated");
            ScatterPlot plot = new ScatterPlot("Simulated vs measured latency (" + report.setName() + " set)");
            for (ValidationRow row : report.rows()) {
                if (row.predictedMs() > 0) plot.add(row.group(), row.measuredMs(), row.predictedMs());
            }
            plot.write(r.mkdirs("validation").resolve("validation"));
            Charts.writePng(plot.chart(), r.dir.resolve("validation/report-scatter.png"), 560, 470);
            AtomicFiles.writeString(r.dir.resolve("validation/validation.md"), MarkdownTables.validation(report));
            p.stepTo(2, "plotted");
        }
        ObjectNode out = ValidationJson.fill(Json.MAPPER.createObjectNode(), report);
        out.put("plot_png", "validation/report-scatter.png");
        out.put("plot_svg", "validation/validation.svg");
        out.put("tables_md", "validation/validation.md");
        String line = String.format(Locale.ROOT, "%d rows: MAPE %.1f%%, Spearman %.3f", report.summary().n(), report.summary().mapePct(),
                report.summary().spearman());
        return new StageOutcome(out, List.of(), line);
    }
}
