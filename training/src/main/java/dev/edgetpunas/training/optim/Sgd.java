package dev.edgetpunas.training.optim;

import dev.edgetpunas.training.nn.Param;
import java.util.List;

/**
 * Stochastic gradient descent with momentum (optionally Nesterov) and decoupled-from-BN weight decay, in
 * the PyTorch formulation: {@code g' = g + wd * w} (only for parameters with {@link Param#decay()}),
 * {@code v = mu * v + g'}, then {@code w -= lr * v}, or with Nesterov {@code w -= lr * (g' + mu * v)}.
 * Parameters are updated one after another in list order, element by element: deterministic.
 *
 * <pre>{@code
 * Sgd sgd = new Sgd(net.params(), 0.9f, true, 5e-4f);
 * sgd.step(0.05f);     // after backward
 * }</pre>
 */
public final class Sgd {
    private final List<Param> params;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final float[][] velocity;

    public Sgd(List<Param> params, float momentum, boolean nesterov, float weightDecay) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("params must not be empty");
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), but was " + momentum);
        if (!(weightDecay >= 0f)) throw new IllegalArgumentException("weightDecay must be >= 0, but was " + weightDecay);
        if (nesterov && momentum == 0f) throw new IllegalArgumentException("nesterov needs momentum > 0");
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = new float[this.params.size()][];
        for (int i = 0; i < velocity.length; i++) velocity[i] = new float[this.params.get(i).size()];
    }

    /** Applies one update with learning rate {@code lr} from the parameters' current gradients. */
    public void step(float lr) {
        if (!(lr >= 0f) || Float.isInfinite(lr)) throw new IllegalArgumentException("lr must be finite and >= 0, but was " + lr);
        for (int i = 0; i < velocity.length; i++) {
            Param p = params.get(i);
            float[] w = p.value();
            float[] g = p.grad();
            float[] v = velocity[i];
            float wd = p.decay() ? weightDecay : 0f;
            for (int j = 0; j < w.length; j++) {
                float gj = g[j] + wd * w[j];
                v[j] = momentum * v[j] + gj;
                w[j] -= lr * (nesterov ? gj + momentum * v[j] : v[j]);
            }
        }
    }

    public float momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public float weightDecay() {
        return weightDecay;
    }
}
