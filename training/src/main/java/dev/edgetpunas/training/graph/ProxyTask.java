package dev.edgetpunas.training.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Fashion-MNIST proxy task and how an EfficientNet-style network is adapted to it:
 * <ol>
 *   <li>input 28x28x1 (the stem conv reads one channel), 10 classes;</li>
 *   <li>the stem keeps its stride 2 (28 -> 14); then, walking the stages from the first, stage strides
 *       greater than 1 become 1 until the feature map before the head is at least 4x4 (SAME padding:
 *       {@code ceil(n / s)} per stride). For EfficientNet-EdgeTPU-S (stage strides 1, 2, 2, 2, 1, 2) the
 *       first two stride-2 stages (2 and 3) lose their stride: 14, 14, 14, 7, 7, 4;</li>
 *   <li>widths scaled by a factor: the spec's width coefficient times the factor, so stem, stage and
 *       head filters go through {@code round_filters} (multiples of the spec's divisor, at least one
 *       divisor);</li>
 *   <li>everything else (block types, kernels, expansions, repeats, SE, activation) is the genome's.</li>
 * </ol>
 * A stage whose stride became 1 and whose input and output widths match gains the identity skip, as
 * EfficientNet's builder gives every stride-1 block.
 *
 * <pre>{@code
 * EfficientNetSpec s = ProxyTask.adapt(EfficientNetSpec.EDGETPU_S, 0.25);
 * Graph g = ProxyTask.graph(s);     // input [1, 28, 28, 1], logits [1, 10]
 * }</pre>
 */
public final class ProxyTask {
    /** Input height and width. */
    public static final int SIZE = 28;
    /** Input channels. */
    public static final int CHANNELS = 1;
    /** Classes. */
    public static final int CLASSES = 10;
    /** The smallest feature map (height and width) allowed before the head. */
    public static final int MIN_FEATURE = 4;
    /** The stem's stride (fixed by EfficientNet's builder). */
    public static final int STEM_STRIDE = 2;

    private ProxyTask() {}

    /** {@code spec} adapted to 28x28x1 and 10 classes, strides reduced, width times {@code widthFactor}. */
    public static EfficientNetSpec adapt(EfficientNetSpec spec, double widthFactor) {
        if (!(widthFactor > 0) || Double.isInfinite(widthFactor)) {
            throw new IllegalArgumentException("width factor must be > 0, but was " + widthFactor);
        }
        List<BlockArgs> blocks = new ArrayList<>(spec.blocks());
        for (int s = 0; s < blocks.size() && featureSize(blocks) < MIN_FEATURE; s++) {
            BlockArgs b = blocks.get(s);
            if (b.strideH() > 1 || b.strideW() > 1) {
                blocks.set(s, new BlockArgs(b.repeats(), b.kernel(), 1, 1, b.expandRatio(), b.inputFilters(), b.outputFilters(), b.seRatio(),
                        b.idSkip(), b.convType()));
            }
        }
        String name = spec.name() + (widthFactor == 1.0 ? "" : String.format(Locale.ROOT, "-w%s", trim(widthFactor))) + "-fmnist";
        return spec.withName(name).withBlocks(blocks).withClasses(CLASSES)
                .withCoefficients(spec.width() * widthFactor, spec.depth(), SIZE);
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Height (and width) of the feature map before the head for {@code blocks} at 28x28. */
    public static int featureSize(List<BlockArgs> blocks) {
        int h = ceilDiv(SIZE, STEM_STRIDE);
        int w = h;
        for (BlockArgs b : blocks) {
            h = ceilDiv(h, b.strideH());
            w = ceilDiv(w, b.strideW());
        }
        return Math.min(h, w);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The training graph of an adapted spec (one input channel). */
    public static Graph graph(EfficientNetSpec adapted) {
        if (adapted.resolution() != SIZE || adapted.classes() != CLASSES) {
            throw new IllegalArgumentException("spec '" + adapted.name() + "' is not adapted to the proxy task (resolution " + adapted.resolution()
                    + ", classes " + adapted.classes() + "); call ProxyTask.adapt first");
        }
        return EfficientNet.build(adapted, CHANNELS);
    }

    /**
     * The network an architecture describes, when its JSON description has {@code blocks} (block
     * strings, as the {@code edgetpu} search space and compound scaling write them), with optional
     * {@code stem_filters}, {@code head_filters} and {@code activation} (EfficientNet-EdgeTPU-S's
     * otherwise). Width and depth coefficients are 1: the blocks are taken as they are.
     */
    public static Optional<EfficientNetSpec> specOf(Architecture architecture) {
        JsonNode blocks = architecture.field("blocks");
        if (blocks.isMissingNode() || blocks.isNull()) return Optional.empty();
        List<BlockArgs> list = new ArrayList<>();
        try {
            if (blocks.isArray()) {
                for (JsonNode b : blocks) list.add(BlockString.parse(b.asText()));
            } else {
                list.addAll(BlockString.parseList(blocks.asText()));
            }
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("architecture " + architecture.genome() + ": bad block string: " + e.getMessage(), e);
        }
        if (list.isEmpty()) return Optional.empty();
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S.withName(architecture.space()).withBlocks(list);
        int stem = architecture.field("stem_filters").asInt(s.stemFilters());
        int head = architecture.field("head_filters").asInt(s.headFilters());
        s = s.withStemHead(stem, head);
        JsonNode act = architecture.field("activation");
        if (act.isTextual()) s = s.withActivation(Nonlinearity.parse(act.asText()));
        return Optional.of(s);
    }
}
