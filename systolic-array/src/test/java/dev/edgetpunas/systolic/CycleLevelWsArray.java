package dev.edgetpunas.systolic;

/**
 * Test oracle: a cycle-by-cycle simulation of an R x C weight-stationary systolic array computing
 * {@code out = in (T x K) * w (K x N)}, fold by fold with no overlap, as SCALE-Sim runs it. Per fold:
 * weights shift in from the top (R cycles, one row per cycle, zero-padded for partial folds); then input
 * rows enter at the left edge skewed by one cycle per array row, move right one column per cycle; partial
 * sums move down one row per cycle and leave the bottom row. The fold ends on the cycle its last output
 * leaves. Independent of the closed form: it counts what the registers do.
 */
final class CycleLevelWsArray {
    private final int rows;
    private final int cols;

    /** Cycles of the run, counted as SCALE-Sim counts them: index of the last busy cycle (total - 1). */
    long cycles;
    /** The computed product. */
    long[][] out;

    CycleLevelWsArray(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    void run(long[][] in, long[][] w) {
        int t = in.length;
        int k = w.length;
        int n = w[0].length;
        out = new long[t][n];
        long total = 0;
        for (int n0 = 0; n0 < n; n0 += cols) {
            for (int k0 = 0; k0 < k; k0 += rows) {
                total += fold(in, w, t, k, n, k0, n0);
            }
        }
        cycles = total - 1;
    }

    /** One fold; returns its cycle count. */
    private long fold(long[][] in, long[][] w, int t, int k, int n, int k0, int n0) {
        long cyc = 0;
        // weight load: R cycles of shifting rows down from the top
        long[][] weights = new long[rows][cols];
        for (int step = 0; step < rows; step++) {
            for (int i = rows - 1; i > 0; i--) weights[i] = weights[i - 1].clone();
            long[] top = new long[cols];
            int srcRow = k0 + (rows - 1 - step);   // last array row enters first
            for (int j = 0; j < cols; j++) {
                top[j] = (srcRow < k && n0 + j < n) ? w[srcRow][n0 + j] : 0;
            }
            weights[0] = top;
            cyc++;
        }
        // streaming: registers hold (value, row-id) of inputs and partial sums
        long[][] xVal = new long[rows][cols];
        int[][] xId = new int[rows][cols];
        long[][] pVal = new long[rows][cols];
        int[][] pId = new int[rows][cols];
        fill(xId, -1);
        fill(pId, -1);
        int emitted = 0;
        int expected = t * cols;   // SCALE-Sim pads partial folds: every column drains
        int s = 0;
        while (emitted < expected) {
            long[][] nxVal = new long[rows][cols];
            int[][] nxId = new int[rows][cols];
            long[][] npVal = new long[rows][cols];
            int[][] npId = new int[rows][cols];
            fill(nxId, -1);
            fill(npId, -1);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int id;
                    long x;
                    if (j == 0) {
                        id = s - i;   // skewed entry at the left edge
                        if (id < 0 || id >= t) id = -1;
                        x = id >= 0 && k0 + i < k ? in[id][k0 + i] : 0;
                    } else {
                        id = xId[i][j - 1];
                        x = xVal[i][j - 1];
                    }
                    if (id < 0) continue;
                    long psumIn = 0;
                    if (i > 0) {
                        if (pId[i - 1][j] != id) throw new AssertionError("skew broken at PE(" + i + "," + j + ")");
                        psumIn = pVal[i - 1][j];
                    }
                    nxVal[i][j] = x;
                    nxId[i][j] = id;
                    npVal[i][j] = psumIn + weights[i][j] * x;
                    npId[i][j] = id;
                }
            }
            xVal = nxVal;
            xId = nxId;
            pVal = npVal;
            pId = npId;
            for (int j = 0; j < cols; j++) {
                int id = pId[rows - 1][j];
                if (id >= 0) {
                    if (n0 + j < n) out[id][n0 + j] += pVal[rows - 1][j];
                    emitted++;
                }
            }
            s++;
            cyc++;
        }
        return cyc;
    }

    private static void fill(int[][] a, int v) {
        for (int[] r : a) java.util.Arrays.fill(r, v);
    }
}
