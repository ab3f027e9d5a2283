package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.Rounding;
import dev.edgetpunas.quant.params.QType;

/**
 * RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR on NHWC tensors, input and output sharing parameters.
 * Bilinear int8 follows TFLite's {@code reference_ops::ResizeBilinearInteger} (10-bit fixed-point
 * source coordinates, 20-bit weights, rounding half away from zero); bilinear uint8 follows the
 * templated float {@code reference_ops::ResizeBilinear} (float weights, result truncated). Nearest
 * follows {@code GetNearestNeighbor}: {@code floor((x + offset) * scale)}, or {@code round} with
 * align_corners, clamped. {@code align_corners} and {@code half_pixel_centers} are TFLite's flags
 * (they cannot both be set).
 *
 * <pre>{@code
 * Resize r = Resize.prepare(Resize.Method.BILINEAR, false, true, in, out);
 * r.run(inBytes, outBytes);
 * }</pre>
 */
public final class Resize {

    /** Interpolation. */
    public enum Method {
        /** RESIZE_BILINEAR. */
        BILINEAR,
        /** RESIZE_NEAREST_NEIGHBOR. */
        NEAREST_NEIGHBOR
    }

    private final Method method;
    private final QType type;
    private final boolean alignCorners, halfPixelCenters;
    private final int batches, inH, inW, depth, outH, outW;

    private Resize(Method method, boolean alignCorners, boolean halfPixelCenters, QTensor input, QTensor output) {
        String op = method == Method.BILINEAR ? "RESIZE_BILINEAR" : "RESIZE_NEAREST_NEIGHBOR";
        Shapes.checkRank(op + " input", input.shape(), 4);
        Shapes.checkRank(op + " output", output.shape(), 4);
        if (alignCorners && halfPixelCenters) {
            throw new IllegalArgumentException(op + ": align_corners and half_pixel_centers cannot both be true");
        }
        if (input.type() != output.type() || !input.perTensor().equals(output.perTensor())) {
            throw new IllegalArgumentException(op + ": input and output must share type and parameters, but were " + input + " and " + output);
        }
        if (input.dim(0) != output.dim(0) || input.dim(3) != output.dim(3)) {
            throw new IllegalArgumentException(op + ": batch and depth must be equal, but input is " + java.util.Arrays.toString(input.shape()) + " and output " + java.util.Arrays.toString(output.shape()));
        }
        this.method = method;
        this.type = input.type();
        this.alignCorners = alignCorners;
        this.halfPixelCenters = halfPixelCenters;
        batches = input.dim(0);
        inH = input.dim(1);
        inW = input.dim(2);
        depth = input.dim(3);
        outH = output.dim(1);
        outW = output.dim(2);
    }

    /** TFLite's Prepare; the output tensor's H and W are the target size. */
    public static Resize prepare(Method method, boolean alignCorners, boolean halfPixelCenters, QTensor input, QTensor output) {
        return new Resize(method, alignCorners, halfPixelCenters, input, output);
    }

    /** Runs on the whole tensor. */
    public void run(byte[] input, byte[] output) {
        Shapes.checkData("RESIZE input", input, batches * inH * inW * depth);
        Shapes.checkData("RESIZE output", output, batches * outH * outW * depth);
        if (method == Method.NEAREST_NEIGHBOR) nearest(input, output);
        else if (type == QType.INT8) bilinearInteger(input, output);
        else bilinearFloat(input, output);
    }

    static int nearestIndex(int value, int inSize, int outSize, boolean alignCorners, boolean halfPixelCenters) {
        float scale = (alignCorners && outSize > 1) ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
        float offset = halfPixelCenters ? 0.5f : 0f;
        int v = alignCorners ? (int) Rounding.roundHalfAway((value + offset) * scale) : (int) Math.floor((value + offset) * scale);
        v = Math.min(v, inSize - 1);
        if (halfPixelCenters) v = Math.max(0, v);
        return v;
    }

    private void nearest(byte[] in, byte[] out) {
        int[] xs = new int[outW];
        for (int x = 0; x < outW; x++) xs[x] = nearestIndex(x, inW, outW, alignCorners, halfPixelCenters);
        int o = 0;
        for (int b = 0; b < batches; b++) {
            for (int y = 0; y < outH; y++) {
                int iy = nearestIndex(y, inH, outH, alignCorners, halfPixelCenters);
                for (int x = 0; x < outW; x++) {
                    System.arraycopy(in, ((b * inH + iy) * inW + xs[x]) * depth, out, o, depth);
                    o += depth;
                }
            }
        }
    }

    /** {@code {scaled_value, lower, upper}} as {@code ComputeInterpolationValuesInteger}. */
    private static int[] interpolationInteger(int value, int scale10, boolean halfPixelCenters, int inputSize) {
        int scaled = halfPixelCenters ? value * scale10 + scale10 / 2 - (1 << 9) : value * scale10;
        int lower = Math.max(scaled / (1 << 10), 0);
        int upper = Math.min((scaled + (1 << 10) - 1) / (1 << 10), inputSize - 1);
        return new int[] {scaled, lower, upper};
    }

    private void bilinearInteger(byte[] in, byte[] out) {
        int heightScale10 = ((1 << 10) * inH + outH / 2) / outH;
        int widthScale10 = ((1 << 10) * inW + outW / 2) / outW;
        if (alignCorners && outH > 1) heightScale10 = ((1 << 10) * (inH - 1) + (outH - 1) / 2) / (outH - 1);
        if (alignCorners && outW > 1) widthScale10 = ((1 << 10) * (inW - 1) + (outW - 1) / 2) / (outW - 1);
        int o = 0;
        for (int b = 0; b < batches; b++) {
            for (int y = 0; y < outH; y++) {
                int[] iy = interpolationInteger(y, heightScale10, halfPixelCenters, inH);
                int inputY = iy[0], y0 = iy[1], y1 = iy[2];
                long dy = inputY - (1 << 10) * y0;
                for (int x = 0; x < outW; x++) {
                    int[] ix = interpolationInteger(x, widthScale10, halfPixelCenters, inW);
                    int inputX = ix[0], x0 = ix[1], x1 = ix[2];
                    long dx = inputX - (1 << 10) * x0;
                    int p00 = ((b * inH + y0) * inW + x0) * depth;
                    int p10 = ((b * inH + y1) * inW + x0) * depth;
                    int p01 = ((b * inH + y0) * inW + x1) * depth;
                    int p11 = ((b * inH + y1) * inW + x1) * depth;
                    for (int c = 0; c < depth; c++) {
                        long output20 = (long) in[p00 + c] * ((1 << 10) - dy) * ((1 << 10) - dx)
                                + (long) in[p10 + c] * dy * ((1 << 10) - dx)
                                + (long) in[p01 + c] * ((1 << 10) - dy) * dx
                                + (long) in[p11 + c] * dy * dx;
                        long round = output20 > 0 ? (1 << 19) : -(1 << 19);
                        out[o++] = (byte) ((output20 + round) / (1 << 20));
                    }
                }
            }
        }
    }

    /** {@code {lower, upper}} and the float coordinate as {@code ComputeInterpolationValues}. */
    private static float interpolationFloat(int value, float scale, boolean halfPixelCenters, int inputSize, int[] bounds) {
        float scaled = halfPixelCenters ? (value + 0.5f) * scale - 0.5f : value * scale;
        float floor = (float) Math.floor(scaled);
        bounds[0] = Math.max((int) floor, 0);
        bounds[1] = Math.min((int) Math.ceil(scaled), inputSize - 1);
        return scaled;
    }

    private void bilinearFloat(byte[] in, byte[] out) {
        float heightScale = (float) inH / outH;
        float widthScale = (float) inW / outW;
        if (alignCorners && outH > 1) heightScale = (float) (inH - 1) / (outH - 1);
        if (alignCorners && outW > 1) widthScale = (float) (inW - 1) / (outW - 1);
        int[] by = new int[2], bx = new int[2];
        int o = 0;
        for (int b = 0; b < batches; b++) {
            for (int y = 0; y < outH; y++) {
                float inputY = interpolationFloat(y, heightScale, halfPixelCenters, inH, by);
                int y0 = by[0], y1 = by[1];
                for (int x = 0; x < outW; x++) {
                    float inputX = interpolationFloat(x, widthScale, halfPixelCenters, inW, bx);
                    int x0 = bx[0], x1 = bx[1];
                    int p00 = ((b * inH + y0) * inW + x0) * depth;
                    int p10 = ((b * inH + y1) * inW + x0) * depth;
                    int p01 = ((b * inH + y0) * inW + x1) * depth;
                    int p11 = ((b * inH + y1) * inW + x1) * depth;
                    float fy = inputY - y0, fx = inputX - x0;
                    for (int c = 0; c < depth; c++) {
                        float v = (in[p00 + c] & 0xFF) * (1 - fy) * (1 - fx)
                                + (in[p10 + c] & 0xFF) * fy * (1 - fx)
                                + (in[p01 + c] & 0xFF) * (1 - fy) * fx
                                + (in[p11 + c] & 0xFF) * fy * fx;
                        out[o++] = (byte) (int) v;
                    }
                }
            }
        }
    }
}
