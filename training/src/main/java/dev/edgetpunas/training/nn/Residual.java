package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Elementwise;
import dev.edgetpunas.training.kernels.Parallel;
import java.util.List;

/**
 * A skip connection: {@code y = x + body(x)} (ADD), where the body keeps the shape (an MBConv block with
 * stride 1 and equal input and output channels).
 *
 * <pre>{@code
 * Layer block = new Residual(new Sequential(List.of(conv, bn, act, conv2, bn2)));
 * }</pre>
 */
public final class Residual implements Layer {
    private final Layer body;
    private float[] out;
    private float[] dx;
    private int[] shape;

    public Residual(Layer body) {
        if (body == null) throw new IllegalArgumentException("body must not be null");
        this.body = body;
    }

    public Layer body() {
        return body;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] o = body.outputShape(inputShape);
        if (!java.util.Arrays.equals(o, inputShape)) {
            throw new IllegalArgumentException("residual body must keep the shape " + java.util.Arrays.toString(inputShape)
                    + ", but gives " + java.util.Arrays.toString(o));
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        shape = outputShape(x.shape());
        Tensor b = body.forward(x, training, par);
        out = Buffers.ensure(out, x.size());
        Elementwise.add(par, shape, x.data(), shape, b.data(), out);
        return new Tensor(shape, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        Tensor db = body.backward(dy, needInputGradient, par);
        if (!needInputGradient) return null;
        dx = Buffers.ensure(dx, dy.size());
        Elementwise.add(par, shape, dy.data(), shape, db.data(), dx);
        return new Tensor(shape, dx);
    }

    @Override
    public List<Param> params() {
        return body.params();
    }

    @Override
    public long macs(int[] inputShape) {
        return body.macs(inputShape);
    }

    @Override
    public String describe() {
        return "ADD(x, " + body.describe() + ")";
    }
}
