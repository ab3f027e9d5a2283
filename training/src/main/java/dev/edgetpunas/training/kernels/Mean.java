package dev.edgetpunas.training.kernels;

/**
 * MEAN over the spatial axes (H, W) with kept dimensions: {@code [N, H, W, C] -> [N, 1, 1, C]} (global
 * average pooling, and the squeeze of squeeze-and-excitation). Sums run in row-major order per sample.
 *
 * <pre>{@code
 * Mean.forward(par, new int[] {8, 7, 7, 320}, x, y);       // y has 8 * 320 elements
 * Mean.backward(par, new int[] {8, 7, 7, 320}, dy, dx);
 * }</pre>
 */
public final class Mean {
    private Mean() {}

    /** {@code [N, 1, 1, C]} for an input of {@code inShape}. */
    public static int[] outputShape(int[] inShape) {
        Shapes.requireRank("input", inShape, 4);
        return new int[] {inShape[0], 1, 1, inShape[3]};
    }

    /** {@code y[n, c] = mean over h, w of x[n, h, w, c]}. */
    public static void forward(Parallel par, int[] inShape, float[] x, float[] y) {
        Shapes.requireRank("input", inShape, 4);
        Shapes.requireData("x", x, inShape);
        Shapes.requireData("y", y, outputShape(inShape));
        int hw = inShape[1] * inShape[2];
        int c = inShape[3];
        par.forEach(inShape[0], b -> {
            double[] acc = new double[c];
            for (int p = 0; p < hw; p++) {
                int o = (b * hw + p) * c;
                for (int ch = 0; ch < c; ch++) acc[ch] += x[o + ch];
            }
            for (int ch = 0; ch < c; ch++) y[b * c + ch] = (float) (acc[ch] / hw);
        });
    }

    /** {@code dx[n, h, w, c] = dy[n, c] / (H * W)}; {@code dx} is overwritten. */
    public static void backward(Parallel par, int[] inShape, float[] dy, float[] dx) {
        Shapes.requireRank("input", inShape, 4);
        Shapes.requireData("dy", dy, outputShape(inShape));
        Shapes.requireData("dx", dx, inShape);
        int hw = inShape[1] * inShape[2];
        int c = inShape[3];
        float inv = 1f / hw;
        par.forEach(inShape[0], b -> {
            for (int p = 0; p < hw; p++) {
                int o = (b * hw + p) * c;
                for (int ch = 0; ch < c; ch++) dx[o + ch] = dy[b * c + ch] * inv;
            }
        });
    }
}
