package dev.edgetpunas.quant.ptq;

import java.util.Arrays;

/**
 * Per-tensor value ranges over calibration samples: pass 1 keeps min and max; pass 2 (percentile
 * calibration) fills a fixed-bin histogram over [min, max] per tensor and reads percentiles from it with
 * linear interpolation inside a bin. Order-independent, so deterministic. Package-private.
 */
final class RangeCollector {
    private final float[] min, max;
    private final long[][] histogram;
    private final boolean[] tracked;

    RangeCollector(boolean[] tracked) {
        this.tracked = tracked.clone();
        min = new float[tracked.length];
        max = new float[tracked.length];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        histogram = new long[tracked.length][];
    }

    boolean tracked(int t) {
        return tracked[t];
    }

    void observeMinMax(int t, float[] v) {
        float lo = min[t], hi = max[t];
        for (float x : v) {
            if (!Float.isFinite(x)) throw new IllegalArgumentException("value " + x + " is not finite");
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        min[t] = lo;
        max[t] = hi;
    }

    boolean seen(int t) {
        return min[t] <= max[t];
    }

    float min(int t) {
        return min[t];
    }

    float max(int t) {
        return max[t];
    }

    void observeHistogram(int t, float[] v, int bins) {
        long[] h = histogram[t];
        if (h == null) histogram[t] = h = new long[bins];
        double lo = min[t], width = ((double) max[t] - lo) / bins;
        for (float x : v) {
            int b = width == 0 ? 0 : (int) ((x - lo) / width);
            h[Math.max(0, Math.min(bins - 1, b))]++;
        }
    }

    /** The value below which a fraction {@code q} of all observed values lie (0 &le; q &le; 1). */
    float quantile(int t, double q) {
        long[] h = histogram[t];
        if (h == null) return q < 0.5 ? min[t] : max[t];
        long total = 0;
        for (long c : h) total += c;
        double target = q * total;
        double lo = min[t], width = ((double) max[t] - lo) / h.length;
        long before = 0;
        for (int b = 0; b < h.length; b++) {
            if (h[b] > 0 && before + h[b] >= target) {
                double frac = (target - before) / h[b];
                double v = lo + (b + frac) * width;
                return (float) Math.max(min[t], Math.min(max[t], v));
            }
            before += h[b];
        }
        return max[t];
    }
}
