package dev.edgetpunas.training.kernels;

import dev.edgetpunas.training.kernels.internal.GemmKernel;
import java.util.Arrays;

/**
 * CONV_2D and DEPTHWISE_CONV_2D in float32, forward and backward, NHWC, any batch, with stride, SAME/VALID
 * padding (as TFLite computes it), dilation and groups. A {@code Conv2d} is a plan for one geometry: it
 * checks the shapes once and owns the scratch buffers, so it is cheap to call repeatedly but not
 * thread-safe (give each thread its own plan; the kernels parallelise internally).
 *
 * <p>Layouts: input {@code [N, H, W, Cin]}; filter {@code [Cout, KH, KW, Cin/groups]} (TFLite's OHWI for
 * CONV_2D; for DEPTHWISE_CONV_2D's {@code [1, KH, KW, Cin*m]} use {@link #depthwiseFilterFromTflite});
 * bias {@code [Cout]} or null; output {@code [N, Ho, Wo, Cout]}. Output channel {@code co} belongs to group
 * {@code co / (Cout/groups)}, so for depthwise with multiplier {@code m}, channel {@code c*m + j} reads
 * input channel {@code c}, as in TFLite.
 *
 * <p>Method (depthwise, i.e. one input channel per group: direct loops, samples in parallel; the filter
 * and bias gradients are per-sample partial sums added in sample order). Otherwise: the output pixels
 * {@code N*Ho*Wo} are cut into fixed blocks (size from the shape only). Per
 * block, im2col, then a GEMM whose rows (output channels, or patch rows in backward) run in parallel and
 * whose inner loop runs over pixels. Weight and bias gradients are summed over pixels in one fixed order
 * (block after block, pixel after pixel), so every result is bit-identical for any thread count.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.plan(Conv2dSpec.of(3, 1, Padding.SAME), new int[] {8, 28, 28, 1}, new int[] {32, 3, 3, 1});
 * float[] out = new float[Shapes.size(conv.outputShape())];
 * conv.forward(par, in, filter, bias, out);
 * conv.backward(par, in, filter, dOut, dIn, dFilter, dBias);
 * }</pre>
 */
public final class Conv2d {
    private final Conv2dSpec spec;
    private final int[] inShape;
    private final int[] filterShape;
    private final int n;
    private final int h;
    private final int w;
    private final int cin;
    private final int cout;
    private final int ho;
    private final int wo;
    private final int padT;
    private final int padL;
    private final int groups;
    private final int cinG;
    private final int coutG;
    private final int kg;
    private final int pixels;
    private final int block;

    private final int[] pBase;
    private final int[] pIh;
    private final int[] pIw;
    private float[][] colT;
    private float[][] outT;
    private float[][] dyT;
    private float[][][] colRows;
    private float[][] dcolT;
    private float[][] dwRows;

    private Conv2d(Conv2dSpec spec, int[] inShape, int[] filterShape) {
        this.spec = spec;
        this.inShape = inShape.clone();
        this.filterShape = filterShape.clone();
        n = inShape[0];
        h = inShape[1];
        w = inShape[2];
        cin = inShape[3];
        cout = filterShape[0];
        groups = spec.groups();
        if (cin % groups != 0) {
            throw new IllegalArgumentException("input channels " + cin + " must be divisible by groups " + groups);
        }
        if (cout % groups != 0) {
            throw new IllegalArgumentException("output channels " + cout + " must be divisible by groups " + groups);
        }
        cinG = cin / groups;
        coutG = cout / groups;
        if (filterShape[1] != spec.kernelH() || filterShape[2] != spec.kernelW() || filterShape[3] != cinG) {
            throw new IllegalArgumentException("filter shape " + Arrays.toString(filterShape) + " must be [Cout, "
                    + spec.kernelH() + ", " + spec.kernelW() + ", " + cinG + "] for input " + Arrays.toString(inShape)
                    + " and " + spec);
        }
        ho = spec.outH(h);
        wo = spec.outW(w);
        padT = spec.padTop(h);
        padL = spec.padLeft(w);
        kg = spec.kernelH() * spec.kernelW() * cinG;
        long px = (long) n * ho * wo;
        if (px > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("output " + px + " pixels is too large");
        pixels = (int) px;
        int kTotal = groups * kg;
        int b = Integer.highestOneBit(Math.max(1, (1 << 18) / kTotal));
        block = Math.min(Math.max(b, 64), 1024);
        pBase = new int[block];
        pIh = new int[block];
        pIw = new int[block];
    }

    /** Plans a convolution of an input of {@code inShape} (NHWC) with a filter of {@code filterShape} (OHWI). */
    public static Conv2d plan(Conv2dSpec spec, int[] inShape, int[] filterShape) {
        if (spec == null) throw new IllegalArgumentException("spec must not be null");
        Shapes.requireRank("input", inShape, 4);
        Shapes.requireRank("filter", filterShape, 4);
        return new Conv2d(spec, inShape, filterShape);
    }

    /** The geometry. */
    public Conv2dSpec spec() {
        return spec;
    }

    /** {@code [N, H, W, Cin]}. */
    public int[] inputShape() {
        return inShape.clone();
    }

    /** {@code [Cout, KH, KW, Cin/groups]}. */
    public int[] filterShape() {
        return filterShape.clone();
    }

    /** {@code [N, Ho, Wo, Cout]}. */
    public int[] outputShape() {
        return new int[] {n, ho, wo, cout};
    }

    /** Multiply-accumulates of one forward pass. */
    public long macs() {
        return (long) pixels * cout * kg;
    }

    /**
     * {@code out = conv(in, filter) + bias}. {@code bias} may be null (no bias). {@code out} is overwritten.
     */
    public void forward(Parallel par, float[] in, float[] filter, float[] bias, float[] out) {
        Shapes.requireData("input", in, inShape);
        Shapes.requireData("filter", filter, filterShape);
        Shapes.requireData("output", out, outputShape());
        if (bias != null && bias.length < cout) {
            throw new IllegalArgumentException("bias.length must be >= " + cout + ", but was " + bias.length);
        }
        if (depthwise()) {
            depthwiseForward(par, in, filter, bias, out);
            return;
        }
        if (colT == null) colT = new float[groups * kg][block];
        if (outT == null) outT = new float[cout][block];
        for (int p0 = 0; p0 < pixels; p0 += block) {
            final int np = Math.min(block, pixels - p0);
            final int base = p0;
            setupPixels(p0, np);
            par.forEach(groups * kg, 4, row -> im2colRow(in, row, np));
            par.forEach(cout, co -> {
                float[] acc = outT[co];
                Arrays.fill(acc, 0, np, 0f);
                GemmKernel.rowTimesRows(filter, co * kg, 1, colT, (co / coutG) * kg, kg, acc, np);
            });
            par.forEach(np, 64, p -> {
                int o = (base + p) * cout;
                for (int co = 0; co < cout; co++) out[o + co] = outT[co][p] + (bias == null ? 0f : bias[co]);
            });
        }
    }

    /**
     * Gradients of {@link #forward} given {@code dOut}: {@code dIn} (may be null to skip it, e.g. for the
     * first layer), {@code dFilter} and {@code dBias} (may be null). All outputs are overwritten.
     */
    public void backward(Parallel par, float[] in, float[] filter, float[] dOut, float[] dIn, float[] dFilter, float[] dBias) {
        Shapes.requireData("input", in, inShape);
        Shapes.requireData("filter", filter, filterShape);
        Shapes.requireData("output gradient", dOut, outputShape());
        Shapes.requireData("filter gradient", dFilter, filterShape);
        if (dIn != null) {
            Shapes.requireData("input gradient", dIn, inShape);
            Arrays.fill(dIn, 0, Shapes.size(inShape), 0f);
        }
        if (dBias != null && dBias.length < cout) {
            throw new IllegalArgumentException("bias gradient length must be >= " + cout + ", but was " + dBias.length);
        }
        if (depthwise()) {
            depthwiseBackward(par, in, filter, dOut, dIn, dFilter, dBias);
            return;
        }
        if (dyT == null) dyT = new float[cout][block];
        if (colRows == null) colRows = new float[groups][block][kg];
        if (dwRows == null) dwRows = new float[cout][kg];
        if (dIn != null && dcolT == null) dcolT = new float[groups * kg][block];
        for (float[] r : dwRows) Arrays.fill(r, 0f);
        double[] biasAcc = new double[cout];
        for (int p0 = 0; p0 < pixels; p0 += block) {
            final int np = Math.min(block, pixels - p0);
            final int base = p0;
            setupPixels(p0, np);
            par.forEach(cout, co -> {
                float[] r = dyT[co];
                double s = 0;
                for (int p = 0; p < np; p++) {
                    float v = dOut[(base + p) * cout + co];
                    r[p] = v;
                    s += v;
                }
                biasAcc[co] += s;
            });
            par.forEach(np, 16, p -> im2colPixel(in, p));
            par.forEach(cout, co -> GemmKernel.rowTimesRows(dyT[co], 0, 1, colRows[co / coutG], 0, np, dwRows[co], kg));
            if (dIn != null) {
                par.forEach(groups * kg, 4, row -> {
                    float[] acc = dcolT[row];
                    Arrays.fill(acc, 0, np, 0f);
                    int g = row / kg;
                    int kk = row - g * kg;
                    GemmKernel.rowTimesRows(filter, g * coutG * kg + kk, kg, dyT, g * coutG, coutG, acc, np);
                });
                par.forEach(cin, ch -> col2imChannel(dIn, ch, np));
            }
        }
        for (int co = 0; co < cout; co++) System.arraycopy(dwRows[co], 0, dFilter, co * kg, kg);
        if (dBias != null) for (int co = 0; co < cout; co++) dBias[co] = (float) biasAcc[co];
    }

    /** One input channel per group (and more than one group): the direct depthwise path. */
    private boolean depthwise() {
        return cinG == 1 && groups > 1;
    }

    /**
     * The filter as rows {@code [tap][Wo * Cout]}: each tap's weights over the output channels, repeated
     * for every output column, so a whole output row is one vector loop.
     */
    private float[][] tiledTaps(float[] filter) {
        int taps = spec.kernelH() * spec.kernelW();
        float[][] t = new float[taps][wo * cout];
        for (int k = 0; k < taps; k++) {
            float[] r = t[k];
            for (int co = 0; co < cout; co++) r[co] = filter[co * taps + k];
            for (int ow = 1; ow < wo; ow++) System.arraycopy(r, 0, r, ow * cout, cout);
        }
        return t;
    }

    /**
     * Gathers, for output row {@code oh} of sample {@code b} and tap {@code (khi, kwi)}, the input value
     * feeding every output {@code (ow, co)} into {@code dst[ow * Cout + co]} (0 where the tap is in the
     * padding). Returns false when the whole row of taps is in the padding.
     */
    private boolean gatherTapRow(float[] in, int b, int oh, int khi, int kwi, float[] dst) {
        int ih = oh * spec.strideH() - padT + khi * spec.dilationH();
        if (ih < 0 || ih >= h) return false;
        int m = coutG;
        for (int ow = 0; ow < wo; ow++) {
            int iw = ow * spec.strideW() - padL + kwi * spec.dilationW();
            int d = ow * cout;
            if (iw < 0 || iw >= w) {
                Arrays.fill(dst, d, d + cout, 0f);
            } else if (m == 1) {
                System.arraycopy(in, ((b * h + ih) * w + iw) * cin, dst, d, cout);
            } else {
                int i = ((b * h + ih) * w + iw) * cin;
                for (int co = 0; co < cout; co++) dst[d + co] = in[i + co / m];
            }
        }
        return true;
    }

    // Depthwise (groups == Cin, depth multiplier m = Cout / Cin): im2col would gather every input KH*KW
    // times for only m MACs each. Instead, per output row and tap: gather the row of inputs (array copies
    // of the channel vectors), then one vectorizable loop over Wo * Cout against the tiled tap weights.
    // Samples run in parallel; each output sums its taps in (kh, kw) order.
    private void depthwiseForward(Parallel par, float[] in, float[] filter, float[] bias, float[] out) {
        float[][] wt = tiledTaps(filter);
        int kh = spec.kernelH();
        int kw = spec.kernelW();
        int row = wo * cout;
        par.forEach(n, b -> {
            float[] tmp = new float[row];
            float[] acc = new float[row];
            for (int oh = 0; oh < ho; oh++) {
                if (bias == null) {
                    Arrays.fill(acc, 0f);
                } else {
                    for (int ow = 0; ow < wo; ow++) System.arraycopy(bias, 0, acc, ow * cout, cout);
                }
                for (int khi = 0; khi < kh; khi++) {
                    for (int kwi = 0; kwi < kw; kwi++) {
                        if (!gatherTapRow(in, b, oh, khi, kwi, tmp)) continue;
                        GemmKernel.fmaRows(tmp, wt[khi * kw + kwi], acc, row);
                    }
                }
                System.arraycopy(acc, 0, out, (b * ho + oh) * row, row);
            }
        });
    }

    // Input gradient: per sample (disjoint). Filter and bias gradients: per sample, tiled sums over the
    // sample's rows are folded over ow (in ow order) into a per-sample partial; partials are added in
    // sample order.
    private void depthwiseBackward(Parallel par, float[] in, float[] filter, float[] dOut, float[] dIn, float[] dFilter, float[] dBias) {
        float[][] wt = tiledTaps(filter);
        int m = coutG;
        int kh = spec.kernelH();
        int kw = spec.kernelW();
        int taps = kh * kw;
        int row = wo * cout;
        float[][] partW = new float[n][taps * cout];
        double[][] partB = dBias == null ? null : new double[n][cout];
        par.forEach(n, b -> {
            float[] tmp = new float[row];
            float[] dy = new float[row];
            float[] prod = new float[row];
            float[][] tiled = new float[taps][row];
            for (int oh = 0; oh < ho; oh++) {
                System.arraycopy(dOut, (b * ho + oh) * row, dy, 0, row);
                if (partB != null) {
                    double[] pb = partB[b];
                    for (int ow = 0; ow < wo; ow++) {
                        for (int co = 0; co < cout; co++) pb[co] += dy[ow * cout + co];
                    }
                }
                for (int khi = 0; khi < kh; khi++) {
                    int ih = oh * spec.strideH() - padT + khi * spec.dilationH();
                    for (int kwi = 0; kwi < kw; kwi++) {
                        int t = khi * kw + kwi;
                        if (!gatherTapRow(in, b, oh, khi, kwi, tmp)) continue;
                        GemmKernel.fmaRows(dy, tmp, tiled[t], row);
                        if (dIn == null || m == 1) continue;
                        GemmKernel.mulRows(dy, wt[t], prod, row);
                        for (int ow = 0; ow < wo; ow++) {
                            int iw = ow * spec.strideW() - padL + kwi * spec.dilationW();
                            if (iw < 0 || iw >= w) continue;
                            int i = ((b * h + ih) * w + iw) * cin;
                            int d = ow * cout;
                            if (m == 1) {
                                for (int c = 0; c < cout; c++) dIn[i + c] += prod[d + c];
                            } else {
                                for (int co = 0; co < cout; co++) dIn[i + co / m] += prod[d + co];
                            }
                        }
                    }
                }
            }
            if (dIn != null && m == 1) depthwiseInputGradient(dOut, wt, b, tmp, prod, dIn);
            float[] pw = partW[b];
            for (int t = 0; t < taps; t++) {
                float[] r = tiled[t];
                for (int ow = 0; ow < wo; ow++) {
                    for (int co = 0; co < cout; co++) pw[t * cout + co] += r[ow * cout + co];
                }
            }
        });
        float[] sum = new float[taps * cout];
        for (int b = 0; b < n; b++) {
            float[] pw = partW[b];
            for (int j = 0; j < sum.length; j++) sum[j] += pw[j];
        }
        for (int co = 0; co < cout; co++) for (int k = 0; k < taps; k++) dFilter[co * taps + k] = sum[k * cout + co];
        if (dBias != null) {
            for (int co = 0; co < cout; co++) {
                double acc = 0;
                for (int b = 0; b < n; b++) acc += partB[b][co];
                dBias[co] = (float) acc;
            }
        }
    }

    /**
     * Input gradient of sample {@code b} for depth multiplier 1, as a gather (a transposed convolution):
     * for input row {@code ih} and tap {@code (khi, kwi)}, gather the output gradient {@code dy[oh, ow, :]}
     * that the tap connects to every input column, then one vector loop against the tap's weights. Each
     * input sums its taps in (kh, kw) order. {@code tmp} and {@code acc} hold at least {@code W * C}.
     */
    private void depthwiseInputGradient(float[] dOut, float[][] wtOut, int b, float[] tmpOut, float[] accOut, float[] dIn) {
        int kh = spec.kernelH();
        int kw = spec.kernelW();
        int row = w * cin;
        float[] tmp = tmpOut.length >= row ? tmpOut : new float[row];
        float[] acc = accOut.length >= row ? accOut : new float[row];
        float[][] wIn = new float[kh * kw][row];
        for (int t = 0; t < kh * kw; t++) {
            for (int iw = 0; iw < w; iw++) System.arraycopy(wtOut[t], 0, wIn[t], iw * cin, cin);
        }
        for (int ih = 0; ih < h; ih++) {
            Arrays.fill(acc, 0, row, 0f);
            for (int khi = 0; khi < kh; khi++) {
                int rh = ih + padT - khi * spec.dilationH();
                if (rh < 0 || rh % spec.strideH() != 0) continue;
                int oh = rh / spec.strideH();
                if (oh >= ho) continue;
                for (int kwi = 0; kwi < kw; kwi++) {
                    boolean any = false;
                    for (int iw = 0; iw < w; iw++) {
                        int rw = iw + padL - kwi * spec.dilationW();
                        int ow = rw / spec.strideW();
                        if (rw < 0 || rw % spec.strideW() != 0 || ow >= wo) {
                            Arrays.fill(tmp, iw * cin, (iw + 1) * cin, 0f);
                        } else {
                            System.arraycopy(dOut, ((b * ho + oh) * wo + ow) * cout, tmp, iw * cin, cin);
                            any = true;
                        }
                    }
                    if (any) GemmKernel.fmaRows(tmp, wIn[khi * kw + kwi], acc, row);
                }
            }
            System.arraycopy(acc, 0, dIn, (b * h + ih) * row, row);
        }
    }

    private void setupPixels(int p0, int np) {
        int hw = ho * wo;
        for (int p = 0; p < np; p++) {
            int q = p0 + p;
            int ni = q / hw;
            int r = q - ni * hw;
            int oh = r / wo;
            int ow = r - oh * wo;
            pBase[p] = ni * h * w;
            pIh[p] = oh * spec.strideH() - padT;
            pIw[p] = ow * spec.strideW() - padL;
        }
    }

    private void im2colRow(float[] in, int row, int np) {
        int g = row / kg;
        int kk = row - g * kg;
        int ci = kk % cinG;
        int tap = kk / cinG;
        int khi = tap / spec.kernelW();
        int kwi = tap - khi * spec.kernelW();
        int ch = g * cinG + ci;
        int dh = khi * spec.dilationH();
        int dw = kwi * spec.dilationW();
        float[] dst = colT[row];
        for (int p = 0; p < np; p++) {
            int ih = pIh[p] + dh;
            int iw = pIw[p] + dw;
            dst[p] = (ih >= 0 && ih < h && iw >= 0 && iw < w) ? in[(pBase[p] + ih * w + iw) * cin + ch] : 0f;
        }
    }

    private void im2colPixel(float[] in, int p) {
        int kh = spec.kernelH();
        int kw = spec.kernelW();
        for (int g = 0; g < groups; g++) {
            float[] dst = colRows[g][p];
            int k = 0;
            for (int khi = 0; khi < kh; khi++) {
                int ih = pIh[p] + khi * spec.dilationH();
                for (int kwi = 0; kwi < kw; kwi++) {
                    int iw = pIw[p] + kwi * spec.dilationW();
                    boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                    if (cinG == 1) {
                        dst[k] = inside ? in[(pBase[p] + ih * w + iw) * cin + g] : 0f;
                    } else if (inside) {
                        System.arraycopy(in, (pBase[p] + ih * w + iw) * cin + g * cinG, dst, k, cinG);
                    } else {
                        Arrays.fill(dst, k, k + cinG, 0f);
                    }
                    k += cinG;
                }
            }
        }
    }

    private void col2imChannel(float[] dIn, int ch, int np) {
        int g = ch / cinG;
        int ci = ch - g * cinG;
        int kh = spec.kernelH();
        int kw = spec.kernelW();
        for (int khi = 0; khi < kh; khi++) {
            int dh = khi * spec.dilationH();
            for (int kwi = 0; kwi < kw; kwi++) {
                int dw = kwi * spec.dilationW();
                float[] src = dcolT[g * kg + (khi * kw + kwi) * cinG + ci];
                for (int p = 0; p < np; p++) {
                    int ih = pIh[p] + dh;
                    int iw = pIw[p] + dw;
                    if (ih >= 0 && ih < h && iw >= 0 && iw < w) dIn[(pBase[p] + ih * w + iw) * cin + ch] += src[p];
                }
            }
        }
    }

    /**
     * Reorders a TFLite DEPTHWISE_CONV_2D filter {@code [1, KH, KW, C*m]} into this class's layout
     * {@code [C*m, KH, KW, 1]} (use with {@code groups = C}).
     */
    public static float[] depthwiseFilterFromTflite(float[] filter, int kh, int kw, int channels) {
        return depthwiseFilterFromTflite(filter, kh, kw, channels, new float[filter.length]);
    }

    /** {@link #depthwiseFilterFromTflite(float[], int, int, int)} into {@code out} (reused by a training loop); returns out. */
    public static float[] depthwiseFilterFromTflite(float[] filter, int kh, int kw, int channels, float[] out) {
        checkDepthwiseFilter(filter, out, kh, kw, channels);
        int taps = kh * kw;
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < channels; c++) out[c * taps + t] = filter[t * channels + c];
        }
        return out;
    }

    /** Inverse of {@link #depthwiseFilterFromTflite}. */
    public static float[] depthwiseFilterToTflite(float[] filter, int kh, int kw, int channels) {
        return depthwiseFilterToTflite(filter, kh, kw, channels, new float[filter.length]);
    }

    /** {@link #depthwiseFilterToTflite(float[], int, int, int)} into {@code out}; returns out. */
    public static float[] depthwiseFilterToTflite(float[] filter, int kh, int kw, int channels, float[] out) {
        checkDepthwiseFilter(filter, out, kh, kw, channels);
        int taps = kh * kw;
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < channels; c++) out[t * channels + c] = filter[c * taps + t];
        }
        return out;
    }

    private static void checkDepthwiseFilter(float[] filter, float[] out, int kh, int kw, int channels) {
        if (filter.length != kh * kw * channels || out.length != filter.length) {
            throw new IllegalArgumentException("depthwise filter length must be " + kh * kw * channels + ", but was " + filter.length
                    + " (output buffer " + out.length + ")");
        }
    }
}
