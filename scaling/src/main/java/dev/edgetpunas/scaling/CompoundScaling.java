package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.EfficientNetVariant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The exact compound-scaling rules of tensorflow/tpu, applied to any EfficientNet-style base network.
 * Filters and repeats are rounded by {@code round_filters} / {@code round_repeats} of compiler-model
 * ({@link EfficientNet#roundFilters}, {@link EfficientNet#roundRepeats}, in double arithmetic), stem and
 * head included; this class only decides the coefficients:
 * <ul>
 *   <li>custom phi: {@code d = base.depth * alpha^phi}, {@code w = base.width * beta^phi},
 *       {@code r = base.resolution * gamma^phi} rounded to a multiple of 8 (half up, at least 8); a
 *       resolution that does not change ({@code gamma^phi == 1}, so phi = 0) keeps the base's, so
 *       phi = 0 is the identity even for a base whose resolution is not a multiple of 8;</li>
 *   <li>a published variant ({@link EfficientNetVariant}): its width and depth multiply the base's and
 *       its resolution is taken as published (260, 380, ...: hand-rounded, not a multiple of 8).</li>
 * </ul>
 * The base's own coefficients are multiplied, not replaced, so filters and repeats are rounded once
 * from the unscaled block strings, as EfficientNet does (B0 scaled with B3's numbers is the zoo's B3).
 *
 * <pre>{@code
 * EfficientNetSpec m = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, EfficientNetVariant.EDGETPU_M);
 * EfficientNetSpec s1 = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 1.0, CompoundCoefficients.DEFAULT);
 * CompoundScaling.blockStrings(s1);   // the scaled stages as block strings
 * }</pre>
 */
public final class CompoundScaling {
    /** Resolutions of custom-phi members are multiples of this. */
    public static final int RESOLUTION_MULTIPLE = 8;

    private CompoundScaling() {}

    /** {@code base} scaled by compound coefficient {@code phi} under {@code c}. */
    public static EfficientNetSpec scale(EfficientNetSpec base, double phi, CompoundCoefficients c) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(c, "coefficients");
        if (!Double.isFinite(phi)) throw new IllegalArgumentException("phi must be finite, but was " + phi);
        double rf = c.resolution(phi);
        int res = rf == 1.0 ? base.resolution() : roundResolution(base.resolution() * rf);
        return base.withName(base.name() + "-phi" + formatPhi(phi)).withCoefficients(base.width() * c.width(phi), base.depth() * c.depth(phi), res);
    }

    /** {@code base} scaled with a published variant's width, depth and resolution. */
    public static EfficientNetSpec scale(EfficientNetSpec base, EfficientNetVariant v) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(v, "variant");
        String name = base.name().equals(v.family().base().name()) ? v.modelName()
                : base.name() + "-as-" + v.modelName().substring(v.modelName().lastIndexOf('-') + 1);
        return base.withName(name).withCoefficients(base.width() * v.width(), base.depth() * v.depth(),
                v.resolution());
    }

    /** {@code r} rounded to the nearest multiple of 8 (half up), at least 8. */
    public static int roundResolution(double r) {
        if (!(r > 0) || !Double.isFinite(r)) throw new IllegalArgumentException("resolution must be a finite number > 0, but was " + r);
        long n = Math.round(r / RESOLUTION_MULTIPLE) * RESOLUTION_MULTIPLE;
        if (n > 4096) throw new IllegalArgumentException("scaled resolution must be <= 4096, but was " + n);
        return (int) Math.max(RESOLUTION_MULTIPLE, n);
    }

    /** The scaled stages as block strings (filters rounded with the width, repeats with the depth). */
    public static List<String> blockStrings(EfficientNetSpec spec) {
        return spec.scaledBlocks().stream().map(BlockString::format).toList();
    }

    /**
     * The same network with its rounding applied: scaled blocks, rounded stem and head, coefficients 1.
     * {@code EfficientNet.build(materialize(s))} equals {@code EfficientNet.build(s)}; this is what a
     * {@code .blocks} file of a member holds.
     */
    public static EfficientNetSpec materialize(EfficientNetSpec spec) {
        List<BlockArgs> blocks = spec.scaledBlocks();
        return spec.withBlocks(blocks).withStemHead(spec.roundFilters(spec.stemFilters()), spec.roundFilters(spec.headFilters()))
                .withCoefficients(1.0, 1.0, spec.resolution());
    }

    /**
     * A key that is equal for two specs exactly when they build the same network (the name is
     * ignored): scaled blocks, stem, head, classes, activation, BN epsilon and, if asked, resolution.
     */
    public static String architectureKey(EfficientNetSpec spec, boolean withResolution) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(BlockString.formatList(spec.scaledBlocks())).append("|stem").append(spec.roundFilters(spec.stemFilters()))
                .append("|head").append(spec.roundFilters(spec.headFilters())).append("|classes").append(spec.classes())
                .append('|').append(spec.activation().id()).append("|eps").append(spec.bnEpsilon());
        if (withResolution) sb.append("|res").append(spec.resolution());
        return sb.toString();
    }

    /** phi as printed everywhere: 3 decimals ({@code 0.612}, {@code -1.000}). */
    public static String formatPhi(double phi) {
        return String.format(Locale.ROOT, "%.3f", phi);
    }
}
