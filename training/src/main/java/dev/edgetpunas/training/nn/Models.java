package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Activation;
import dev.edgetpunas.training.kernels.BatchNorm;
import dev.edgetpunas.training.kernels.Conv2dSpec;
import dev.edgetpunas.training.kernels.Padding;
import dev.edgetpunas.training.kernels.Pool2d;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ready-made models for 28x28x1 inputs and 10 classes.
 *
 * <pre>{@code
 * Sequential cnn = Models.fashionCnn(RandomGeneratorFactory.of("L64X128MixRandom").create(1));
 * }</pre>
 */
public final class Models {
    private Models() {}

    /**
     * The reference small CNN: conv3x3(32)-BN-ReLU-maxpool2, conv3x3(64)-BN-ReLU-maxpool2, FC(128)-ReLU,
     * FC(10). 421,738 parameters and 4.24 M MACs per 28x28 image.
     */
    public static Sequential fashionCnn(RandomGenerator rng) {
        return new Sequential(List.of(
                new Conv2dLayer("conv1", 1, 32, Conv2dSpec.of(3, 1, Padding.SAME), false, rng),
                new BatchNormLayer("bn1", 32, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
                new ActivationLayer(Activation.RELU),
                new PoolLayer(Pool2d.Kind.MAX, Conv2dSpec.of(2, 2, Padding.VALID)),
                new Conv2dLayer("conv2", 32, 64, Conv2dSpec.of(3, 1, Padding.SAME), false, rng),
                new BatchNormLayer("bn2", 64, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
                new ActivationLayer(Activation.RELU),
                new PoolLayer(Pool2d.Kind.MAX, Conv2dSpec.of(2, 2, Padding.VALID)),
                new DenseLayer("fc1", 7 * 7 * 64, 128, rng),
                new ActivationLayer(Activation.RELU),
                new DenseLayer("fc2", 128, 10, rng)));
    }

    /** A tiny fast CNN for smoke tests: conv3x3/2(8)-BN-ReLU, conv3x3/2(16)-BN-ReLU, FC(10). */
    public static Sequential tinyCnn(RandomGenerator rng) {
        return new Sequential(List.of(
                new Conv2dLayer("conv1", 1, 8, Conv2dSpec.of(3, 2, Padding.SAME), false, rng),
                new BatchNormLayer("bn1", 8, 0.9f, BatchNorm.EPSILON),
                new ActivationLayer(Activation.RELU),
                new Conv2dLayer("conv2", 8, 16, Conv2dSpec.of(3, 2, Padding.SAME), false, rng),
                new BatchNormLayer("bn2", 16, 0.9f, BatchNorm.EPSILON),
                new ActivationLayer(Activation.RELU),
                new DenseLayer("fc", 7 * 7 * 16, 10, rng)));
    }

    /**
     * A small EfficientNet-like network exercising every op of the search spaces: a fused-MBConv stem
     * (full 3x3 conv), an MBConv block (1x1 expand, depthwise 3x3, squeeze-and-excitation, 1x1 project,
     * residual ADD), swish / hard-swish / ReLU6 activations, average pooling, global MEAN and a dense
     * head.
     */
    public static Sequential tinyMbConvNet(int width, RandomGenerator rng) {
        int c = width;
        int e = 4 * width;
        List<Layer> block = new ArrayList<>(List.of(
                new Conv2dLayer("mb/expand", c, e, Conv2dSpec.of(1, 1, Padding.SAME), false, rng),
                new BatchNormLayer("mb/bn0", e, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
                new ActivationLayer(Activation.SWISH),
                new Conv2dLayer("mb/depthwise", e, e, Conv2dSpec.of(3, 1, Padding.SAME).withGroups(e), false, rng),
                new BatchNormLayer("mb/bn1", e, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
                new ActivationLayer(Activation.HARD_SWISH),
                new SqueezeExcite("mb/se", e, Math.max(1, c / 4), Activation.SWISH, rng),
                new Conv2dLayer("mb/project", e, c, Conv2dSpec.of(1, 1, Padding.SAME), false, rng),
                new BatchNormLayer("mb/bn2", c, BatchNorm.MOMENTUM, BatchNorm.EPSILON)));
        return new Sequential(List.of(
                new Conv2dLayer("stem", 1, c, Conv2dSpec.of(3, 2, Padding.SAME), false, rng),
                new BatchNormLayer("stem/bn", c, BatchNorm.MOMENTUM, BatchNorm.EPSILON),
                new ActivationLayer(Activation.RELU6),
                new Residual(new Sequential(block)),
                new PoolLayer(Pool2d.Kind.AVERAGE, Conv2dSpec.of(2, 2, Padding.SAME)),
                new Conv2dLayer("head", c, 2 * c, Conv2dSpec.of(1, 1, Padding.SAME), true, rng),
                new ActivationLayer(Activation.TANH),
                new GlobalAveragePool(),
                new DenseLayer("fc", 2 * c, 10, rng)));
    }
}
