package dev.edgetpunas.validation;

import dev.edgetpunas.validation.io.MeasurementCsv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named list of measurements: the built-in published set, a user's CSV, or a device trace.
 *
 * <pre>{@code
 * MeasurementSet all = MeasurementSet.builtIn();
 * MeasurementSet usb = all.filter(m -> m.profile().equals("edgetpu-usb3-max"));
 * }</pre>
 *
 * @param name a label for reports (file name, or {@value #BUILT_IN})
 * @param rows the measurements, in file order
 * @param skipped rows of the input that were left out on purpose, each with its reason ({@code FILE:LINE: why});
 *     e.g. a Coral reference file's face detector, which the zoo does not have
 */
public record MeasurementSet(String name, List<Measurement> rows, List<String> skipped) {
    /** Name of the built-in set. */
    public static final String BUILT_IN = "built-in";
    /** Class-path resource of the built-in set. */
    public static final String BUILT_IN_RESOURCE = "/dev/edgetpunas/validation/measurements.csv";

    public MeasurementSet {
        Objects.requireNonNull(name, "name");
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    /** A set with nothing skipped. */
    public MeasurementSet(String name, List<Measurement> rows) {
        this(name, rows, List.of());
    }

    /**
     * The published figures shipped with the tool (Coral's benchmark page, models page, 2019 FAQ, benchmark
     * reference files and co-compilation references), every row with its source URL. Rows the tool cannot
     * model are left out with a reason in the file's comments.
     */
    public static MeasurementSet builtIn() {
        try (InputStream in = MeasurementSet.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + BUILT_IN_RESOURCE);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return MeasurementCsv.parse(text, "built-in:measurements.csv", null, java.util.Optional.empty()).withName(BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows that pass {@code keep}, same name. */
    public MeasurementSet filter(Predicate<Measurement> keep) {
        return new MeasurementSet(name, rows.stream().filter(keep).toList(), skipped);
    }

    /** The rows of several sets, one after the other; names joined with {@code +}. */
    public static MeasurementSet concat(List<MeasurementSet> sets) {
        if (sets.isEmpty()) throw new IllegalArgumentException("sets must not be empty");
        List<Measurement> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (MeasurementSet s : sets) {
            all.addAll(s.rows());
            names.add(s.name());
            skipped.addAll(s.skipped());
        }
        return new MeasurementSet(String.join("+", names), all, skipped);
    }

    /** This set under another name. */
    public MeasurementSet withName(String newName) {
        return new MeasurementSet(newName, rows, skipped);
    }

    public int size() {
        return rows.size();
    }
}
