package dev.edgetpunas.training.kernels;

import java.util.Arrays;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D in float32, forward and backward, NHWC. Average pooling divides by the
 * number of window taps inside the input (so SAME padding divides by fewer at the edges, as TFLite
 * does); max pooling ignores padding and sends the gradient to the first maximum in row-major window
 * order. Samples run in parallel; each writes only its own outputs.
 *
 * <pre>{@code
 * Pool2d pool = Pool2d.plan(Pool2d.Kind.MAX, Conv2dSpec.of(2, 2, Padding.VALID), new int[] {8, 28, 28, 32});
 * pool.forward(par, x, y);
 * pool.backward(par, x, dy, dx);
 * }</pre>
 */
public final class Pool2d {
    /** The reduction over a window. */
    public enum Kind { AVERAGE, MAX }

    private final Kind kind;
    private final Conv2dSpec spec;
    private final int n;
    private final int h;
    private final int w;
    private final int c;
    private final int ho;
    private final int wo;
    private final int padT;
    private final int padL;

    private Pool2d(Kind kind, Conv2dSpec spec, int[] inShape) {
        this.kind = kind;
        this.spec = spec;
        n = inShape[0];
        h = inShape[1];
        w = inShape[2];
        c = inShape[3];
        ho = spec.outH(h);
        wo = spec.outW(w);
        padT = spec.padTop(h);
        padL = spec.padLeft(w);
    }

    /** Plans a pooling of an input of {@code inShape} (NHWC); {@code spec} must have one group, no dilation. */
    public static Pool2d plan(Kind kind, Conv2dSpec spec, int[] inShape) {
        if (kind == null || spec == null) throw new IllegalArgumentException("kind and spec must not be null");
        if (spec.groups() != 1 || spec.dilationH() != 1 || spec.dilationW() != 1) {
            throw new IllegalArgumentException("pooling takes no groups or dilation, but spec was " + spec);
        }
        Shapes.requireRank("input", inShape, 4);
        return new Pool2d(kind, spec, inShape);
    }

    /** {@code [N, Ho, Wo, C]}. */
    public int[] outputShape() {
        return new int[] {n, ho, wo, c};
    }

    /** Pools {@code x} into {@code y}. */
    public void forward(Parallel par, float[] x, float[] y) {
        Shapes.requireData("x", x, new int[] {n, h, w, c});
        Shapes.requireData("y", y, outputShape());
        par.forEach(n, b -> {
            for (int oh = 0; oh < ho; oh++) {
                int h0 = Math.max(0, oh * spec.strideH() - padT);
                int h1 = Math.min(h, oh * spec.strideH() - padT + spec.kernelH());
                for (int ow = 0; ow < wo; ow++) {
                    int w0 = Math.max(0, ow * spec.strideW() - padL);
                    int w1 = Math.min(w, ow * spec.strideW() - padL + spec.kernelW());
                    int o = ((b * ho + oh) * wo + ow) * c;
                    Arrays.fill(y, o, o + c, kind == Kind.MAX ? Float.NEGATIVE_INFINITY : 0f);
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            int i = ((b * h + ih) * w + iw) * c;
                            if (kind == Kind.MAX) {
                                for (int ch = 0; ch < c; ch++) y[o + ch] = Math.max(y[o + ch], x[i + ch]);
                            } else {
                                for (int ch = 0; ch < c; ch++) y[o + ch] += x[i + ch];
                            }
                        }
                    }
                    if (kind == Kind.AVERAGE) {
                        float inv = 1f / ((h1 - h0) * (w1 - w0));
                        for (int ch = 0; ch < c; ch++) y[o + ch] *= inv;
                    }
                }
            }
        });
    }

    /** Gradient with respect to {@code x}; {@code dx} is overwritten. */
    public void backward(Parallel par, float[] x, float[] dy, float[] dx) {
        Shapes.requireData("x", x, new int[] {n, h, w, c});
        Shapes.requireData("dy", dy, outputShape());
        Shapes.requireData("dx", dx, new int[] {n, h, w, c});
        par.forEach(n, b -> {
            Arrays.fill(dx, b * h * w * c, (b + 1) * h * w * c, 0f);
            float[] best = new float[c];
            int[] at = new int[c];
            for (int oh = 0; oh < ho; oh++) {
                int h0 = Math.max(0, oh * spec.strideH() - padT);
                int h1 = Math.min(h, oh * spec.strideH() - padT + spec.kernelH());
                for (int ow = 0; ow < wo; ow++) {
                    int w0 = Math.max(0, ow * spec.strideW() - padL);
                    int w1 = Math.min(w, ow * spec.strideW() - padL + spec.kernelW());
                    int o = ((b * ho + oh) * wo + ow) * c;
                    if (kind == Kind.MAX) {
                        // the first maximum in row-major window order gets the gradient
                        Arrays.fill(at, -1);
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                int i = ((b * h + ih) * w + iw) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    float v = x[i + ch];
                                    if (at[ch] < 0 || v > best[ch]) {
                                        best[ch] = v;
                                        at[ch] = i + ch;
                                    }
                                }
                            }
                        }
                        for (int ch = 0; ch < c; ch++) dx[at[ch]] += dy[o + ch];
                    } else {
                        float inv = 1f / ((h1 - h0) * (w1 - w0));
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                int i = ((b * h + ih) * w + iw) * c;
                                for (int ch = 0; ch < c; ch++) dx[i + ch] += dy[o + ch] * inv;
                            }
                        }
                    }
                }
            }
        });
    }
}
