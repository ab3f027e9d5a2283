package dev.edgetpunas.training.nn;

import dev.edgetpunas.training.kernels.Conv2dSpec;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.Pool2d;
import dev.edgetpunas.training.kernels.Shapes;
import java.util.Arrays;
import java.util.List;

/**
 * MAX_POOL_2D or AVERAGE_POOL_2D.
 *
 * <pre>{@code
 * Layer pool = new PoolLayer(Pool2d.Kind.MAX, Conv2dSpec.of(2, 2, Padding.VALID));
 * }</pre>
 */
public final class PoolLayer implements Layer {
    private final Pool2d.Kind kind;
    private final Conv2dSpec spec;
    private Pool2d plan;
    private int[] planShape;
    private Tensor input;
    private float[] out;
    private float[] dx;

    public PoolLayer(Pool2d.Kind kind, Conv2dSpec spec) {
        if (kind == null || spec == null) throw new IllegalArgumentException("kind and spec must not be null");
        this.kind = kind;
        this.spec = spec;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        Buffers.requireRank(describe(), inputShape, 4);
        return new int[] {inputShape[0], spec.outH(inputShape[1]), spec.outW(inputShape[2]), inputShape[3]};
    }

    @Override
    public Tensor forward(Tensor x, boolean training, Parallel par) {
        int[] s = x.shape();
        if (plan == null || !Arrays.equals(planShape, s)) {
            plan = Pool2d.plan(kind, spec, s);
            planShape = s;
        }
        int[] os = plan.outputShape();
        out = Buffers.ensure(out, Shapes.size(os));
        plan.forward(par, x.data(), out);
        input = x;
        return new Tensor(os, out);
    }

    @Override
    public Tensor backward(Tensor dy, boolean needInputGradient, Parallel par) {
        if (!needInputGradient) return null;
        dx = Buffers.ensure(dx, input.size());
        plan.backward(par, input.data(), dy.data(), dx);
        return new Tensor(input.shape(), dx);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return (kind == Pool2d.Kind.MAX ? "MAX_POOL_2D " : "AVERAGE_POOL_2D ") + spec.kernelH() + "x" + spec.kernelW() + "/" + spec.strideH()
                + " " + spec.padding();
    }
}
