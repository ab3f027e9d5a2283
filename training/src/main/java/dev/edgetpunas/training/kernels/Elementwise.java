package dev.edgetpunas.training.kernels;

import java.util.Arrays;

/**
 * ADD and MUL with NumPy/TFLite broadcasting (ranks up to 4, each dimension equal or 1), forward and
 * backward. The case that matters most is squeeze-and-excitation: {@code MUL([N,H,W,C], [N,1,1,C])}.
 * Gradients of a broadcast operand are summed in row-major order of the output; work is split over the
 * batch axis only when neither operand is broadcast along it, so results never depend on the thread count.
 * The forward output may alias an operand of the output's shape; gradient outputs must not alias
 * {@code dOut} (they are cleared first).
 *
 * <pre>{@code
 * int[] out = Elementwise.broadcastShape(new int[] {8, 7, 7, 32}, new int[] {8, 1, 1, 32});
 * Elementwise.mul(par, xShape, x, sShape, s, y);
 * Elementwise.mulBackward(par, xShape, x, sShape, s, dy, dx, ds);
 * }</pre>
 */
public final class Elementwise {
    private Elementwise() {}

    private enum Kind { ADD, MUL }

    /** The broadcast output shape of {@code a} and {@code b} (same rank; each dimension equal or 1). */
    public static int[] broadcastShape(int[] a, int[] b) {
        if (a == null || b == null) throw new IllegalArgumentException("shapes must not be null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("operands must have the same rank, but shapes were " + Arrays.toString(a)
                    + " and " + Arrays.toString(b));
        }
        if (a.length < 1 || a.length > 4) throw new IllegalArgumentException("rank must be 1..4, but was " + a.length);
        Shapes.size(a);
        Shapes.size(b);
        int[] out = new int[a.length];
        for (int d = 0; d < a.length; d++) {
            if (a[d] != b[d] && a[d] != 1 && b[d] != 1) {
                throw new IllegalArgumentException("dimension " + d + " cannot broadcast: " + Arrays.toString(a) + " vs " + Arrays.toString(b));
            }
            out[d] = Math.max(a[d], b[d]);
        }
        return out;
    }

    /** {@code out = a + b} with broadcasting. */
    public static void add(Parallel par, int[] aShape, float[] a, int[] bShape, float[] b, float[] out) {
        forward(Kind.ADD, par, aShape, a, bShape, b, out);
    }

    /** {@code out = a * b} with broadcasting. */
    public static void mul(Parallel par, int[] aShape, float[] a, int[] bShape, float[] b, float[] out) {
        forward(Kind.MUL, par, aShape, a, bShape, b, out);
    }

    /** Gradients of {@link #add}: {@code dA}, {@code dB} overwritten (either may be null to skip it). */
    public static void addBackward(Parallel par, int[] aShape, int[] bShape, float[] dOut, float[] dA, float[] dB) {
        backward(Kind.ADD, par, aShape, null, bShape, null, dOut, dA, dB);
    }

    /** Gradients of {@link #mul}: {@code dA = dOut * b}, {@code dB = dOut * a}, summed over broadcast axes. */
    public static void mulBackward(Parallel par, int[] aShape, float[] a, int[] bShape, float[] b, float[] dOut, float[] dA, float[] dB) {
        backward(Kind.MUL, par, aShape, a, bShape, b, dOut, dA, dB);
    }

    private static final class Geometry {
        final int[] out = new int[4];
        final int[] sa = new int[4];
        final int[] sb = new int[4];
        final boolean splitBatch;

        Geometry(int[] aShape, int[] bShape) {
            int[] o = broadcastShape(aShape, bShape);
            int pad = 4 - o.length;
            int[] a4 = new int[4];
            int[] b4 = new int[4];
            Arrays.fill(a4, 1);
            Arrays.fill(b4, 1);
            Arrays.fill(out, 1);
            for (int d = 0; d < o.length; d++) {
                a4[pad + d] = aShape[d];
                b4[pad + d] = bShape[d];
                out[pad + d] = o[d];
            }
            int ra = 1;
            int rb = 1;
            for (int d = 3; d >= 0; d--) {
                sa[d] = a4[d] == 1 ? 0 : ra;
                sb[d] = b4[d] == 1 ? 0 : rb;
                ra *= a4[d];
                rb *= b4[d];
            }
            splitBatch = a4[0] == out[0] && b4[0] == out[0] && out[0] > 1;
        }

        int size() {
            return out[0] * out[1] * out[2] * out[3];
        }
    }

    private static void forward(Kind kind, Parallel par, int[] aShape, float[] a, int[] bShape, float[] b, float[] out) {
        Geometry g = new Geometry(aShape, bShape);
        Shapes.requireData("a", a, aShape);
        Shapes.requireData("b", b, bShape);
        if (out == null || out.length < g.size()) throw new IllegalArgumentException("out must hold " + g.size() + " elements");
        par.forEach(g.out[0], n -> {
            int o = n * g.out[1] * g.out[2] * g.out[3];
            for (int h = 0; h < g.out[1]; h++) {
                for (int w = 0; w < g.out[2]; w++) {
                    int ia = n * g.sa[0] + h * g.sa[1] + w * g.sa[2];
                    int ib = n * g.sb[0] + h * g.sb[1] + w * g.sb[2];
                    for (int c = 0; c < g.out[3]; c++, o++) {
                        float x = a[ia + c * g.sa[3]];
                        float y = b[ib + c * g.sb[3]];
                        out[o] = kind == Kind.ADD ? x + y : x * y;
                    }
                }
            }
        });
    }

    private static void backward(Kind kind, Parallel par, int[] aShape, float[] a, int[] bShape, float[] b,
                                 float[] dOut, float[] dA, float[] dB) {
        Geometry g = new Geometry(aShape, bShape);
        if (dOut == null || dOut.length < g.size()) throw new IllegalArgumentException("dOut must hold " + g.size() + " elements");
        if (kind == Kind.MUL) {
            Shapes.requireData("a", a, aShape);
            Shapes.requireData("b", b, bShape);
        }
        if (dA != null) {
            Shapes.requireData("dA", dA, aShape);
            Arrays.fill(dA, 0, Shapes.size(aShape), 0f);
        }
        if (dB != null) {
            Shapes.requireData("dB", dB, bShape);
            Arrays.fill(dB, 0, Shapes.size(bShape), 0f);
        }
        java.util.function.IntConsumer body = n -> {
            int o = n * g.out[1] * g.out[2] * g.out[3];
            for (int h = 0; h < g.out[1]; h++) {
                for (int w = 0; w < g.out[2]; w++) {
                    int ia = n * g.sa[0] + h * g.sa[1] + w * g.sa[2];
                    int ib = n * g.sb[0] + h * g.sb[1] + w * g.sb[2];
                    for (int c = 0; c < g.out[3]; c++, o++) {
                        float d = dOut[o];
                        int ja = ia + c * g.sa[3];
                        int jb = ib + c * g.sb[3];
                        if (dA != null) dA[ja] += kind == Kind.ADD ? d : d * b[jb];
                        if (dB != null) dB[jb] += kind == Kind.ADD ? d : d * a[ja];
                    }
                }
            }
        };
        if (g.splitBatch) {
            par.forEach(g.out[0], body);
        } else {
            for (int n = 0; n < g.out[0]; n++) body.accept(n);
        }
    }
}
