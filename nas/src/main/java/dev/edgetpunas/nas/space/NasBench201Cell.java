package dev.edgetpunas.nas.space;

import java.util.List;

/**
 * A NAS-Bench-201 cell: one of five ops on each of the six edges of a 4-node DAG, stored as its index
 * {@code 0 .. 15624} (base 5, edge 0 most significant). Edges, in cell-string order:
 * {@code 0->1 | 0->2, 1->2 | 0->3, 1->3, 2->3}.
 *
 * <pre>{@code
 * NasBench201Cell c = NasBench201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
 * c.op(2);        // AVG_POOL_3X3 (edge 1 -> 2)
 * c.toString();   // the same cell string
 * }</pre>
 *
 * @param index the cell's index, {@code 0 .. 15624}
 */
public record NasBench201Cell(int index) {
    /** Number of cells. */
    public static final int COUNT = 15_625;
    /** Number of edges. */
    public static final int EDGES = 6;
    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    private static final int[] TO = {1, 2, 2, 3, 3, 3};
    private static final int[] POW5 = {3125, 625, 125, 25, 5, 1};

    public NasBench201Cell {
        if (index < 0 || index >= COUNT) throw new IllegalArgumentException("cell index must be in 0.." + (COUNT - 1) + ", but was " + index);
    }

    /** The cell with these six ops (edge order as in cell strings). */
    public static NasBench201Cell of(List<NasBench201Op> ops) {
        if (ops.size() != EDGES) throw new IllegalArgumentException("a cell has 6 edges, but " + ops.size() + " ops were given");
        int idx = 0;
        for (int e = 0; e < EDGES; e++) idx += ops.get(e).ordinal() * POW5[e];
        return new NasBench201Cell(idx);
    }

    /** The op on edge {@code e} (0..5). */
    public NasBench201Op op(int e) {
        return NasBench201Op.of(code(e));
    }

    /** The op code (ordinal) on edge {@code e}. */
    public int code(int e) {
        return index / POW5[e] % 5;
    }

    /** The ops of all six edges. */
    public List<NasBench201Op> ops() {
        NasBench201Op[] o = new NasBench201Op[EDGES];
        for (int e = 0; e < EDGES; e++) o[e] = op(e);
        return List.of(o);
    }

    /** This cell with edge {@code e} set to {@code op}. */
    public NasBench201Cell with(int e, NasBench201Op op) {
        return new NasBench201Cell(index + (op.ordinal() - code(e)) * POW5[e]);
    }

    /** The source node of edge {@code e}. */
    public static int from(int e) {
        return FROM[e];
    }

    /** The target node of edge {@code e}. */
    public static int to(int e) {
        return TO[e];
    }

    /** The edge index of {@code from -> to}. */
    public static int edge(int from, int to) {
        for (int e = 0; e < EDGES; e++) if (FROM[e] == from && TO[e] == to) return e;
        throw new IllegalArgumentException("no edge " + from + " -> " + to);
    }

    /** Parses a cell string as in the NAS-Bench-201 files. */
    public static NasBench201Cell parse(String s) {
        String str = s.trim();
        String[] nodes = str.split("\\+", -1);
        if (nodes.length != 3) {
            throw new IllegalArgumentException("cell string '" + s + "' must have 3 nodes separated by '+', but had " + nodes.length);
        }
        NasBench201Op[] ops = new NasBench201Op[EDGES];
        for (int n = 0; n < 3; n++) {
            String node = nodes[n];
            if (node.length() < 2 || node.charAt(0) != '|' || node.charAt(node.length() - 1) != '|') {
                throw new IllegalArgumentException("cell string '" + s + "': node " + (n + 1) + " '" + node + "' must be written |op~j|...|");
            }
            String[] edges = node.substring(1, node.length() - 1).split("\\|", -1);
            if (edges.length != n + 1) {
                throw new IllegalArgumentException("cell string '" + s + "': node " + (n + 1) + " needs " + (n + 1) + " inputs, but had " + edges.length);
            }
            for (int j = 0; j <= n; j++) {
                String tok = edges[j];
                int tilde = tok.indexOf('~');
                if (tilde < 0 || !tok.substring(tilde + 1).equals(Integer.toString(j))) {
                    throw new IllegalArgumentException("cell string '" + s + "': token '" + tok + "' must be op~" + j);
                }
                try {
                    ops[edge(j, n + 1)] = NasBench201Op.parse(tok.substring(0, tilde));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cell string '" + s + "': " + e.getMessage(), e);
                }
            }
        }
        return of(List.of(ops));
    }

    /** The cell string ({@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        for (int n = 1; n <= 3; n++) {
            if (n > 1) sb.append('+');
            sb.append('|');
            for (int j = 0; j < n; j++) sb.append(op(edge(j, n)).id()).append('~').append(j).append('|');
        }
        return sb.toString();
    }
}
