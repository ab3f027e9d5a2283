package dev.edgetpunas.systolic.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SCALE-Sim topology CSV files, accepting its quirks: a header row (skipped when its second
 * field is not a number, so a file without a header loses no layer), a trailing comma on every row,
 * blank lines, an optional {@code Stride W} column (missing: copies {@code Stride H}), and conv-format
 * layer names containing {@code DP} marking depthwise layers. GEMM rows {@code name, M, N, K,} map to
 * {@code H = M, W = K, Fh = 1, Fw = K, Cin = 1, filters = N}, stride 1. A bad row throws a
 * {@link TopologyException} naming the file, the line and the column; nothing is skipped silently.
 *
 * <pre>{@code
 * List<TopologyLayer> layers = ScaleSimTopology.read(Path.of("resnet18.csv"), TopologyFormat.CONV);
 * List<TopologyLayer> gemms = ScaleSimTopology.parse("inline", "Layer,M,N,K,\nfc,1,1000,2048,\n", TopologyFormat.GEMM);
 * }</pre>
 */
public final class ScaleSimTopology {
    private static final String[] CONV_COLUMNS = {
        "Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width", "Channels", "Num Filter", "Stride Height", "Stride Width"};
    private static final String[] GEMM_COLUMNS = {"Layer", "M", "N", "K"};

    private ScaleSimTopology() {}

    /** Reads {@code file}; errors name it as given. */
    public static List<TopologyLayer> read(Path file, TopologyFormat format) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topology " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, format);
    }

    /** Parses topology text; {@code source} names it in errors. */
    public static List<TopologyLayer> parse(String source, String text, TopologyFormat format) {
        List<TopologyLayer> layers = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String row = lines[i].strip();
            if (row.isEmpty()) continue;
            if (first) {
                first = false;
                if (lineNo == 1 && row.startsWith("\uFEFF")) row = row.substring(1);
                if (isHeader(row)) continue;
            }
            layers.add(format == TopologyFormat.GEMM ? gemmRow(source, lineNo, row) : convRow(source, lineNo, row));
        }
        if (layers.isEmpty()) throw new TopologyException(source, Math.max(1, lines.length), "no layers in the topology");
        return List.copyOf(layers);
    }

    private static boolean isHeader(String row) {
        String[] f = row.split(",", -1);
        if (f.length < 2) return true;
        try {
            Integer.parseInt(f[1].strip());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Splits on commas and drops trailing empty fields (SCALE-Sim rows end with a comma). */
    private static String[] fields(String row) {
        String[] f = row.split(",", -1);
        int n = f.length;
        while (n > 0 && f[n - 1].isBlank()) n--;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = f[i].strip();
        return out;
    }

    private static TopologyLayer convRow(String source, int line, String row) {
        String[] f = fields(row);
        if (f.length != 8 && f.length != 9) {
            throw new TopologyException(source, line, "expected 8 or 9 fields (" + String.join(", ", CONV_COLUMNS)
                    + "; Stride Width optional), but found " + f.length + " in '" + row + "'");
        }
        String name = name(source, line, f[0]);
        int[] v = new int[9];
        for (int c = 1; c < f.length; c++) v[c] = positiveInt(source, line, CONV_COLUMNS[c], f[c]);
        if (f.length == 8) v[8] = v[7];
        boolean dp = name.contains("DP");
        if (dp && v[6] % v[5] != 0) {
            throw new TopologyException(source, line, "depthwise layer '" + name + "' (name contains DP): column 'Num Filter' ("
                    + v[6] + ") must be a multiple of 'Channels' (" + v[5] + ")");
        }
        TopologyLayer layer = new TopologyLayer(name, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], dp, line);
        check(source, line, layer);
        return layer;
    }

    private static TopologyLayer gemmRow(String source, int line, String row) {
        String[] f = fields(row);
        if (f.length != 4) {
            throw new TopologyException(source, line, "expected 4 fields (" + String.join(", ", GEMM_COLUMNS) + "), but found "
                    + f.length + " in '" + row + "'");
        }
        String name = name(source, line, f[0]);
        int m = positiveInt(source, line, "M", f[1]);
        int n = positiveInt(source, line, "N", f[2]);
        int k = positiveInt(source, line, "K", f[3]);
        TopologyLayer layer = new TopologyLayer(name, m, k, 1, k, 1, n, 1, 1, false, line);
        check(source, line, layer);
        return layer;
    }

    /** Builds the workload once so that shape errors (a filter larger than the input) carry the line. */
    private static void check(String source, int line, TopologyLayer layer) {
        try {
            layer.toWorkload();
        } catch (IllegalArgumentException e) {
            throw new TopologyException(source, line, "layer '" + layer.name() + "': " + e.getMessage());
        }
    }

    private static String name(String source, int line, String name) {
        if (name.isEmpty()) throw new TopologyException(source, line, "column 'Layer name' is empty");
        return name;
    }

    private static int positiveInt(String source, int line, String column, String text) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TopologyException(source, line, "column '" + column + "' must be a positive integer, but was '" + text + "'");
        }
        if (v <= 0) throw new TopologyException(source, line, "column '" + column + "' must be > 0, but was " + v);
        return v;
    }
}
