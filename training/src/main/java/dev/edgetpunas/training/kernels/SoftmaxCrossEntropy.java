package dev.edgetpunas.training.kernels;

/**
 * Softmax cross-entropy over logits {@code [N, K]} with integer labels, computed stably (the row maximum
 * is subtracted, log-sum-exp in double). The loss is the batch mean; the gradient is
 * {@code (softmax - onehot) / N}. Rows are independent; the mean is summed in row order.
 *
 * <pre>{@code
 * float[] dLogits = new float[n * 10];
 * double loss = SoftmaxCrossEntropy.lossAndGradient(n, 10, logits, labels, dLogits);
 * }</pre>
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * Mean cross-entropy of the batch; writes {@code dLogits} (may be null to skip). Labels must be in
     * {@code [0, classes)}.
     */
    public static double lossAndGradient(int n, int classes, float[] logits, int[] labels, float[] dLogits) {
        check(n, classes, logits, labels);
        if (dLogits != null && dLogits.length < n * classes) {
            throw new IllegalArgumentException("dLogits.length must be >= " + n * classes + ", but was " + dLogits.length);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) max = Math.max(max, logits[o + k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.exp((double) logits[o + k] - max);
            double logSum = Math.log(sum);
            total += logSum - ((double) logits[o + labels[i]] - max);
            if (dLogits != null) {
                for (int k = 0; k < classes; k++) {
                    double p = Math.exp((double) logits[o + k] - max - logSum);
                    dLogits[o + k] = (float) ((p - (k == labels[i] ? 1.0 : 0.0)) / n);
                }
            }
        }
        return total / n;
    }

    /** Row-wise softmax probabilities of {@code logits} into {@code probs}. */
    public static void softmax(int n, int classes, float[] logits, float[] probs) {
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) max = Math.max(max, logits[o + k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.exp((double) logits[o + k] - max);
            for (int k = 0; k < classes; k++) probs[o + k] = (float) (Math.exp((double) logits[o + k] - max) / sum);
        }
    }

    /** Number of rows whose largest logit (first on ties) is the label. */
    public static int correct(int n, int classes, float[] logits, int[] labels) {
        check(n, classes, logits, labels);
        int right = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            int best = 0;
            for (int k = 1; k < classes; k++) if (logits[o + k] > logits[o + best]) best = k;
            if (best == labels[i]) right++;
        }
        return right;
    }

    private static void check(int n, int classes, float[] logits, int[] labels) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, but was " + n);
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2, but was " + classes);
        if (logits == null || logits.length < n * classes) {
            throw new IllegalArgumentException("logits must hold " + n * classes + " values");
        }
        if (labels == null || labels.length < n) throw new IllegalArgumentException("labels must hold " + n + " values");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes + "), but was " + labels[i]);
            }
        }
    }
}
