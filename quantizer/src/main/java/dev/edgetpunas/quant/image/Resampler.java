package dev.edgetpunas.quant.image;

/**
 * Resizing as Pillow's {@code Image.resize} does it for 8-bit images ({@code libImaging/Resample.c}).
 * {@link #BILINEAR} and {@link #LANCZOS} are separable convolutions: per output pixel the filter is
 * centred at {@code (x + 0.5) * scale} and, when downsampling, stretched by the scale (support
 * {@code 1 * scale} or {@code 3 * scale}), the window clipped to the image and the weights normalised;
 * weights become 22-bit fixed point, the horizontal pass runs first and rounds to 8 bits, then the
 * vertical pass; results are clamped to [0, 255]. A pass whose size does not change is skipped.
 * {@link #NEAREST} samples at pixel centres, {@code floor((x + 0.5) * in / out)} accumulated as Pillow does. Coral's classify example feeds
 * {@code Image.LANCZOS}-resized images.
 *
 * <pre>{@code
 * Image8 small = Resampler.LANCZOS.resize(Images.read(Path.of("parrot.jpg")), 224, 224);
 * }</pre>
 */
public enum Resampler {
    /** Nearest neighbour at pixel centres. */
    NEAREST(0),
    /** Triangle filter, support 1 (antialiased when downsampling, as Pillow). */
    BILINEAR(1),
    /** Lanczos, a = 3 (Pillow's {@code LANCZOS}, formerly {@code ANTIALIAS}). */
    LANCZOS(3);

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private final double support;

    Resampler(double support) {
        this.support = support;
    }

    /** Parses {@code nearest}, {@code bilinear} or {@code lanczos} (case-insensitive). */
    public static Resampler parse(String name) {
        for (Resampler r : values()) if (r.name().equalsIgnoreCase(name.trim())) return r;
        throw new IllegalArgumentException("resize must be one of nearest, bilinear, lanczos, but was '" + name + "'");
    }

    /** Resizes to {@code width x height}; the same size returns an equal image. */
    public Image8 resize(Image8 in, int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("target size must be > 0, but was " + width + "x" + height);
        if (width == in.width() && height == in.height()) return in;
        if (this == NEAREST) return nearest(in, width, height);
        byte[] src = in.pixels();
        int c = in.channels();
        int w = in.width(), h = in.height();
        if (width != w) {
            src = horizontal(src, w, h, c, width);
            w = width;
        }
        if (height != h) {
            src = vertical(src, w, h, c, height);
            h = height;
        }
        return new Image8(w, h, c, src);
    }

    private double filter(double x) {
        if (this == BILINEAR) {
            if (x < 0.0) x = -x;
            return x < 1.0 ? 1.0 - x : 0.0;
        }
        if (-3.0 <= x && x < 3.0) return sinc(x) * sinc(x / 3);
        return 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) return 1.0;
        x = x * Math.PI;
        return Math.sin(x) / x;
    }

    /** Bounds {@code [xmin, count]} per output and fixed-point weights, as {@code precompute_coeffs} + {@code normalize_coeffs_8bpc}. */
    private int[][] coefficients(int inSize, int outSize, int[] bounds) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double sup = support * filterscale;
        int ksize = (int) Math.ceil(sup) * 2 + 1;
        int[][] kk = new int[outSize][];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - sup + 0.5);
            if (xmin < 0) xmin = 0;
            int xmax = (int) (center + sup + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;
            for (int x = 0; x < xmax; x++) {
                double wgt = filter((x + xmin - center + 0.5) * ss);
                k[x] = wgt;
                ww += wgt;
            }
            int[] q = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                q[x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            kk[xx] = q;
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return kk;
    }

    private static int clip8(int v) {
        v >>= PRECISION_BITS;
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    private byte[] horizontal(byte[] src, int w, int h, int c, int outW) {
        int[] bounds = new int[2 * outW];
        int[][] kk = coefficients(w, outW, bounds);
        byte[] out = new byte[outW * h * c];
        int[] ss = new int[c];
        for (int y = 0; y < h; y++) {
            int row = y * w * c;
            for (int xx = 0; xx < outW; xx++) {
                int xmin = bounds[2 * xx], n = bounds[2 * xx + 1];
                int[] k = kk[xx];
                java.util.Arrays.fill(ss, 1 << (PRECISION_BITS - 1));
                for (int x = 0; x < n; x++) {
                    int p = row + (x + xmin) * c;
                    for (int ch = 0; ch < c; ch++) ss[ch] += (src[p + ch] & 0xFF) * k[x];
                }
                int o = (y * outW + xx) * c;
                for (int ch = 0; ch < c; ch++) out[o + ch] = (byte) clip8(ss[ch]);
            }
        }
        return out;
    }

    private byte[] vertical(byte[] src, int w, int h, int c, int outH) {
        int[] bounds = new int[2 * outH];
        int[][] kk = coefficients(h, outH, bounds);
        byte[] out = new byte[w * outH * c];
        int rowLen = w * c;
        for (int yy = 0; yy < outH; yy++) {
            int ymin = bounds[2 * yy], n = bounds[2 * yy + 1];
            int[] k = kk[yy];
            int o = yy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                int ss = 1 << (PRECISION_BITS - 1);
                for (int y = 0; y < n; y++) ss += (src[(y + ymin) * rowLen + i] & 0xFF) * k[y];
                out[o + i] = (byte) clip8(ss);
            }
        }
        return out;
    }

    /**
     * Pillow's {@code ImagingScaleAffine}: source positions accumulate {@code scale} from
     * {@code scale / 2} in double (the accumulation, not {@code (x + 0.5) * scale}, decides ties);
     * positions past the edge stay 0, as Pillow fills them.
     */
    private static Image8 nearest(Image8 in, int width, int height) {
        byte[] src = in.pixels();
        int c = in.channels();
        byte[] out = new byte[width * height * c];
        int[] xs = positions(in.width(), width);
        int[] ys = positions(in.height(), height);
        for (int y = 0; y < height; y++) {
            if (ys[y] < 0) continue;
            for (int x = 0; x < width; x++) {
                if (xs[x] < 0) continue;
                System.arraycopy(src, (ys[y] * in.width() + xs[x]) * c, out, (y * width + x) * c, c);
            }
        }
        return new Image8(width, height, c, out);
    }

    private static int[] positions(int inSize, int outSize) {
        double a = (double) (float) inSize / outSize;
        double xo = a * 0.5;
        int[] r = new int[outSize];
        for (int x = 0; x < outSize; x++) {
            int xin = xo < 0.0 ? -1 : (int) xo;
            r[x] = xin < inSize ? xin : -1;
            xo += a;
        }
        return r;
    }
}
