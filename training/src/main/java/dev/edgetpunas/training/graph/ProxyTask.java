package dev.edgetpunas.training.graph;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
}
