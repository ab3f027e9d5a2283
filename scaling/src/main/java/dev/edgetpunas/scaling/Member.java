package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One member of a scaled family: the scaled network, how it was obtained, its size and what the
 * simulator says about it.
 *
 * <pre>{@code
 * Member m = scaler.member(1.0, CompoundCoefficients.DEFAULT);
 * m.depthCoefficient(); m.widthCoefficient(); m.resolution();
 * m.latencyMs(); m.blocks();
 * }</pre>
 *
 * @param spec the scaled spec (coefficients not yet applied to its block strings)
 * @param phi the compound coefficient, empty for a published variant's coefficients
 * @param resolutionFineTuned true if the resolution was moved off {@code gamma^phi} (in steps of 8) to get
 *     closer to a latency target
 * @param macs multiply-accumulates of one inference
 * @param params parameter count (training graph, BN included, as published sizes count)
 * @param measurement the simulator's numbers
 * @param accuracy the accuracy estimate, if an estimator was asked
 */
public record Member(EfficientNetSpec spec, OptionalDouble phi, boolean resolutionFineTuned, long macs, long params, Measurement measurement,
        Optional<Estimate> accuracy) {

    public Member {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(phi, "phi");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(accuracy, "accuracy");
        if (macs < 0) throw new IllegalArgumentException("macs must be >= 0, but was " + macs);
        if (params < 0) throw new IllegalArgumentException("params must be >= 0, but was " + params);
    }

    /** This member with an accuracy estimate. */
    public Member withAccuracy(Estimate e) {
        return new Member(spec, phi, resolutionFineTuned, macs, params, measurement, Optional.of(e));
    }

    public String name() {
        return spec.name();
    }

    /** Depth coefficient of round_repeats (relative to the unscaled block strings). */
    public double depthCoefficient() {
        return spec.depth();
    }

    /** Width coefficient of round_filters. */
    public double widthCoefficient() {
        return spec.width();
    }

    public int resolution() {
        return spec.resolution();
    }

    public double latencyMs() {
        return measurement.latencyMs();
    }

    /** The scaled stages as block strings. */
    public List<String> blocks() {
        return CompoundScaling.blockStrings(spec);
    }

    /** Rounded stem width. */
    public int stemFilters() {
        return spec.roundFilters(spec.stemFilters());
    }

    /** Rounded head width. */
    public int headFilters() {
        return spec.roundFilters(spec.headFilters());
    }

    /** The accuracy, if estimated and the estimate succeeded. */
    public OptionalDouble accuracyValue() {
        return accuracy.filter(Estimate::isOk).map(e -> OptionalDouble.of(((Estimate.Ok) e).accuracy())).orElse(OptionalDouble.empty());
    }

    /** Short label: {@code phi 0.612}, {@code phi 0.612 @264} (fine-tuned) or the spec's name. */
    public String label() {
        if (phi.isEmpty()) return spec.name();
        return "phi " + CompoundScaling.formatPhi(phi.getAsDouble()) + (resolutionFineTuned ? " @" + resolution() : "");
    }
}
