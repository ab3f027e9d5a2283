package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Nonlinearity;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines an EfficientNet-style network: block strings, stem and head widths, classes,
 * activation, compound-scaling coefficients and input resolution.
 *
 * <pre>{@code
 * EfficientNetSpec s = EfficientNetSpec.EDGETPU_S.withResolution(256);
 * Graph g = EfficientNet.build(s);
 * }</pre>
 *
 * @param name model name
 * @param blocks the stages, before scaling
 * @param stemFilters stem width before scaling (3x3 stride-2 conv)
 * @param headFilters head width before scaling (1x1 conv before the pool)
 * @param classes classifier outputs
 * @param activation the activation of every block, stem and head
 * @param width width coefficient (round_filters)
 * @param depth depth coefficient (round_repeats)
 * @param resolution input height and width
 * @param depthDivisor filters are rounded to multiples of this (8)
 * @param bnEpsilon batch-norm epsilon (1e-3)
 */
public record EfficientNetSpec(String name, List<BlockArgs> blocks, int stemFilters, int headFilters, int classes,
        Nonlinearity activation, double width, double depth, int resolution, int depthDivisor, float bnEpsilon) {

    /** EfficientNet-EdgeTPU-S: ReLU, no SE, fused early stages (tensorflow/tpu efficientnet_edgetpu_builder). */
    public static final EfficientNetSpec EDGETPU_S = new EfficientNetSpec("efficientnet-edgetpu-s",
            BlockString.parseList("r1_k3_s11_e4_i24_o24_c1_noskip, r2_k3_s22_e8_i24_o32_c1, r4_k3_s22_e8_i32_o48_c1,"
                    + " r5_k5_s22_e8_i48_o96, r4_k5_s11_e8_i96_o144, r2_k5_s22_e8_i144_o192"),
            32, 1280, 1001, Nonlinearity.RELU, 1.0, 1.0, 224, 8, 1e-3f);
    /** EfficientNet-EdgeTPU-M: S with width 1.0, depth 1.1, 240x240 ({@link EfficientNetVariant#EDGETPU_M}). */
    public static final EfficientNetSpec EDGETPU_M = scaled(EDGETPU_S, EfficientNetVariant.EDGETPU_M);
    /** EfficientNet-EdgeTPU-L: S with width 1.2, depth 1.4, 300x300 ({@link EfficientNetVariant#EDGETPU_L}). */
    public static final EfficientNetSpec EDGETPU_L = scaled(EDGETPU_S, EfficientNetVariant.EDGETPU_L);
    /** EfficientNet-B0: swish, SE 0.25, 1000 classes. */
    public static final EfficientNetSpec B0 = new EfficientNetSpec("efficientnet-b0",
            BlockString.parseList("r1_k3_s11_e1_i32_o16_se0.25, r2_k3_s22_e6_i16_o24_se0.25, r2_k5_s22_e6_i24_o40_se0.25,"
                    + " r3_k3_s22_e6_i40_o80_se0.25, r3_k5_s11_e6_i80_o112_se0.25, r4_k5_s22_e6_i112_o192_se0.25,"
                    + " r1_k3_s11_e6_i192_o320_se0.25"),
            32, 1280, 1000, Nonlinearity.SWISH, 1.0, 1.0, 224, 8, 1e-3f);

    private static EfficientNetSpec scaled(EfficientNetSpec base, EfficientNetVariant v) {
        return base.withName(v.modelName()).withCoefficients(v.width(), v.depth(), v.resolution());
    }

    public EfficientNetSpec {
        Objects.requireNonNull(name, "name");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(activation, "activation");
        if (blocks.isEmpty()) throw new IllegalArgumentException("blocks must not be empty");
        if (stemFilters <= 0) throw new IllegalArgumentException("stem must be > 0, but was " + stemFilters);
        if (headFilters <= 0) throw new IllegalArgumentException("head must be > 0, but was " + headFilters);
        if (classes <= 0) throw new IllegalArgumentException("classes must be > 0, but was " + classes);
        if (!(width > 0)) throw new IllegalArgumentException("width must be > 0, but was " + width);
        if (!(depth > 0)) throw new IllegalArgumentException("depth must be > 0, but was " + depth);
        if (resolution < 8) throw new IllegalArgumentException("resolution must be >= 8, but was " + resolution);
        if (depthDivisor <= 0) throw new IllegalArgumentException("depthDivisor must be > 0, but was " + depthDivisor);
        if (!(bnEpsilon > 0)) throw new IllegalArgumentException("bnEpsilon must be > 0, but was " + bnEpsilon);
    }

    public EfficientNetSpec withName(String n) {
        return new EfficientNetSpec(n, blocks, stemFilters, headFilters, classes, activation, width, depth, resolution, depthDivisor, bnEpsilon);
    }

    public EfficientNetSpec withBlocks(List<BlockArgs> b) {
        return new EfficientNetSpec(name, b, stemFilters, headFilters, classes, activation, width, depth, resolution, depthDivisor, bnEpsilon);
    }

    public EfficientNetSpec withResolution(int r) {
        return new EfficientNetSpec(name, blocks, stemFilters, headFilters, classes, activation, width, depth, r, depthDivisor, bnEpsilon);
    }

    public EfficientNetSpec withActivation(Nonlinearity a) {
        return new EfficientNetSpec(name, blocks, stemFilters, headFilters, classes, a, width, depth, resolution, depthDivisor, bnEpsilon);
    }

    public EfficientNetSpec withClasses(int c) {
        return new EfficientNetSpec(name, blocks, stemFilters, headFilters, c, activation, width, depth, resolution, depthDivisor, bnEpsilon);
    }

    public EfficientNetSpec withStemHead(int stem, int head) {
        return new EfficientNetSpec(name, blocks, stem, head, classes, activation, width, depth, resolution, depthDivisor, bnEpsilon);
    }

    /** This spec with width and depth coefficients and a resolution. */
    public EfficientNetSpec withCoefficients(double w, double d, int res) {
        return new EfficientNetSpec(name, blocks, stemFilters, headFilters, classes, activation, w, d, res, depthDivisor, bnEpsilon);
    }

    /** round_filters of tensorflow/tpu: {@code f *= width; n = max(divisor, int(f + divisor/2) // divisor * divisor); if n < 0.9 f: n += divisor}. */
    public int roundFilters(int filters) {
        return EfficientNet.roundFilters(filters, width, depthDivisor);
    }

    /** round_repeats of tensorflow/tpu: {@code ceil(depth * repeats)} in double arithmetic. */
    public int roundRepeats(int repeats) {
        return EfficientNet.roundRepeats(repeats, depth);
    }

    /** The stages after scaling: filters rounded with the width, repeats with the depth (coefficients then 1). */
    public List<BlockArgs> scaledBlocks() {
        return blocks.stream().map(b -> b.withFilters(roundFilters(b.inputFilters()), roundFilters(b.outputFilters()))
                .withRepeats(roundRepeats(b.repeats()))).toList();
    }
}
