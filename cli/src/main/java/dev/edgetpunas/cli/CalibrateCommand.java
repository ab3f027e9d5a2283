package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import dev.edgetpunas.validation.calibration.CalibratedProfileYaml;
import dev.edgetpunas.validation.calibration.CalibrationParameters;
import dev.edgetpunas.validation.calibration.CalibrationResult;
import dev.edgetpunas.validation.calibration.Calibrator;
import dev.edgetpunas.validation.io.MeasurementCsv;
import dev.edgetpunas.validation.report.MarkdownTables;
import dev.edgetpunas.validation.report.ScatterPlot;
import dev.edgetpunas.validation.report.ValidationJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas calibrate --profile P --measurements FILE --params a,b --out calibrated.yaml}: bounded least
 * squares on log latency over a few profile values, then leave-one-out cross-validation.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit at most " + CalibrationParameters.MAX_PARAMETERS + " profile values to the measurements of one profile "
                + "(bounded least squares on log latency), then report the leave-one-out error next to the in-sample error.",
                "Calibratable keys: link.bandwidthMBps, link.overheadUs, link.transferLatencyUs, link.streamOverlap, "
                        + "accelerator.vectorElementsPerCycle, accelerator.sramBandwidthBytesPerCycle, accelerator.foldOverheadCycles, "
                        + "compiler.reserveFixedBytes, "
                        + "compiler.reserveActivationFactor, host.convMacsPerSecond, host.depthwiseMacsPerSecond, "
                        + "host.fullyConnectedMacsPerSecond, host.elementwiseElementsPerSecond, host.perOpOverheadUs, host.customOpDefaultUs."})
public final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "NAME|FILE",
            description = "The profile to calibrate; the rows whose profile is this one are the calibration set.")
    String profile;

    @Option(names = "--measurements", paramLabel = "FILE",
            description = "Measurement file (repeatable; default: the built-in published set). Traces are taken on --profile.")
    List<Path> measurements = new ArrayList<>();

    @Option(names = "--params", required = true, split = ",", paramLabel = "KEY",
            description = "The free parameters, comma-separated profile keys (at most " + CalibrationParameters.MAX_PARAMETERS + ").")
    List<String> params;

    @Option(names = "--device", paramLabel = "edgetpu|cpu", description = "Use only rows of this device (default: both).")
    String device;

    @Option(names = "--scenario", split = ",", paramLabel = "S",
            description = "Use only rows of these scenarios (default: all), e.g. warm.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.yaml", description = "Write the calibrated profile (extends --profile, sets the fitted keys).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/calibration.md (tables) and DIR/calibration.png/.svg (leave-one-out predictions vs measured).")
    Path report;

    @Option(names = "--loo", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run leave-one-out cross-validation (default; --no-loo skips it).")
    boolean loo;

    @Option(names = "--threads", paramLabel = "K", description = "Threads for the leave-one-out fits (default: available processors; "
            + "results do not depend on it).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String ref = MeasurementCsv.resolveProfile(profile, null);
        Profile base = ProfileLoader.load(ref);
        Calibrator.parameters(base, params);   // bad keys are reported before any work
        MeasurementSet set = ValidateCommand.load(measurements, Optional.of(profile));
        Optional<Device> dev = device == null ? Optional.empty() : Optional.of(Device.parse(device));
        List<Scenario> sc = scenarios.stream().map(Scenario::parse).toList();
        List<Measurement> rows = set.rows().stream()
                .filter(m -> sameProfile(m.profile(), ref))
                .filter(m -> dev.isEmpty() || m.device() == dev.get())
                .filter(m -> sc.isEmpty() || sc.contains(m.scenario()))
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows of profile " + profile + (dev.map(d -> ", device " + d.id()).orElse(""))
                    + (sc.isEmpty() ? "" : ", scenario " + String.join("/", scenarios)) + " in " + set.name());
        }
        int k = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Calibrator.Options options = Calibrator.Options.defaults().withThreads(k).withLeaveOneOut(loo);
        boolean console = System.console() != null;
        System.err.printf(Locale.ROOT, "edgetpu-nas: fitting %s on %d rows%s%n", String.join(",", params), rows.size(),
                loo && rows.size() >= 2 ? ", then " + rows.size() + " leave-one-out fits" : "");
        CalibrationResult r = new Calibrator().calibrate(base, rows, params, options, (done, total) -> {
            if (console) System.err.printf(Locale.ROOT, "\redgetpu-nas: leave-one-out fit %d/%d", done, total);
        });
        if (console && loo && rows.size() >= 2) System.err.println();
        String setDescription = set.name() + " measurement set: " + rows.size() + " rows of " + base.name()
                + dev.map(d -> ", device " + d.id()).orElse("") + (sc.isEmpty() ? "" : ", scenario " + String.join("/", scenarios));
        if (out != null) {
            AtomicFiles.writeString(out, CalibratedProfileYaml.write(r, ref, setDescription));
            System.err.println("edgetpu-nas: wrote " + out);
        }
        if (report != null) writeReport(r, setDescription);
        if (json) {
            ObjectNode root = Json.report();
            root.put("calibration_set", setDescription);
            root.setAll(ValidationJson.calibration(Json.MAPPER, r));
            System.out.println(Json.pretty(root));
            return 0;
        }
        System.out.println("Calibration of " + base.name() + " on " + setDescription);
        TextTable pt = new TextTable("parameter", "bounds", "start", "fitted", "leave-one-out range").rightAlign(2, 3);
        for (var p : r.parameters()) {
            double[] range = r.leaveOneOutRange(p.keyPath());
            pt.row(p.keyPath(), "[" + num(p.lower()) + ", " + num(p.upper()) + "]" + (p.logScale() ? " log" : ""), num(r.initial().get(p.keyPath())),
                    num(r.fitted().get(p.keyPath())),
                    (Double.isNaN(range[0]) ? "-" : num(range[0]) + " .. " + num(range[1])) + (r.insensitive().contains(p.keyPath()) ? " (not identified)" : ""));
        }
        System.out.print(pt);
        System.out.println();
        Map<String, Fidelity> metrics = new LinkedHashMap<>();
        metrics.put("before", r.before());
        metrics.put("in sample", r.inSample());
        r.leaveOneOut().ifPresent(f -> metrics.put("leave-one-out", f));
        System.out.print(ValidateCommand.summaryTable(null, metrics, "error"));
        System.out.printf(Locale.ROOT, "objective: rms of ln(predicted/measured) %.4f before, %.4f after (%d optimizer evaluations)%n",
                r.rmsLogBefore(), r.rmsLogAfter(), r.evaluations());
        System.out.println();
        TextTable rt = new TextTable("model", "device", "scenario", "measured ms", "before ms", "fitted ms", "error %", "LOO ms", "LOO error %")
                .rightAlign(3, 4, 5, 6, 7, 8);
        for (CalibrationResult.Row row : r.rows()) {
            Measurement m = row.measurement();
            rt.row(m.model(), m.device().id(), m.scenario().id(), ValidateCommand.ms(m.latencyMs()), ValidateCommand.ms(row.beforeMs()),
                    ValidateCommand.ms(row.fittedMs()), ValidateCommand.fmt("%+.1f", Fidelity.errorPct(m.latencyMs(), row.fittedMs())),
                    Double.isNaN(row.leaveOneOutMs()) ? "-" : ValidateCommand.ms(row.leaveOneOutMs()),
                    ValidateCommand.fmt("%+.1f", Fidelity.errorPct(m.latencyMs(), row.leaveOneOutMs())));
        }
        System.out.print(rt);
        return 0;
    }

    private void writeReport(CalibrationResult r, String setDescription) {
        try {
            Files.createDirectories(report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + report + ": " + e.getMessage(), e);
        }
        ScatterPlot plot = new ScatterPlot("Calibration of " + r.base().name());
        for (CalibrationResult.Row row : r.rows()) {
            plot.add("in sample", row.measurement().latencyMs(), row.fittedMs());
            if (!Double.isNaN(row.leaveOneOutMs())) plot.add("leave-one-out", row.measurement().latencyMs(), row.leaveOneOutMs());
        }
        List<Path> written = new ArrayList<>(plot.write(report.resolve("calibration")));
        Path md = report.resolve("calibration.md");
        AtomicFiles.writeString(md, "# Calibration of " + r.base().name() + "\n\n" + setDescription + "\n\n" + MarkdownTables.calibration(r));
        written.add(md);
        System.err.println("edgetpu-nas: wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
    }

    /** Same profile reference: equal bundled names, or files at the same normalized path. */
    static boolean sameProfile(String a, String b) {
        if (a.equals(b)) return true;
        if (ProfileLoader.isBundled(a) || ProfileLoader.isBundled(b)) return false;
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }

    private static String num(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1e6 || a < 1e-2 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
