package dev.edgetpunas.validation.io;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The project's measurement CSV. A header names the columns (any order); lines starting with {@code #} and
 * blank lines are ignored; fields may be quoted ({@code "a, b"}, {@code ""} for a quote).
 * <ul>
 *   <li>required: {@code model} (zoo name, Coral model name, {@code .tflite} path relative to the CSV, or
 *       {@code a+b} for models run together), {@code profile} (bundled name or profile file relative to the
 *       CSV; an empty cell takes the {@code --profile} default), {@code latency_ms} (&gt; 0), {@code source};</li>
 *   <li>optional: {@code device} ({@code edgetpu} default | {@code cpu}), {@code scenario} ({@code warm}
 *       default | {@code cold} | {@code alternate} | {@code alternate-cocompiled}), {@code compiler}
 *       ({@code 2.0} | {@code 16.0}; empty = the profile's), {@code note}.</li>
 * </ul>
 *
 * <pre>{@code
 * model,profile,latency_ms,source
 * mobilenet-v1,edgetpu-usb3-max,2.17,https://github.com/google-coral/edgetpu/...
 * }</pre>
 */
public final class MeasurementCsv {
    private MeasurementCsv() {}

    /** Columns every file must have. */
    public static final List<String> REQUIRED = List.of("model", "profile", "latency_ms", "source");
    /** Columns a file may have. */
    public static final List<String> OPTIONAL = List.of("device", "scenario", "compiler", "note");

    /**
     * Parses CSV text.
     *
     * @param fileName the file's name for messages
     * @param baseDir directory of the file (relative model and profile paths), or null for the working directory
     * @param defaultProfile the profile of rows whose profile cell is empty
     * @throws MeasurementFormatException naming the line for a missing or unknown column, an unknown model or
     *     profile, a bad number, scenario, device or compiler
     */
    public static MeasurementSet parse(String text, String fileName, Path baseDir, Optional<String> defaultProfile) {
        List<Measurement> rows = new ArrayList<>();
        Map<String, Integer> columns = null;
        Map<String, String> checkedProfiles = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            List<String> fields;
            try {
                fields = split(line);
            } catch (IllegalArgumentException e) {
                throw new MeasurementFormatException(fileName, lineNo, e.getMessage());
            }
            if (columns == null) {
                columns = header(fields, fileName, lineNo);
                continue;
            }
            if (fields.size() != columns.size()) {
                throw new MeasurementFormatException(fileName, lineNo, "expected " + columns.size() + " fields as in the header, but found "
                        + fields.size());
            }
            rows.add(row(fields, columns, fileName, lineNo, baseDir, defaultProfile, checkedProfiles));
        }
        if (columns == null) throw new MeasurementFormatException(fileName, 0, "no header line (expected columns " + String.join(",", REQUIRED) + ")");
        return new MeasurementSet(fileName, rows);
    }

    private static Map<String, Integer> header(List<String> fields, String file, int line) {
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (int j = 0; j < fields.size(); j++) {
            String c = fields.get(j).trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(c) && !OPTIONAL.contains(c)) {
                throw new MeasurementFormatException(file, line, "unknown column '" + fields.get(j).trim() + "' (columns: "
                        + String.join(",", REQUIRED) + " and optionally " + String.join(",", OPTIONAL) + ")");
            }
            if (cols.put(c, j) != null) throw new MeasurementFormatException(file, line, "column '" + c + "' appears twice");
        }
        for (String r : REQUIRED) {
            if (!cols.containsKey(r)) throw new MeasurementFormatException(file, line, "missing column '" + r + "' (required: " + String.join(",", REQUIRED) + ")");
        }
        return cols;
    }

    private static Measurement row(List<String> f, Map<String, Integer> cols, String file, int line, Path baseDir,
            Optional<String> defaultProfile, Map<String, String> checkedProfiles) {
        Function<String, String> cell = c -> cols.containsKey(c) ? f.get(cols.get(c)).trim() : "";
        try {
            String model = resolveModels(cell.apply("model"), baseDir);
            String profileCell = cell.apply("profile");
            if (profileCell.isEmpty()) {
                profileCell = defaultProfile.orElseThrow(() -> new IllegalArgumentException("profile is empty and no --profile was given"));
            }
            String profile = checkedProfiles.computeIfAbsent(profileCell, p -> resolveProfile(p, baseDir));
            Device device = cell.apply("device").isEmpty() ? Device.EDGETPU : Device.parse(cell.apply("device"));
            Scenario scenario = cell.apply("scenario").isEmpty() ? Scenario.WARM : Scenario.parse(cell.apply("scenario"));
            Optional<String> compiler = Optional.empty();
            if (!cell.apply("compiler").isEmpty()) {
                try {
                    compiler = Optional.of(CompilerSpec.Version.parse(cell.apply("compiler")).id());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("compiler: " + e.getMessage(), e);
                }
            }
            double ms = number("latency_ms", cell.apply("latency_ms"));
            String source = cell.apply("source");
            if (source.isEmpty()) throw new IllegalArgumentException("source must not be empty (where does the figure come from?)");
            return new Measurement(model, profile, device, scenario, compiler, ms, source, cell.apply("note"), file + ":" + line);
        } catch (MeasurementFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MeasurementFormatException(file, line, e.getMessage());
        }
    }

    static String resolveModels(String model, Path baseDir) {
        if (model.isEmpty()) throw new IllegalArgumentException("model must not be empty");
        if (model.startsWith(dev.edgetpunas.compiler.zoo.Models.BLOCKS_PREFIX)) return ModelRefs.resolve(model, baseDir);
        List<String> out = new ArrayList<>();
        for (String part : model.split("\\+", -1)) {
            if (part.isBlank()) throw new IllegalArgumentException("model '" + model + "' has an empty part around '+'");
            out.add(ModelRefs.resolve(part, baseDir));
        }
        return String.join("+", out);
    }

    /**
     * A bundled profile name, or a profile file relative to {@code baseDir}, checked by loading it.
     *
     * @throws IllegalArgumentException if there is no such profile or it is invalid
     */
    public static String resolveProfile(String profile, Path baseDir) {
        String p = profile.trim();
        if (ProfileLoader.isBundled(p)) return p;
        Path path = baseDir == null ? Path.of(p) : baseDir.resolve(p);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("unknown profile '" + p + "' (not a bundled profile or an existing file"
                    + (baseDir == null ? "" : " under " + baseDir) + "; see 'edgetpu-nas profiles')");
        }
        ProfileLoader.load(path);
        return path.toString();
    }

    static double number(String column, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number, but was '" + text + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(column + " must be a finite number > 0, but was " + text);
        return v;
    }

    /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cur.toString().isBlank() && !wasQuoted) {
                cur.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quoted field");
        out.add(cur.toString());
        return out;
    }
}
