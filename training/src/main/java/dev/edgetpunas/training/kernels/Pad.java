package dev.edgetpunas.training.kernels;

import java.util.Arrays;

/**
 * PAD with zeros over the spatial axes of an NHWC tensor (what TFLite graphs insert before a VALID
 * convolution to get TensorFlow's asymmetric SAME padding), forward and backward. Padding the batch or
 * channel axes is not supported.
 *
 * <pre>{@code
 * int[] out = Pad.outputShape(new int[] {1, 224, 224, 3}, 0, 1, 0, 1);   // [1, 225, 225, 3]
 * Pad.forward(par, inShape, x, 0, 1, 0, 1, y);
 * }</pre>
 */
public final class Pad {
    private Pad() {}

    /** The padded shape. */
    public static int[] outputShape(int[] inShape, int top, int bottom, int left, int right) {
        Shapes.requireRank("input", inShape, 4);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("paddings must be >= 0, but were " + Arrays.toString(new int[] {top, bottom, left, right}));
        }
        return new int[] {inShape[0], inShape[1] + top + bottom, inShape[2] + left + right, inShape[3]};
    }

    /** {@code y} = {@code x} surrounded by zeros. */
    public static void forward(Parallel par, int[] inShape, float[] x, int top, int bottom, int left, int right, float[] y) {
        int[] os = outputShape(inShape, top, bottom, left, right);
        Shapes.requireData("x", x, inShape);
        Shapes.requireData("y", y, os);
        int h = inShape[1], w = inShape[2], c = inShape[3], ow = os[2];
        int outSample = os[1] * ow * c;
        par.forEach(inShape[0], b -> {
            Arrays.fill(y, b * outSample, (b + 1) * outSample, 0f);
            for (int ih = 0; ih < h; ih++) {
                System.arraycopy(x, ((b * h + ih) * w) * c, y, b * outSample + ((ih + top) * ow + left) * c, w * c);
            }
        });
    }

    /** {@code dx} = the interior of {@code dy} (overwritten). */
    public static void backward(Parallel par, int[] inShape, float[] dy, int top, int bottom, int left, int right, float[] dx) {
        int[] os = outputShape(inShape, top, bottom, left, right);
        Shapes.requireData("dy", dy, os);
        Shapes.requireData("dx", dx, inShape);
        int h = inShape[1], w = inShape[2], c = inShape[3], ow = os[2];
        int outSample = os[1] * ow * c;
        par.forEach(inShape[0], b -> {
            for (int ih = 0; ih < h; ih++) {
                System.arraycopy(dy, b * outSample + ((ih + top) * ow + left) * c, dx, ((b * h + ih) * w) * c, w * c);
            }
        });
    }
}
