package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.BatchNorm;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.Arrays;
import java.util.List;

/**
 * BATCH_NORM over the channel axis (training-only op: folded into the preceding conv before export).
 * Scale {@code gamma} starts at 1, offset {@code beta} at 0 (neither decayed); running mean 0, variance 1.
 * Training mode uses batch statistics and updates the running averages; inference mode uses the running
 * averages.
 *
 * <pre>{@code
 * Layer bn = new BatchNormLayer("bn1", 32, BatchNorm.MOMENTUM, BatchNorm.EPSILON);
 * }</pre>
 */
public final class BatchNormLayer implements Layer {
    private final String name;
    private final int channels;
    private final float momentum;
    private final float eps;
    private final Param gamma;
    private final Param beta;
    private final float[] runningMean;
    private final float[] runningVar;
    private BatchNorm plan;
    private Tensor input;
    private boolean lastTraining;
    private float[] out;
    private float[] dx;

    public BatchNormLayer(String name, int channels, float momentum, float eps) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, but was " + channels);
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), but was " + momentum);
        if (!(eps > 0f)) throw new IllegalArgumentException("eps must be > 0, but was " + eps);
        this.name = name;
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        this.gamma = new Param(name + "/gamma", new int[] {channels}, false);
        this.beta = new Param(name + "/beta", new int[] {channels}, false);
        Arrays.fill(gamma.value(), 1f);
        this.runningMean = new float[channels];
        this.runningVar = new float[channels];
        Arrays.fill(runningVar, 1f);
    }

    public Param gamma() {
        return gamma;
    }

    public Param beta() {
        return beta;
    }

    /** The running mean (live array). */
    public float[] runningMean() {
        return runningMean;
    }

    /** The running variance (live array). */
    public float[] runningVar() {
        return runningVar;
    }

    public float epsilon() {
        return eps;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape[inputShape.length - 1] != channels) {
            throw new IllegalArgumentException(name + " expects " + channels + " channels, but got " + Arrays.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        int[] s = outputShape(x.shape());
        if (plan == null || !Arrays.equals(plan.shape(), s)) plan = BatchNorm.plan(s);
        out = Buffers.ensure(out, x.size());
        if (training) {
            plan.forwardTraining(par, x.data(), gamma.value(), beta.value(), runningMean, runningVar, momentum, eps, out);
        } else {
            plan.forwardInference(par, x.data(), gamma.value(), beta.value(), runningMean, runningVar, eps, out);
        }
        input = x;
        lastTraining = training;
        return new Tensor(s, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (input == null) throw new IllegalStateException(name + ": backward before forward");
        dx = Buffers.ensure(dx, input.size());
        if (lastTraining) {
            plan.backwardTraining(par, input.data(), gamma.value(), dy.data(), dx, gamma.grad(), beta.grad());
        } else {
            plan.backwardInference(par, input.data(), gamma.value(), runningMean, runningVar, eps, dy.data(), dx, gamma.grad(), beta.grad());
        }
        return needInputGradient ? new Tensor(input.shape(), dx) : null;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public String describe() {
        return "BATCH_NORM " + channels;
    }
}
