package dev.edgetpunas.training.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An immutable labelled image set kept as unsigned bytes ({@code [count, H, W, C]}, NHWC) with integer
 * labels; batches are converted to float on demand with a {@link Normalization}. Shuffles, splits and
 * subsets take an explicit {@link RandomGenerator}, so the same seed gives the same samples.
 *
 * <pre>{@code
 * RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
 * Dataset.Split s = train.split(0.9, rng);          // 90% / 10%, shuffled
 * Dataset small = s.first().sample(5_000, rng);      // 5,000 random samples
 * small.batch(indices, 0, 64, Normalization.UNIT_RANGE, x, y);
 * }</pre>
 */
public final class Dataset {
    private final String name;
    private final int height;
    private final int width;
    private final int channels;
    private final int classes;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * Checks that {@code pixels} holds {@code labels.length} images and every label is in {@code [0, classes)}.
     * The dataset takes ownership of both arrays (no copy: the training set is 47 MB); do not modify them.
     */
    public Dataset(String name, int height, int width, int channels, int classes, byte[] pixels, int[] labels) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (height < 1) throw new IllegalArgumentException("height must be >= 1, but was " + height);
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, but was " + width);
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, but was " + channels);
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2, but was " + classes);
        long need = (long) labels.length * height * width * channels;
        if (pixels.length != need) {
            throw new IllegalArgumentException("pixels must hold " + labels.length + " images of " + height + "x" + width + "x" + channels
                    + " = " + need + " bytes, but had " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes + "), but was " + labels[i]);
            }
        }
        this.name = name;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public int classes() {
        return classes;
    }

    /** Values per image ({@code H * W * C}). */
    public int imageSize() {
        return height * width * channels;
    }

    /** The label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Pixel {@code j} (0..255) of sample {@code i}. */
    public int pixel(int i, int j) {
        return pixels[i * imageSize() + j] & 0xFF;
    }

    /** Number of samples per class. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int l : labels) c[l]++;
        return c;
    }

    /** A random permutation of {@code 0..size-1} (Fisher-Yates). */
    public int[] permutation(RandomGenerator rng) {
        return permutation(size(), rng);
    }

    /** A random permutation of {@code 0..n-1} (Fisher-Yates, drawing {@code rng.nextInt(i + 1)} from the top). */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The samples at {@code indices}, in that order (copies). */
    public Dataset subset(int[] indices) {
        int is = imageSize();
        byte[] px = new byte[indices.length * is];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) throw new IllegalArgumentException("index " + i + " out of range [0, " + size() + ")");
            System.arraycopy(pixels, i * is, px, k * is, is);
            lb[k] = labels[i];
        }
        return new Dataset(name, height, width, channels, classes, px, lb);
    }

    /** The first {@code n} samples. */
    public Dataset head(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("n must be in [0, " + size() + "], but was " + n);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return subset(idx);
    }

    /** The same samples in a random order. */
    public Dataset shuffled(RandomGenerator rng) {
        return subset(permutation(rng));
    }

    /** {@code n} samples drawn without replacement, in random order. */
    public Dataset sample(int n, RandomGenerator rng) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("n must be in [0, " + size() + "], but was " + n);
        return subset(Arrays.copyOf(permutation(rng), n));
    }

    /** Two disjoint parts. */
    public record Split(Dataset first, Dataset second) {
        public Split {
            if (first == null || second == null) throw new IllegalArgumentException("split parts must not be null");
        }
    }

    /** Shuffles, then puts {@code round(fraction * size)} samples in the first part and the rest in the second. */
    public Split split(double fraction, RandomGenerator rng) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in [0, 1], but was " + fraction);
        int[] p = permutation(rng);
        int k = (int) Math.round(fraction * size());
        return new Split(subset(Arrays.copyOfRange(p, 0, k)), subset(Arrays.copyOfRange(p, k, p.length)));
    }

    /**
     * Writes samples {@code order[from .. from+count)} as floats into {@code x} ({@code count * H*W*C}, NHWC)
     * and their labels into {@code y}.
     */
    public void batch(int[] order, int from, int count, Normalization norm, float[] x, int[] y) {
        int is = imageSize();
        if (x.length < count * is) throw new IllegalArgumentException("x must hold " + count * is + " floats, but had " + x.length);
        if (y.length < count) throw new IllegalArgumentException("y must hold " + count + " labels, but had " + y.length);
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) lut[v] = norm.apply(v);
        for (int k = 0; k < count; k++) {
            int i = order == null ? from + k : order[from + k];
            int src = i * is;
            int dst = k * is;
            for (int j = 0; j < is; j++) x[dst + j] = lut[pixels[src + j] & 0xFF];
            y[k] = labels[i];
        }
    }

    @Override
    public String toString() {
        return name + "[" + size() + " x " + height + "x" + width + "x" + channels + ", " + classes + " classes]";
    }
}
