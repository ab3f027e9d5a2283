package dev.edgetpunas.training.kernels;

/** Naive double-precision reference kernels (the oracles of the tests). */
final class Reference {
    private Reference() {}

    static double[] conv(Conv2dSpec s, int[] in, float[] x, int[] fs, float[] f, float[] bias) {
        int n = in[0], h = in[1], w = in[2], cin = in[3], cout = fs[0];
        int ho = s.outH(h), wo = s.outW(w), pt = s.padTop(h), pl = s.padLeft(w);
        int cinG = cin / s.groups(), coutG = cout / s.groups();
        double[] out = new double[n * ho * wo * cout];
        for (int b = 0; b < n; b++)
            for (int oh = 0; oh < ho; oh++)
                for (int ow = 0; ow < wo; ow++)
                    for (int co = 0; co < cout; co++) {
                        int g = co / coutG;
                        double acc = bias == null ? 0 : bias[co];
                        for (int kh = 0; kh < s.kernelH(); kh++)
                            for (int kw = 0; kw < s.kernelW(); kw++) {
                                int ih = oh * s.strideH() - pt + kh * s.dilationH();
                                int iw = ow * s.strideW() - pl + kw * s.dilationW();
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                for (int ci = 0; ci < cinG; ci++) {
                                    acc += (double) x[((b * h + ih) * w + iw) * cin + g * cinG + ci]
                                            * f[((co * s.kernelH() + kh) * s.kernelW() + kw) * cinG + ci];
                                }
                            }
                        out[((b * ho + oh) * wo + ow) * cout + co] = acc;
                    }
        return out;
    }
}
