package dev.edgetpunas.training.optim;

/**
 * Learning rate per step: linear warm-up from {@code peak / warmupSteps} to {@code peak} over the first
 * {@code warmupSteps} steps, then cosine decay to {@code floor} at {@code totalSteps}:
 * {@code floor + (peak - floor) * (1 + cos(pi * t)) / 2}, {@code t = (step - warmup) / (total - warmup)}.
 *
 * <pre>{@code
 * CosineSchedule lr = new CosineSchedule(0.1, 0.0, 500, 10_000);
 * lr.at(0);       // 0.0002
 * lr.at(500);     // 0.1
 * lr.at(10_000);  // 0.0
 * }</pre>
 */
public record CosineSchedule(double peak, double floor, int warmupSteps, int totalSteps) {
    public CosineSchedule {
        if (!(peak > 0) || Double.isInfinite(peak)) throw new IllegalArgumentException("peak must be > 0, but was " + peak);
        if (!(floor >= 0 && floor <= peak)) throw new IllegalArgumentException("floor must be in [0, peak], but was " + floor);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, but was " + warmupSteps);
        if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be >= 1, but was " + totalSteps);
        if (warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmupSteps (" + warmupSteps + ") must be <= totalSteps (" + totalSteps + ")");
        }
    }

    /** The learning rate of step {@code step} (0-based); steps past the end stay at {@code floor}. */
    public double at(int step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, but was " + step);
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (totalSteps == warmupSteps) return peak;
        double t = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
