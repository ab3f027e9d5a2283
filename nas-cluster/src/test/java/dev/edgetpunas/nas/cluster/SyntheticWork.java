package dev.edgetpunas.nas.cluster;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.training.estimate.Estimate;

/**
 * A trivial trial: NAS-Bench-201 cells, latency from the deployed graph's MACs and op count, accuracy
 * a deterministic function of (genome, seed); it sleeps {@code sleepMillis} (and {@code slowMillis}
 * for genomes whose hash is divisible by {@code slowEvery}), and the estimator throws for genomes
 * whose hash is divisible by {@code crashEvery} (0: never).
 */
record SyntheticWork(String name, int sleepMillis, int slowEvery, int slowMillis, int crashEvery) implements TrialWork {
    private static final long serialVersionUID = 1L;

    static SyntheticWork instant(String name) {
        return new SyntheticWork(name, 0, 0, 0, 0);
    }

    @Override
    public String id() {
        return "synthetic-" + name + "-" + sleepMillis + "-" + slowEvery + "-" + slowMillis + "-" + crashEvery;
    }

    @Override
    public CandidateEvaluator<?> evaluator() {
        return new CandidateEvaluator<>(new NasBench201Space(NasBench201Dataset.CIFAR10),
                g -> 0.25 + g.ops().size() * 0.002 + g.macs() / 4e11,
                (arch, seed) -> {
                    int h = Math.floorMod(arch.genome().hashCode(), 1 << 20);
                    long sleep = sleepMillis + (slowEvery > 0 && h % slowEvery == 0 ? slowMillis : 0);
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return Estimate.failed("interrupted");
                        }
                    }
                    if (crashEvery > 0 && h % crashEvery == 0) throw new IllegalStateException("trainer crashed");
                    return Estimate.ok(0.5 + 0.4 * ((seed >>> 11) * 0x1.0p-53) * (h % 7) / 6);
                });
    }
}
