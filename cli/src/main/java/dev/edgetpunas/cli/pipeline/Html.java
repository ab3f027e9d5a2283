package dev.edgetpunas.cli.pipeline;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Small HTML helpers of the report: escaping, number formats, tables with right-aligned numeric
 * columns, and inline images as {@code data:} URIs.
 *
 * <pre>{@code
 * Html.Table t = new Html.Table("model", "#latency ms");   // '#' marks a numeric (right-aligned) column
 * t.row("mobilenet-v2", Html.ms(1.878));
 * sb.append(t);
 * }</pre>
 */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Milliseconds with 3 significant decimals below 10, 2 below 100, else 1. */
    static String ms(double v) {
        if (Double.isNaN(v)) return "-";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
    }

    static String signedMs(double v) {
        if (Double.isNaN(v)) return "-";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%+.1f" : a >= 10 ? "%+.2f" : "%+.3f", v);
    }

    static String f(String fmt, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, fmt, v);
    }

    /** A fraction as a percentage with one decimal. */
    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** 2.35 G, 653.2 M, 12.1 k. */
    static String si(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.1f M", v / 1e6);
        if (a >= 1e3) return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String bytes(double b) {
        if (b >= 1 << 20) return String.format(Locale.ROOT, "%.2f MiB", b / (1 << 20));
        if (b >= 1 << 10) return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    static String code(String s) {
        return "<code>" + esc(s) + "</code>";
    }

    /** {@code c0 c1 ...} as coloured tags. */
    static String types(String types) {
        StringBuilder sb = new StringBuilder("<span class=\"types\">");
        for (String t : types.trim().split("\\s+")) sb.append("<span class=\"tag ").append(esc(t)).append("\">").append(esc(t)).append("</span>");
        return sb.append("</span>").toString();
    }

    /** A horizontal bar of {@code fraction} (0..1) of the cell, then the text. */
    static String bar(double fraction, String text) {
        int px = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 120);
        return "<span class=\"nw\"><span class=\"bar\" style=\"width:" + px + "px\"></span> " + text + "</span>";
    }

    static String png(byte[] png, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    /** An HTML table; headers starting with '#' are numeric columns (right-aligned, tabular figures). Cells are raw HTML. */
    static final class Table {
        private final List<String> headers = new ArrayList<>();
        private final boolean[] numeric;
        private final StringBuilder body = new StringBuilder();
        private String cssClass = "";

        Table(String... headers) {
            numeric = new boolean[headers.length];
            for (int i = 0; i < headers.length; i++) {
                numeric[i] = headers[i].startsWith("#");
                this.headers.add(numeric[i] ? headers[i].substring(1) : headers[i]);
            }
        }

        Table cssClass(String c) {
            cssClass = c;
            return this;
        }

        Table row(Object... cells) {
            body.append("<tr>");
            for (int i = 0; i < cells.length; i++) {
                body.append(i < numeric.length && numeric[i] ? "<td class=\"n\">" : "<td>").append(cells[i] == null ? "" : cells[i]).append("</td>");
            }
            body.append("</tr>\n");
            return this;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("<div class=\"tw\"><table").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                    .append(">\n<thead><tr>");
            for (int i = 0; i < headers.size(); i++) sb.append(numeric[i] ? "<th class=\"n\">" : "<th>").append(esc(headers.get(i))).append("</th>");
            return sb.append("</tr></thead>\n<tbody>\n").append(body).append("</tbody></table></div>\n").toString();
        }
    }
}
