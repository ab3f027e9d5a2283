package dev.edgetpunas.training.kernels;

/**
 * Element-wise activations with their TFLite names, forward and backward (the derivative is taken from
 * the forward input {@code x}). At a kink the one-sided derivative from the left is used (RELU at 0
 * gives 0; RELU6 at 0 and 6 gives 0; HARD_SWISH at -3 gives 0 and at 3 gives 1.5).
 *
 * <pre>{@code
 * Activation.SWISH.forward(par, x, y, x.length);
 * Activation.SWISH.backward(par, x, dy, dx, x.length);
 * }</pre>
 */
public enum Activation {
    /** Identity. */
    NONE,
    /** {@code max(0, x)}. */
    RELU,
    /** {@code min(max(0, x), 6)}. */
    RELU6,
    /** {@code 1 / (1 + exp(-x))}, computed stably on both sides. */
    LOGISTIC,
    /** {@code x * sigmoid(x)} (TFLite: LOGISTIC then MUL). */
    SWISH,
    /** {@code x * relu6(x + 3) / 6}. */
    HARD_SWISH,
    /** {@code tanh(x)}. */
    TANH;

    private static final int GRAIN = 1 << 14;

    /** The value at one point. */
    public float apply(float x) {
        switch (this) {
            case NONE: return x;
            case RELU: return x > 0f ? x : 0f;
            case RELU6: return x > 0f ? (x < 6f ? x : 6f) : 0f;
            case LOGISTIC: return sigmoid(x);
            case SWISH: return x * sigmoid(x);
            case HARD_SWISH: return x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
            case TANH: return (float) Math.tanh(x);
        }
        throw new AssertionError(this);
    }

    /** The derivative at one point. */
    public float derivative(float x) {
        switch (this) {
            case NONE: return 1f;
            case RELU: return x > 0f ? 1f : 0f;
            case RELU6: return x > 0f && x < 6f ? 1f : 0f;
            case LOGISTIC: {
                float s = sigmoid(x);
                return s * (1f - s);
            }
            case SWISH: {
                float s = sigmoid(x);
                return s + x * s * (1f - s);
            }
            case HARD_SWISH:
                if (x <= -3f) return 0f;
                if (x > 3f) return 1f;
                return (2f * x + 3f) / 6f;
            case TANH: {
                float t = (float) Math.tanh(x);
                return 1f - t * t;
            }
        }
        throw new AssertionError(this);
    }

    /** {@code y[i] = f(x[i])} for {@code i < count} ({@code y} may be {@code x}). */
    public void forward(Parallel par, float[] x, float[] y, int count) {
        check(x, count, "x");
        check(y, count, "y");
        int chunks = (count + GRAIN - 1) / GRAIN;
        par.forEach(chunks, c -> forwardRange(x, y, c * GRAIN, Math.min(count, (c + 1) * GRAIN)));
    }

    /** {@code dx[i] = dy[i] * f'(x[i])} for {@code i < count} ({@code dx} may be {@code dy}). */
    public void backward(Parallel par, float[] x, float[] dy, float[] dx, int count) {
        check(x, count, "x");
        check(dy, count, "dy");
        check(dx, count, "dx");
        int chunks = (count + GRAIN - 1) / GRAIN;
        par.forEach(chunks, c -> backwardRange(x, dy, dx, c * GRAIN, Math.min(count, (c + 1) * GRAIN)));
    }

    // One plain loop per kind (the switch is outside the loop, so the JIT can vectorize the simple ones).
    private void forwardRange(float[] x, float[] y, int from, int to) {
        switch (this) {
            case NONE:
                if (x != y) System.arraycopy(x, from, y, from, to - from);
                return;
            case RELU:
                for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f);
                return;
            case RELU6:
                for (int i = from; i < to; i++) y[i] = Math.min(Math.max(x[i], 0f), 6f);
                return;
            case HARD_SWISH:
                for (int i = from; i < to; i++) y[i] = x[i] * Math.min(Math.max(x[i] + 3f, 0f), 6f) / 6f;
                return;
            case LOGISTIC:
            case SWISH:
            case TANH:
                for (int i = from; i < to; i++) y[i] = apply(x[i]);
                return;
        }
        throw new AssertionError(this);
    }

    private void backwardRange(float[] x, float[] dy, float[] dx, int from, int to) {
        switch (this) {
            case NONE:
                if (dy != dx) System.arraycopy(dy, from, dx, from, to - from);
                return;
            case RELU:
                // branch-free select: the sign bit of (0 - x) is set exactly when x > 0 (also false for
                // x = +-0 and NaN), so the mask keeps dy there and zeroes it elsewhere; a data-dependent
                // branch here mispredicts on half the elements
                for (int i = from; i < to; i++) {
                    int keep = Float.floatToRawIntBits(0f - x[i]) >> 31;
                    dx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & keep);
                }
                return;
            case RELU6:
                for (int i = from; i < to; i++) {
                    int keep = (Float.floatToRawIntBits(0f - x[i]) >> 31) & (Float.floatToRawIntBits(x[i] - 6f) >> 31);
                    dx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & keep);
                }
                return;
            case HARD_SWISH:
            case LOGISTIC:
            case SWISH:
            case TANH:
                for (int i = from; i < to; i++) dx[i] = dy[i] * derivative(x[i]);
                return;
        }
        throw new AssertionError(this);
    }

    /** The logistic function, without overflow for large |x|. */
    public static float sigmoid(float x) {
        if (x >= 0f) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    private static void check(float[] a, int count, String name) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, but was " + count);
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (a.length < count) throw new IllegalArgumentException(name + ".length must be >= " + count + ", but was " + a.length);
    }
}
