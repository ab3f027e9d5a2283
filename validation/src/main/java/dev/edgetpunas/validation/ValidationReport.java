package dev.edgetpunas.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Predictions against a measurement set: per row, over all rows, per profile group and per scenario.
 *
 * <pre>{@code
 * ValidationReport r = new Validator().validate(MeasurementSet.builtIn());
 * r.summary().mapePct();
 * r.byProfile().get("edgetpu-usb3-max").spearman();
 * }</pre>
 *
 * @param setName the measurement set's name
 * @param rows every row, in the set's order
 * @param summary the metrics over all rows
 * @param byProfile metrics per {@link ValidationRow#group()}, in order of first appearance
 * @param byScenario metrics per scenario id, in order of first appearance
 * @param profileDigests the digest of each group's profile (as it ran: a {@code /cpu} group without accelerator)
 * @param skipped rows of the input left out on purpose, with reasons
 */
public record ValidationReport(String setName, List<ValidationRow> rows, Fidelity summary, Map<String, Fidelity> byProfile,
        Map<String, Fidelity> byScenario, Map<String, String> profileDigests, List<String> skipped) {

    public ValidationReport {
        Objects.requireNonNull(setName, "setName");
        Objects.requireNonNull(summary, "summary");
        rows = List.copyOf(rows);
        byProfile = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byProfile));
        byScenario = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byScenario));
        profileDigests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profileDigests));
        skipped = List.copyOf(skipped);
    }

    /** A report of {@code rows}: metrics over all of them and by group and scenario. */
    public static ValidationReport of(String setName, List<ValidationRow> rows, Map<String, String> profileDigests, List<String> skipped) {
        return new ValidationReport(setName, rows, fidelity(rows), grouped(rows, ValidationRow::group),
                grouped(rows, r -> r.measurement().scenario().id()), profileDigests, skipped);
    }

    /** The metrics of a list of rows. */
    public static Fidelity fidelity(List<ValidationRow> rows) {
        double[] m = new double[rows.size()], p = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            m[i] = rows.get(i).measuredMs();
            p[i] = rows.get(i).predictedMs();
        }
        return Fidelity.of(m, p);
    }

    private static Map<String, Fidelity> grouped(List<ValidationRow> rows, Function<ValidationRow, String> key) {
        Map<String, List<ValidationRow>> groups = new LinkedHashMap<>();
        for (ValidationRow r : rows) groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        Map<String, Fidelity> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, fidelity(v)));
        return out;
    }

    /** The rows of one profile group. */
    public List<ValidationRow> rowsOf(String group) {
        return rows.stream().filter(r -> r.group().equals(group)).toList();
    }
}
