package dev.edgetpunas.sim.internal;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpMetrics;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import dev.edgetpunas.systolic.workload.Workload;
import java.util.List;

/**
 * Lowers one Edge TPU op of a deployed graph to a systolic-array workload: convolutions, depthwise
 * convolutions, fully connected layers, transposed convolutions and LSTMs become array work; every other
 * mapped op becomes vector-path work of its output elements times a per-op operation count.
 * RESHAPE and SQUEEZE only relabel a buffer and return {@code null} (no work).
 */
public final class Lowering {
    private Lowering() {}

    /** The workload of {@code op}, or null if it does no work on the accelerator. */
    public static Workload lower(Graph g, Op op) {
        switch (op.kind()) {
            case CONV_2D: {
                Op.Conv2D c = (Op.Conv2D) op;
                Shape x = g.tensor(c.dataInput()).shape(), f = g.tensor(c.filter()).shape(), y = g.tensor(c.output()).shape();
                // grouped convolutions: each output sees filter-cin inputs
                return new ConvWorkload(x.h(), x.w(), f.dim(1), f.dim(2), f.dim(3), f.dim(0), c.strideH(), c.strideW(),
                        y.h(), y.w(), c.dilationH(), c.dilationW());
            }
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D d = (Op.DepthwiseConv2D) op;
                Shape x = g.tensor(d.dataInput()).shape(), f = g.tensor(d.filter()).shape(), y = g.tensor(d.output()).shape();
                int mult = Math.max(1, f.dim(3) / Math.max(1, x.c()));
                return new DepthwiseWorkload(x.h(), x.w(), x.c(), mult, f.dim(1), f.dim(2), d.strideH(), d.strideW(), y.h(), y.w(),
                        d.dilationH(), d.dilationW());
            }
            case FULLY_CONNECTED: {
                Op.FullyConnected fc = (Op.FullyConnected) op;
                Shape w = g.tensor(fc.weights()).shape();
                long rows = Math.max(1, g.tensor(fc.dataInput()).elements() / w.dim(1));
                return new Gemm(rows, w.dim(1), w.dim(0));
            }
            case TRANSPOSE_CONV: {
                // scatter form: every input pixel multiplies the whole [Cout * kh * kw, Cin] filter
                Op.TransposeConv t = (Op.TransposeConv) op;
                Shape w = g.tensor(t.weights()).shape(), x = g.tensor(t.dataInput()).shape();
                return new Gemm((long) x.h() * x.w(), w.dim(3), (long) w.dim(0) * w.dim(1) * w.dim(2));
            }
            case UNIDIRECTIONAL_SEQUENCE_LSTM: {
                // per time step one GEMM of [input, hidden] by the four gates' weights
                List<Integer> in = op.inputs();
                Shape x = g.tensor(in.get(0)).shape();
                long steps = x.rank() >= 2 ? x.elements() / x.c() : 1;
                long macs = OpMetrics.macs(g, op);
                long units = in.size() > 5 && in.get(5) >= 0 ? g.tensor(in.get(5)).shape().dim(0) : 1;
                long k = Math.max(1, macs / Math.max(1, steps * 4 * units));
                return new Gemm(steps, k, 4 * units);
            }
            case RESHAPE:
            case SQUEEZE:
                return null;
            case AVERAGE_POOL_2D: {
                Op.AveragePool2D p = (Op.AveragePool2D) op;
                return vector(g, op, p.filterH() * p.filterW());
            }
            case MAX_POOL_2D: {
                Op.MaxPool2D p = (Op.MaxPool2D) op;
                return vector(g, op, p.filterH() * p.filterW());
            }
            case MEAN: {
                long in = g.tensor(op.dataInput()).elements(), out = Math.max(1, OpMetrics.outputElements(g, op));
                return vector(g, op, (int) Math.max(1, Math.min(Integer.MAX_VALUE, in / out)));
            }
            case RESIZE_BILINEAR:
                return vector(g, op, 4);
            case SOFTMAX:
                return vector(g, op, 3);
            case ADD:
            case SUB:
            case MUL:
            case CONCATENATION:
            case SPLIT:
            case PAD:
            case LOGISTIC:
            case TANH:
            case RELU:
            case RELU6:
            case HARD_SWISH:
            case RESIZE_NEAREST_NEIGHBOR:
            case ARG_MAX:
            case STRIDED_SLICE:
            case QUANTIZE:
            case DEQUANTIZE:
            case CUSTOM:
            case BATCH_NORM:
            case OPAQUE:
                return vector(g, op, 1);
        }
        throw new AssertionError(op.kind());
    }

    private static VectorWorkload vector(Graph g, Op op, int opsPerElement) {
        long out = Math.max(1, OpMetrics.outputElements(g, op));
        return new VectorWorkload(out, opsPerElement, OpMetrics.inputActivationBytes(g, op), OpMetrics.outputActivationBytes(g, op));
    }
}
