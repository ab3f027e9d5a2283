package dev.edgetpunas.nas.report;

import dev.edgetpunas.nas.evolution.Evaluation;
import java.util.List;

/**
 * The CSV form of a search history ({@code history.csv}, {@code pareto.csv}): columns {@code eval},
 * {@code genome}, {@code accuracy}, {@code latency_ms}, {@code reward}, {@code status}, then
 * {@code reason} (why a trial failed; empty otherwise). Numbers are printed in Java's shortest
 * round-trip form, missing ones (a failed trial) as empty fields; fields are quoted as RFC 4180 wants.
 *
 * <pre>{@code
 * String csv = HistoryCsv.format(result.history());
 * }</pre>
 */
public final class HistoryCsv {
    /** The header line. */
    public static final String HEADER = "eval,genome,accuracy,latency_ms,reward,status,reason";

    private HistoryCsv() {}

    /** The CSV text (header and one line per evaluation, each ending in a newline). */
    public static String format(List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder(HEADER.length() + 128 * rows.size());
        sb.append(HEADER).append('\n');
        for (Evaluation e : rows) {
            sb.append(e.eval()).append(',').append(quote(e.genome())).append(',').append(num(e.accuracy())).append(',')
                    .append(num(e.latencyMs())).append(',').append(num(e.reward())).append(',').append(e.status().id()).append(',')
                    .append(quote(e.reason())).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A CSV field, quoted if it holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
