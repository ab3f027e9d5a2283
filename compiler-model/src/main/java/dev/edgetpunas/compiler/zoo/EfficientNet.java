package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import java.util.List;

/**
 * Builds the training graph (float, with BATCH_NORM) of an EfficientNet-style network, as
 * tensorflow/tpu's {@code efficientnet_model.py} does:
 * <ul>
 *   <li>stem: 3x3 stride-2 conv to {@code round_filters(stem)} + BN + activation;</li>
 *   <li>per stage, {@code round_repeats(r)} blocks; the first has the stride, later ones stride 1 and
 *       input = output filters;</li>
 *   <li>MBConv ({@code c0}): 1x1 expansion to {@code i * e} (if e != 1) + BN + act, k x k depthwise with
 *       the stride + BN + act, squeeze-and-excitation if {@code se} (MEAN over H, W; 1x1 conv with bias to
 *       {@code max(1, int(i * se))}; act; 1x1 conv with bias back; LOGISTIC; MUL), 1x1 projection + BN;</li>
 *   <li>fused ({@code c1}, {@code MBConvBlockWithoutDepthwise}): 3x3 stride-1 conv to {@code i * e}
 *       (if e != 1) + BN + act, then a 1x1 projection carrying the stride + BN;</li>
 *   <li>identity skip (ADD) when not {@code noskip}, all strides 1 and input filters == output
 *       filters (and the real input has that many channels);</li>
 *   <li>head: 1x1 conv to {@code round_filters(head)} + BN + act, MEAN over H and W, FULLY_CONNECTED to
 *       {@code classes} (as in the released TFLite files).</li>
 * </ul>
 * The {@code i} field only sets the expansion width ({@code i * e}); a block's real input is whatever
 * the previous layer produced (EfficientNet-EdgeTPU-S's first block takes the 32-channel stem).
 * Swish is LOGISTIC then MUL, so a compiler model sees what edgetpu_compiler sees.
 *
 * <pre>{@code
 * Graph training = EfficientNet.build(EfficientNetSpec.EDGETPU_S);
 * Graph deployed = Deploy.apply(training);
 * }</pre>
 */
public final class EfficientNet {
    private EfficientNet() {}

    /** round_filters of tensorflow/tpu, in double arithmetic. */
    public static int roundFilters(int filters, double width, int divisor) {
        double f = filters * width;
        int n = Math.max(divisor, (int) (f + divisor / 2.0) / divisor * divisor);
        if (n < 0.9 * f) n += divisor;
        return n;
    }

    /** round_repeats of tensorflow/tpu: {@code int(ceil(depth * repeats))}. */
    public static int roundRepeats(int repeats, double depth) {
        return (int) Math.ceil(depth * repeats);
    }

    /** The training graph of {@code spec} (RGB input: 3 channels). */
    public static Graph build(EfficientNetSpec spec) {
        return build(spec, 3);
    }

    /**
     * The training graph of {@code spec} for inputs with {@code inputChannels} channels (1 for grey
     * images such as Fashion-MNIST); only the stem's filter depends on it.
     */
    public static Graph build(EfficientNetSpec spec, int inputChannels) {
        if (inputChannels < 1) throw new IllegalArgumentException("inputChannels must be >= 1, but was " + inputChannels);
        GraphBuilder b = new GraphBuilder(spec.name(), DType.FLOAT32);
        Nonlinearity act = spec.activation();
        int x = b.input("input", spec.resolution(), spec.resolution(), inputChannels);
        x = b.convBnAct("stem", x, spec.roundFilters(spec.stemFilters()), 3, 2, act);
        int blockIndex = 0;
        for (BlockArgs stage : spec.scaledBlocks()) {
            for (int r = 0; r < stage.repeats(); r++) {
                BlockArgs blk = r == 0 ? stage : new BlockArgs(stage.repeats(), stage.kernel(), 1, 1, stage.expandRatio(),
                        stage.outputFilters(), stage.outputFilters(), stage.seRatio(), stage.idSkip(), stage.convType());
                x = block(b, "blocks_" + blockIndex, x, blk, act, spec.bnEpsilon());
                blockIndex++;
            }
        }
        x = b.convBnAct("head", x, spec.roundFilters(spec.headFilters()), 1, 1, act);
        x = b.mean("head/pool", x, List.of(1, 2), false);
        x = b.fullyConnected("head/logits", x, spec.classes(), true);
        return b.build(x);
    }

    private static int block(GraphBuilder b, String name, int input, BlockArgs a, Nonlinearity act, float eps) {
        int inChannels = b.shape(input).c();
        int expanded = a.inputFilters() * a.expandRatio();
        int x = input;
        if (a.fused()) {
            if (a.expandRatio() != 1) {
                x = b.conv2d(name + "/fused_expand", x, expanded, 3, 3, 1, 1, Padding.SAME, 1, false, Activation.NONE);
                x = b.batchNorm(name + "/fused_expand/bn", x, eps);
                x = b.activation(name + "/fused_expand/act", x, act);
            }
            x = b.conv2d(name + "/project", x, a.outputFilters(), 1, 1, a.strideH(), a.strideW(), Padding.SAME, 1, false, Activation.NONE);
            x = b.batchNorm(name + "/project/bn", x, eps);
        } else {
            if (a.expandRatio() != 1) {
                x = b.conv2d(name + "/expand", x, expanded, 1, 1, 1, 1, Padding.SAME, 1, false, Activation.NONE);
                x = b.batchNorm(name + "/expand/bn", x, eps);
                x = b.activation(name + "/expand/act", x, act);
            }
            x = b.depthwiseConv2d(name + "/depthwise", x, a.kernel(), a.kernel(), a.strideH(), a.strideW(), Padding.SAME, 1, 1,
                    false, Activation.NONE);
            x = b.batchNorm(name + "/depthwise/bn", x, eps);
            x = b.activation(name + "/depthwise/act", x, act);
            if (a.hasSe()) x = squeezeExcite(b, name + "/se", x, Math.max(1, (int) (a.inputFilters() * a.seRatio())), act);
            x = b.conv2d(name + "/project", x, a.outputFilters(), 1, 1, 1, 1, Padding.SAME, 1, false, Activation.NONE);
            x = b.batchNorm(name + "/project/bn", x, eps);
        }
        boolean skip = a.idSkip() && a.strideH() == 1 && a.strideW() == 1 && a.inputFilters() == a.outputFilters()
                && inChannels == a.outputFilters();
        if (skip) x = b.add(name + "/add", x, input);
        return x;
    }

    private static int squeezeExcite(GraphBuilder b, String name, int x, int reduced, Nonlinearity act) {
        int c = b.shape(x).c();
        int s = b.mean(name + "/squeeze", x, List.of(1, 2), true);
        s = b.conv2d(name + "/reduce", s, reduced, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        s = b.activation(name + "/reduce/act", s, act);
        s = b.conv2d(name + "/expand", s, c, 1, 1, 1, 1, Padding.SAME, 1, true, Activation.NONE);
        s = b.logistic(name + "/gate", s);
        return b.mul(name + "/excite", x, s);
    }
}
