package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import java.util.List;

/**
 * The layer idioms that Keras applications and TF-slim definitions share, written once: a conv (with
 * or without bias) + BATCH_NORM + activation, a depthwise conv + BN + activation, TF-slim's classifier
 * (average pool, 1x1 conv with bias, squeeze, softmax) and Keras's (global average pool, dense, softmax).
 *
 * <pre>{@code
 * int y = Layers.convBn(b, "conv1", x, 64, 7, 7, 2, Padding.VALID, true, 1.001e-5f, Nonlinearity.RELU);
 * }</pre>
 */
final class Layers {
    /** Keras BatchNormalization's default epsilon (also TF-slim's mobilenet and inception arg scopes). */
    static final float EPS_1E3 = 1e-3f;
    /** Keras ResNet and DenseNet: {@code epsilon=1.001e-5}. */
    static final float EPS_KERAS_RESNET = 1.001e-5f;

    private Layers() {}

    /** Conv + BATCH_NORM + activation, rectangular kernel, equal strides. */
    static int convBn(GraphBuilder b, String name, int x, int filters, int kh, int kw, int stride, Padding padding,
            boolean bias, float eps, Nonlinearity act) {
        int y = b.conv2d(name, x, filters, kh, kw, stride, stride, padding, 1, bias, Activation.NONE);
        y = b.batchNorm(name + "/BatchNorm", y, eps);
        return b.activation(name + "/" + act.id(), y, act);
    }

    /** Square conv, no bias, + BATCH_NORM (epsilon 1e-3) + activation. */
    static int convBn(GraphBuilder b, String name, int x, int filters, int k, int stride, Padding padding, Nonlinearity act) {
        return convBn(b, name, x, filters, k, k, stride, padding, false, EPS_1E3, act);
    }

    /** Depthwise conv (multiplier 1, no bias) + BATCH_NORM + activation, with a dilation rate. */
    static int depthwiseBn(GraphBuilder b, String name, int x, int k, int stride, int dilation, Padding padding, float eps,
            Nonlinearity act) {
        int y = b.depthwiseConv2d(name, x, k, k, stride, stride, padding, 1, dilation, false, Activation.NONE);
        y = b.batchNorm(name + "/BatchNorm", y, eps);
        return b.activation(name + "/" + act.id(), y, act);
    }

    /**
     * TF-slim's classifier as the exported .tflite files have it: AVERAGE_POOL_2D over the whole
     * feature map (VALID, the given stride), 1x1 CONV_2D to {@code classes} with bias, RESHAPE (the
     * spatial squeeze) to {@code [1, classes]}, SOFTMAX.
     */
    static int slimLogits(GraphBuilder b, String scope, int x, int classes, int poolStride) {
        Shape s = b.shape(x);
        int y = b.averagePool(scope + "/AvgPool", x, s.h(), s.w(), poolStride, poolStride, Padding.VALID);
        y = b.conv2d(scope + "/Conv2d_1c_1x1", y, classes, 1, 1, 1, 1, Padding.VALID, 1, true, Activation.NONE);
        y = b.reshape(scope + "/SpatialSqueeze", y, Shape.of(1, classes));
        return b.softmax("Predictions", y);
    }

    /** Keras's classifier: GlobalAveragePooling2D (MEAN over H, W), Dense with bias, softmax. */
    static int kerasTop(GraphBuilder b, int x, int classes) {
        int y = b.mean("avg_pool", x, List.of(1, 2), false);
        y = b.fullyConnected("predictions", y, classes, true);
        return b.softmax("predictions/softmax", y);
    }

    /**
     * A max pool with Caffe's (and PyTorch's {@code ceil_mode=True}) output size
     * {@code ceil((in - k) / s) + 1}: a PAD at the bottom and right where floor and ceil differ, then a
     * VALID pool. Exact for inputs >= 0 (after a ReLU), where a zero never wins over a real value.
     */
    static int maxPoolCeil(GraphBuilder b, String name, int x, int k, int s) {
        Shape in = b.shape(x);
        int padH = ceilExtra(in.h(), k, s), padW = ceilExtra(in.w(), k, s);
        int y = x;
        if (padH > 0 || padW > 0) y = b.pad(name + "/ceil_pad", x, 0, padH, 0, padW);
        return b.maxPool(name, y, k, s, Padding.VALID);
    }

    private static int ceilExtra(int in, int k, int s) {
        if (in < k) return k - in;
        int floorOut = (in - k) / s + 1;
        int ceilOut = (in - k + s - 1) / s + 1;
        return ceilOut == floorOut ? 0 : (ceilOut - 1) * s + k - in;
    }

    /** TF-slim's and Keras's {@code _make_divisible(v, divisor, min_value)}. */
    static int makeDivisible(double v, int divisor, int minValue) {
        int n = Math.max(minValue, (int) (v + divisor / 2.0) / divisor * divisor);
        if (n < 0.9 * v) n += divisor;
        return n;
    }
}
