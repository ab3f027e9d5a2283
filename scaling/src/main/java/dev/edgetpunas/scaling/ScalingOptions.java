package dev.edgetpunas.scaling;

/**
 * Settings of the latency-target search of {@link FamilyScaler}.
 *
 * <pre>{@code
 * ScalingOptions o = ScalingOptions.DEFAULT.withTolerance(0.03);
 * }</pre>
 *
 * @param tolerance a member is "within" its target when {@code |latency - target| <= tolerance * target} (0.05)
 * @param phiMin smallest phi the search tries (-3)
 * @param phiMax largest phi the search tries (6)
 * @param coarseStep step of the first scan over phi (0.25); the search then bisects to 0.001
 * @param fineTuneAbove fine-tune the resolution when the member meeting a target is more than this
 *     fraction below it (0.01); a value >= 1 turns fine-tuning off
 * @param fineTuneSteps at most this many resolution steps of 8 from each of the two members around the
 *     target (4: up to 32 pixels, a fine tuning that keeps the member close to its compound shape)
 */
public record ScalingOptions(double tolerance, double phiMin, double phiMax, double coarseStep, double fineTuneAbove, int fineTuneSteps) {
    public static final ScalingOptions DEFAULT = new ScalingOptions(0.05, -3.0, 6.0, 0.25, 0.01, 4);

    public ScalingOptions {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1), but was " + tolerance);
        if (!Double.isFinite(phiMin) || !Double.isFinite(phiMax) || !(phiMin <= 0 && phiMax >= 0)) {
            throw new IllegalArgumentException("phi range must contain 0, but was [" + phiMin + ", " + phiMax + "]");
        }
        if (!(coarseStep >= 0.001 && coarseStep <= 2)) throw new IllegalArgumentException("coarseStep must be in [0.001, 2], but was " + coarseStep);
        if (!(fineTuneAbove >= 0)) throw new IllegalArgumentException("fineTuneAbove must be >= 0, but was " + fineTuneAbove);
        if (fineTuneSteps < 0 || fineTuneSteps > 512) throw new IllegalArgumentException("fineTuneSteps must be in 0..512, but was " + fineTuneSteps);
    }

    public ScalingOptions withTolerance(double t) {
        return new ScalingOptions(t, phiMin, phiMax, coarseStep, fineTuneAbove, fineTuneSteps);
    }

    public ScalingOptions withPhiRange(double min, double max) {
        return new ScalingOptions(tolerance, min, max, coarseStep, fineTuneAbove, fineTuneSteps);
    }

    public ScalingOptions withCoarseStep(double s) {
        return new ScalingOptions(tolerance, phiMin, phiMax, s, fineTuneAbove, fineTuneSteps);
    }

    /** Fine-tuning settings; {@code steps} 0 turns it off. */
    public ScalingOptions withFineTuning(double above, int steps) {
        return new ScalingOptions(tolerance, phiMin, phiMax, coarseStep, above, steps);
    }
}
