package dev.edgetpunas.training.kernels;

import java.util.Arrays;

/**
 * BATCH_NORM over the last (channel) axis of any tensor ({@code [N, H, W, C]} or {@code [N, C]}), in
 * training mode (normalise with the batch's mean and biased variance, update running averages) and
 * inference mode (normalise with the running averages). Defaults follow EfficientNet: {@code eps = 1e-3},
 * {@code momentum = 0.99} in the Keras sense ({@code running = momentum * running + (1 - momentum) * batch}).
 * The running variance is updated with the unbiased batch variance ({@code m / (m - 1)}), as TensorFlow's
 * fused batch norm and PyTorch do. A plan: it keeps the last training batch's statistics for
 * {@link #backwardTraining}; not thread-safe.
 *
 * <p>Per-channel sums run over fixed shards of 1024 rows (rows = elements / C); each shard's partial sums
 * (in double) are added in shard order, so results do not depend on the thread count.
 *
 * <pre>{@code
 * BatchNorm bn = BatchNorm.plan(new int[] {32, 14, 14, 64});
 * bn.forwardTraining(par, x, gamma, beta, runningMean, runningVar, 0.99f, BatchNorm.EPSILON, y);
 * bn.backwardTraining(par, x, gamma, dy, dx, dGamma, dBeta);
 * }</pre>
 */
public final class BatchNorm {
    /** EfficientNet's epsilon. */
    public static final float EPSILON = 1e-3f;
    /** EfficientNet's (Keras-style) momentum. */
    public static final float MOMENTUM = 0.99f;

    private static final int SHARD_ROWS = 1024;

    private final int[] shape;
    private final int channels;
    private final int rows;
    private final int shards;
    private final double[][] partA;
    private final double[][] partB;
    private final float[] mean;
    private final float[] invStd;
    private boolean haveStats;

    private BatchNorm(int[] shape) {
        this.shape = shape.clone();
        this.channels = shape[shape.length - 1];
        this.rows = Shapes.size(shape) / channels;
        this.shards = (rows + SHARD_ROWS - 1) / SHARD_ROWS;
        this.partA = new double[shards][channels];
        this.partB = new double[shards][channels];
        this.mean = new float[channels];
        this.invStd = new float[channels];
    }

    /** Plans batch norm over a tensor of {@code shape}; the last dimension is the channel axis. */
    public static BatchNorm plan(int[] shape) {
        if (shape == null || shape.length < 1) throw new IllegalArgumentException("shape must have rank >= 1");
        Shapes.size(shape);
        return new BatchNorm(shape);
    }

    /** The tensor shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The batch mean per channel from the last {@link #forwardTraining} (a copy). */
    public float[] batchMean() {
        return mean.clone();
    }

    /**
     * Normalises {@code x} with its own batch statistics into {@code y} ({@code y} may be {@code x}) and
     * updates {@code runningMean}/{@code runningVar} in place (pass null for both to skip the update).
     */
    public void forwardTraining(Parallel par, float[] x, float[] gamma, float[] beta, float[] runningMean,
                                float[] runningVar, float momentum, float eps, float[] y) {
        checkCommon(x, gamma, beta, y, eps);
        if (!(momentum >= 0f && momentum <= 1f)) throw new IllegalArgumentException("momentum must be in [0, 1], but was " + momentum);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("runningMean and runningVar must both be given or both be null");
        }
        // one pass: per-shard sums of x and x^2 in double (var = E[x^2] - mean^2; double keeps the
        // cancellation error near 1e-16 relative, far below float resolution)
        par.forEach(shards, s -> {
            double[] a = partA[s];
            double[] b = partB[s];
            Arrays.fill(a, 0);
            Arrays.fill(b, 0);
            int end = Math.min(rows, (s + 1) * SHARD_ROWS);
            for (int r = s * SHARD_ROWS; r < end; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    double v = x[o + c];
                    a[c] += v;
                    b[c] += v * v;
                }
            }
        });
        double[] m = new double[channels];
        for (int s = 0; s < shards; s++) for (int c = 0; c < channels; c++) m[c] += partA[s][c];
        for (int c = 0; c < channels; c++) m[c] /= rows;
        for (int c = 0; c < channels; c++) {
            double sq = 0;
            for (int s = 0; s < shards; s++) sq += partB[s][c];
            double v = Math.max(0.0, sq / rows - m[c] * m[c]);
            mean[c] = (float) m[c];
            invStd[c] = (float) (1.0 / Math.sqrt(v + eps));
            if (runningMean != null) {
                double unbiased = rows > 1 ? v * rows / (rows - 1) : v;
                runningMean[c] = (float) (momentum * runningMean[c] + (1.0 - momentum) * m[c]);
                runningVar[c] = (float) (momentum * runningVar[c] + (1.0 - momentum) * unbiased);
            }
        }
        haveStats = true;
        normalise(par, x, gamma, beta, mean, invStd, y);
    }

    /** Normalises with the running statistics: {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}. */
    public void forwardInference(Parallel par, float[] x, float[] gamma, float[] beta, float[] runningMean,
                                 float[] runningVar, float eps, float[] y) {
        checkCommon(x, gamma, beta, y, eps);
        float[] is = inverseStd(runningVar, eps);
        normalise(par, x, gamma, beta, runningMean, is, y);
    }

    /**
     * Gradients of the last {@link #forwardTraining} (batch statistics, whose dependence on {@code x} is
     * included): {@code dx = gamma * invStd / m * (m * dy - sum(dy) - xhat * sum(dy * xhat))}.
     * {@code dx} may be {@code dy}; {@code dGamma} and {@code dBeta} are overwritten.
     */
    public void backwardTraining(Parallel par, float[] x, float[] gamma, float[] dy, float[] dx, float[] dGamma, float[] dBeta) {
        if (!haveStats) throw new IllegalStateException("backwardTraining needs a forwardTraining first");
        Shapes.requireData("dy", dy, shape);
        Shapes.requireData("dx", dx, shape);
        Shapes.requireData("x", x, shape);
        sums(par, x, dy, mean, invStd);
        float[] sumDy = new float[channels];
        float[] sumDyXhat = new float[channels];
        for (int c = 0; c < channels; c++) {
            double a = 0;
            double b = 0;
            for (int s = 0; s < shards; s++) {
                a += partA[s][c];
                b += partB[s][c];
            }
            sumDy[c] = (float) a;
            sumDyXhat[c] = (float) b;
            dBeta[c] = (float) a;
            dGamma[c] = (float) b;
        }
        final float inv = 1f / rows;
        par.forEach(shards, s -> {
            int end = Math.min(rows, (s + 1) * SHARD_ROWS);
            for (int r = s * SHARD_ROWS; r < end; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float xhat = (x[o + c] - mean[c]) * invStd[c];
                    dx[o + c] = gamma[c] * invStd[c] * (dy[o + c] - inv * sumDy[c] - xhat * inv * sumDyXhat[c]);
                }
            }
        });
    }

    /** Gradients of {@link #forwardInference} (the statistics are constants). */
    public void backwardInference(Parallel par, float[] x, float[] gamma, float[] runningMean, float[] runningVar, float eps,
                                  float[] dy, float[] dx, float[] dGamma, float[] dBeta) {
        Shapes.requireData("dy", dy, shape);
        Shapes.requireData("dx", dx, shape);
        Shapes.requireData("x", x, shape);
        float[] is = inverseStd(runningVar, eps);
        sums(par, x, dy, runningMean, is);
        for (int c = 0; c < channels; c++) {
            double a = 0;
            double b = 0;
            for (int s = 0; s < shards; s++) {
                a += partA[s][c];
                b += partB[s][c];
            }
            dBeta[c] = (float) a;
            dGamma[c] = (float) b;
        }
        par.forEach(shards, s -> {
            int end = Math.min(rows, (s + 1) * SHARD_ROWS);
            for (int r = s * SHARD_ROWS; r < end; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) dx[o + c] = dy[o + c] * gamma[c] * is[c];
            }
        });
    }

    private void sums(Parallel par, float[] x, float[] dy, float[] mu, float[] is) {
        par.forEach(shards, s -> {
            double[] a = partA[s];
            double[] b = partB[s];
            Arrays.fill(a, 0);
            Arrays.fill(b, 0);
            int end = Math.min(rows, (s + 1) * SHARD_ROWS);
            for (int r = s * SHARD_ROWS; r < end; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float g = dy[o + c];
                    a[c] += g;
                    b[c] += g * ((x[o + c] - mu[c]) * is[c]);
                }
            }
        });
    }

    private float[] inverseStd(float[] var, float eps) {
        if (var == null || var.length < channels) throw new IllegalArgumentException("running variance must have " + channels + " entries");
        float[] is = new float[channels];
        for (int c = 0; c < channels; c++) {
            if (!(var[c] >= 0f)) throw new IllegalArgumentException("running variance[" + c + "] must be >= 0, but was " + var[c]);
            is[c] = (float) (1.0 / Math.sqrt((double) var[c] + eps));
        }
        return is;
    }

    private void normalise(Parallel par, float[] x, float[] gamma, float[] beta, float[] mu, float[] is, float[] y) {
        par.forEach(shards, s -> {
            int end = Math.min(rows, (s + 1) * SHARD_ROWS);
            for (int r = s * SHARD_ROWS; r < end; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) y[o + c] = gamma[c] * ((x[o + c] - mu[c]) * is[c]) + beta[c];
            }
        });
    }

    private void checkCommon(float[] x, float[] gamma, float[] beta, float[] y, float eps) {
        Shapes.requireData("x", x, shape);
        Shapes.requireData("y", y, shape);
        if (gamma == null || gamma.length < channels) throw new IllegalArgumentException("gamma must have " + channels + " entries");
        if (beta == null || beta.length < channels) throw new IllegalArgumentException("beta must have " + channels + " entries");
        if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, but was " + eps);
    }
}
