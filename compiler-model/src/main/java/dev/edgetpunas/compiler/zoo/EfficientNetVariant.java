package dev.edgetpunas.compiler.zoo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The published compound-scaling coefficients of the two EfficientNet families, one table shared by the
 * zoo (which registers every variant) and compound scaling (which applies them to any base network).
 * Width and depth are relative to the family's base network (B0, EdgeTPU-S); the resolution is
 * absolute: the published tables are hand-rounded (260, 380, ...), not {@code gamma^phi}.
 *
 * <pre>{@code
 * EfficientNetVariant.EDGETPU_L.width();          // 1.2
 * EfficientNetSpec l = EfficientNetVariant.EDGETPU_L.spec();
 * EfficientNetVariant.find("efficientnet-b3");     // Optional[B3]
 * EfficientNetVariant.of(EfficientNetVariant.Family.EFFICIENTNET_EDGETPU);   // [S, M, L]
 * }</pre>
 *
 * <p>Source: tensorflow/tpu {@code efficientnet_builder.py} and {@code efficientnet_edgetpu_builder.py}
 * (EDGE-TPU-FACTS.md, [V]).
 */
public enum EfficientNetVariant {
    B0(Family.EFFICIENTNET, "efficientnet-b0", 1.0, 1.0, 224),
    B1(Family.EFFICIENTNET, "efficientnet-b1", 1.0, 1.1, 240),
    B2(Family.EFFICIENTNET, "efficientnet-b2", 1.1, 1.2, 260),
    B3(Family.EFFICIENTNET, "efficientnet-b3", 1.2, 1.4, 300),
    B4(Family.EFFICIENTNET, "efficientnet-b4", 1.4, 1.8, 380),
    B5(Family.EFFICIENTNET, "efficientnet-b5", 1.6, 2.2, 456),
    B6(Family.EFFICIENTNET, "efficientnet-b6", 1.8, 2.6, 528),
    B7(Family.EFFICIENTNET, "efficientnet-b7", 2.0, 3.1, 600),
    EDGETPU_S(Family.EFFICIENTNET_EDGETPU, "efficientnet-edgetpu-s", 1.0, 1.0, 224),
    EDGETPU_M(Family.EFFICIENTNET_EDGETPU, "efficientnet-edgetpu-m", 1.0, 1.1, 240),
    EDGETPU_L(Family.EFFICIENTNET_EDGETPU, "efficientnet-edgetpu-l", 1.2, 1.4, 300);

    /** A family of published variants, all scaled from one base network. */
    public enum Family {
        /** EfficientNet B0-B7 (swish, SE), scaled from B0. */
        EFFICIENTNET("efficientnet"),
        /** EfficientNet-EdgeTPU S/M/L (ReLU, fused early stages, no SE), scaled from S. */
        EFFICIENTNET_EDGETPU("edgetpu");

        private final String id;

        Family(String id) {
            this.id = id;
        }

        /** Short name: {@code efficientnet} or {@code edgetpu}. */
        public String id() {
            return id;
        }

        /** The unscaled base network of the family (B0 or EdgeTPU-S). */
        public EfficientNetSpec base() {
            return this == EFFICIENTNET ? EfficientNetSpec.B0 : EfficientNetSpec.EDGETPU_S;
        }

        /** The family named {@code id} ({@code efficientnet} or {@code edgetpu}, case-insensitive). */
        public static Family parse(String id) {
            String s = Objects.requireNonNull(id, "family").trim().toLowerCase(Locale.ROOT);
            for (Family f : values()) if (f.id.equals(s)) return f;
            throw new IllegalArgumentException("unknown EfficientNet family '" + id + "' (expected efficientnet or edgetpu)");
        }
    }

    private final Family family;
    private final String modelName;
    private final double width;
    private final double depth;
    private final int resolution;

    EfficientNetVariant(Family family, String modelName, double width, double depth, int resolution) {
        this.family = family;
        this.modelName = modelName;
        this.width = width;
        this.depth = depth;
        this.resolution = resolution;
    }

    public Family family() {
        return family;
    }

    /** The zoo name ({@code efficientnet-edgetpu-m}). */
    public String modelName() {
        return modelName;
    }

    /** Width coefficient (round_filters), relative to the family's base. */
    public double width() {
        return width;
    }

    /** Depth coefficient (round_repeats), relative to the family's base. */
    public double depth() {
        return depth;
    }

    /** Published input resolution (absolute). */
    public int resolution() {
        return resolution;
    }

    /** The spec of this variant: the family's base with these coefficients and this resolution. */
    public EfficientNetSpec spec() {
        return switch (this) {
            case B0 -> EfficientNetSpec.B0;
            case EDGETPU_S -> EfficientNetSpec.EDGETPU_S;
            case EDGETPU_M -> EfficientNetSpec.EDGETPU_M;
            case EDGETPU_L -> EfficientNetSpec.EDGETPU_L;
            default -> family.base().withName(modelName).withCoefficients(width, depth, resolution);
        };
    }

    /** The variants of {@code f}, smallest first. */
    public static List<EfficientNetVariant> of(Family f) {
        return Arrays.stream(values()).filter(v -> v.family == f).toList();
    }

    /** The variant whose zoo name is {@code name} (case-insensitive, without {@code @SIZE}). */
    public static Optional<EfficientNetVariant> find(String name) {
        String n = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT);
        for (EfficientNetVariant v : values()) if (v.modelName.equals(n)) return Optional.of(v);
        return Optional.empty();
    }
}
