package dev.edgetpunas.validation.io;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measurement file formats: the project's CSV, and device traces in the formats users already have.
 * Traces do not say which device they were taken on: {@code --profile} names it.
 *
 * <pre>{@code
 * MeasurementFormat f = MeasurementFormat.detect(text);          // CSV, CORAL_REFERENCE or BENCHMARK_MODEL
 * MeasurementSet s = f.parse(text, "rpi4.txt", dir, Optional.of("edgetpu-rpi4-usb3"));
 * }</pre>
 */
public enum MeasurementFormat {
    /** The project's CSV ({@link MeasurementCsv}). */
    CSV {
        @Override
        public MeasurementSet parse(String text, String fileName, Path baseDir, Optional<String> profile) {
            return MeasurementCsv.parse(text, fileName, baseDir, profile);
        }
    },
    /**
     * Coral's benchmark output and reference files (google-coral/edgetpu {@code benchmarks/reference/}): a
     * {@code MODEL INFERENCE_TIME} header, then one {@code FILE.tflite MILLISECONDS} line per model, separated
     * by spaces (commas and tabs are accepted too). {@code *_edgetpu.tflite} files ran on the Edge TPU, the
     * others on the host CPU. Models Coral publishes but the zoo lacks are skipped with the reason.
     */
    CORAL_REFERENCE {
        @Override
        public MeasurementSet parse(String text, String fileName, Path baseDir, Optional<String> profile) {
            String prof = requireProfile(profile, fileName, this);
            List<Measurement> rows = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("[\\s,]+");
                if (f[0].equalsIgnoreCase("MODEL")) continue;
                if (f.length != 2) {
                    throw new MeasurementFormatException(fileName, i + 1, "expected 'MODEL INFERENCE_TIME' (2 fields), but found " + f.length);
                }
                add(rows, skipped, f[0], f[1], prof, fileName, i + 1, baseDir, "Coral benchmark reference (" + fileName + ")");
            }
            if (rows.isEmpty() && skipped.isEmpty()) throw new MeasurementFormatException(fileName, 0, "no MODEL INFERENCE_TIME lines");
            return new MeasurementSet(fileName, rows, skipped);
        }
    },
    /**
     * The log of TFLite's {@code benchmark_model} tool: for every run (from {@code STARTING!}), the model of
     * its {@code Graph: [FILE]} line and the average of its {@code Inference timings in us: ... Inference
     * (avg): US} line. {@code *_edgetpu.tflite} models ran on the Edge TPU (they need the delegate), others on
     * the host CPU.
     */
    BENCHMARK_MODEL {
        private final Pattern graph = Pattern.compile("^\\s*Graph:\\s*\\[(.+)]\\s*$");
        private final Pattern timing = Pattern.compile("Inference timings in us:.*Inference \\(avg\\):\\s*([0-9.eE+-]+)");

        @Override
        public MeasurementSet parse(String text, String fileName, Path baseDir, Optional<String> profile) {
            String prof = requireProfile(profile, fileName, this);
            List<Measurement> rows = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            String model = null;
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("STARTING!")) model = null;
                Matcher g = graph.matcher(lines[i]);
                if (g.find()) model = g.group(1).trim();
                Matcher t = timing.matcher(lines[i]);
                if (t.find()) {
                    if (model == null) throw new MeasurementFormatException(fileName, i + 1, "inference timings without a 'Graph: [FILE]' line before them");
                    double us;
                    try {
                        us = Double.parseDouble(t.group(1));
                    } catch (NumberFormatException e) {
                        throw new MeasurementFormatException(fileName, i + 1, "Inference (avg) must be a number, but was '" + t.group(1) + "'");
                    }
                    add(rows, skipped, model, Double.toString(us / 1000.0), prof, fileName, i + 1, baseDir, "benchmark_model log (" + fileName + ")");
                    model = null;
                }
            }
            if (rows.isEmpty() && skipped.isEmpty()) {
                throw new MeasurementFormatException(fileName, 0, "no 'Inference timings in us: ... Inference (avg): N' line");
            }
            return new MeasurementSet(fileName, rows, skipped);
        }
    };

    /**
     * Parses {@code text}.
     *
     * @param fileName the file's name for messages and sources
     * @param baseDir the file's directory (relative model paths), or null for the working directory
     * @param profile the device the trace was taken on (required by the trace formats; the CSV uses it for
     *     rows with an empty profile cell)
     */
    public abstract MeasurementSet parse(String text, String fileName, Path baseDir, Optional<String> profile);

    /** The format of {@code text}: a benchmark_model log, a Coral reference file, or else CSV. */
    public static MeasurementFormat detect(String text) {
        if (text.contains("Inference timings in us") || text.contains("STARTING!")) return BENCHMARK_MODEL;
        for (String line : text.split("\r?\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            return l.matches("(?i)MODEL[\\s,]+INFERENCE_TIME") ? CORAL_REFERENCE : CSV;
        }
        return CSV;
    }

    private static String requireProfile(Optional<String> profile, String fileName, MeasurementFormat f) {
        String p = profile.orElseThrow(() -> new MeasurementFormatException(fileName, 0, "a " + f.label()
                + " does not say which device it was taken on: name it with --profile"));
        try {
            return MeasurementCsv.resolveProfile(p, null);
        } catch (IllegalArgumentException e) {
            throw new MeasurementFormatException(fileName, 0, "--profile: " + e.getMessage());
        }
    }

    /** How the format is called in messages. */
    public String label() {
        return switch (this) {
            case CSV -> "measurement CSV";
            case CORAL_REFERENCE -> "Coral benchmark reference file";
            case BENCHMARK_MODEL -> "benchmark_model log";
        };
    }

    private static void add(List<Measurement> rows, List<String> skipped, String name, String ms, String profile, String file, int line,
            Path baseDir, String source) {
        Optional<String> notInZoo = ModelRefs.knownButNotInZoo(name);
        if (notInZoo.isPresent()) {
            skipped.add(file + ":" + line + ": " + name + ": " + notInZoo.get());
            return;
        }
        try {
            String model = ModelRefs.resolve(name, baseDir);
            Device device = ModelRefs.isEdgeTpuFileName(name) ? Device.EDGETPU : Device.CPU;
            double v = MeasurementCsv.number("inference time", ms);
            rows.add(new Measurement(model, profile, device, Scenario.WARM, Optional.empty(), v, source, name, file + ":" + line));
        } catch (IllegalArgumentException e) {
            throw new MeasurementFormatException(file, line, e.getMessage());
        }
    }
}
