package dev.edgetpunas.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned plain-text table for people (machine-readable output is JSON or CSV).
 *
 * <pre>{@code
 * TextTable t = new TextTable("model", "MACs").rightAlign(1);
 * t.row("mobilenet-v2", "300.8M");
 * System.out.print(t);
 * }</pre>
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;
    private final boolean[] right;

    public TextTable(String... header) {
        this.header = header.clone();
        this.right = new boolean[header.length];
    }

    /** Right-aligns the given columns (numbers). */
    public TextTable rightAlign(int... columns) {
        for (int c : columns) right[c] = true;
        return this;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        int[] w = new int[header.length];
        for (int i = 0; i < w.length; i++) w[i] = header[i].length();
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        int total = 0;
        for (int x : w) total += x + 2;
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (String[] r : rows) line(sb, r, w);
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) l.append("  ");
            String c = cells[i];
            String pad = " ".repeat(w[i] - c.length());
            l.append(right[i] ? pad + c : (i == cells.length - 1 ? c : c + pad));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** Formats a count with an M/G/K suffix: 300.8M, 1.53G. */
    public static String si(long n) {
        if (n >= 1_000_000_000L) return String.format("%.2fG", n / 1e9);
        if (n >= 1_000_000L) return String.format("%.1fM", n / 1e6);
        if (n >= 10_000L) return String.format("%.1fK", n / 1e3);
        return Long.toString(n);
    }

    /** Formats bytes as edgetpu_compiler does: B, KiB, MiB with 2 decimals. */
    public static String bytes(long b) {
        if (b >= 1024L * 1024) return String.format("%.2fMiB", b / (1024.0 * 1024));
        if (b >= 1024L) return String.format("%.2fKiB", b / 1024.0);
        return String.format("%.2fB", (double) b);
    }
}
