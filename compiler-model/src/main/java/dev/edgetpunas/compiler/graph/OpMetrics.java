package dev.edgetpunas.compiler.graph;

import java.util.List;

/**
 * Cost figures of one op: multiply-accumulates, parameters and activation bytes.
 *
 * <pre>{@code
 * long macs = OpMetrics.macs(graph, graph.op(3));
 * long params = OpMetrics.paramCount(graph, graph.op(3));
 * }</pre>
 *
 * <p>MACs count the multiply-accumulates of convolutions, depthwise convolutions, fully connected
 * layers, transposed convolutions and LSTMs, as published model sizes do; element-wise ops, pools and
 * reductions count 0 MACs (their work is {@link #outputElements}).
 */
public final class OpMetrics {
    private OpMetrics() {}

    /** Multiply-accumulates of {@code op} in {@code g}. */
    public static long macs(Graph g, Op op) {
        switch (op.kind()) {
            case CONV_2D: {
                Shape y = g.tensor(op.output()).shape();
                Shape f = g.tensor(((Op.Conv2D) op).filter()).shape();
                return y.elements() * f.dim(1) * f.dim(2) * f.dim(3);
            }
            case DEPTHWISE_CONV_2D: {
                Shape y = g.tensor(op.output()).shape();
                Shape f = g.tensor(((Op.DepthwiseConv2D) op).filter()).shape();
                return y.elements() * f.dim(1) * f.dim(2);
            }
            case FULLY_CONNECTED: {
                Shape w = g.tensor(((Op.FullyConnected) op).weights()).shape();
                long rows = g.tensor(op.dataInput()).elements() / w.dim(1);
                return rows * w.dim(0) * w.dim(1);
            }
            case TRANSPOSE_CONV: {
                Shape w = g.tensor(((Op.TransposeConv) op).weights()).shape();
                Shape x = g.tensor(op.dataInput()).shape();
                return x.elements() * w.dim(0) * w.dim(1) * w.dim(2);
            }
            case UNIDIRECTIONAL_SEQUENCE_LSTM: {
                // input [batch, time, in] (or time-major); input-to-gate weights are inputs 1..4 [units, in],
                // recurrent weights 5..8 [units, units]
                List<Integer> in = op.inputs();
                Shape x = g.tensor(in.get(0)).shape();
                long steps = x.rank() >= 2 ? x.elements() / x.c() : 1;
                long m = 0;
                for (int p = 1; p <= 8 && p < in.size(); p++) {
                    if (in.get(p) >= 0) m += g.tensor(in.get(p)).elements();
                }
                return steps * m;
            }
            case ADD:
            case SUB:
            case MUL:
            case AVERAGE_POOL_2D:
            case MAX_POOL_2D:
            case MEAN:
            case CONCATENATION:
            case SPLIT:
            case RESHAPE:
            case SQUEEZE:
            case PAD:
            case SOFTMAX:
            case LOGISTIC:
            case TANH:
            case RELU:
            case RELU6:
            case HARD_SWISH:
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR:
            case ARG_MAX:
            case STRIDED_SLICE:
            case QUANTIZE:
            case DEQUANTIZE:
            case CUSTOM:
            case BATCH_NORM:
            case OPAQUE:
                return 0;
        }
        throw new AssertionError(op.kind());
    }

    /** Parameters of {@code op}: elements of its constant parameter inputs. */
    public static long paramCount(Graph g, Op op) {
        long n = 0;
        List<Integer> in = op.inputs();
        for (int p = 0; p < in.size(); p++) {
            int t = in.get(p);
            if (t >= 0 && g.tensor(t).constant() && op.isParameterInput(p)) n += g.tensor(t).elements();
        }
        return n;
    }

    /** Bytes of {@code op}'s parameters in their stored types. */
    public static long paramBytes(Graph g, Op op) {
        long n = 0;
        List<Integer> in = op.inputs();
        for (int p = 0; p < in.size(); p++) {
            int t = in.get(p);
            if (t >= 0 && g.tensor(t).constant() && op.isParameterInput(p)) n += g.tensor(t).bytes();
        }
        return n;
    }

    /** Bytes of the non-constant inputs of {@code op}. */
    public static long inputActivationBytes(Graph g, Op op) {
        long n = 0;
        for (int t : op.inputs()) if (t >= 0 && !g.tensor(t).constant()) n += g.tensor(t).bytes();
        return n;
    }

    /** Bytes of the outputs of {@code op}. */
    public static long outputActivationBytes(Graph g, Op op) {
        long n = 0;
        for (int t : op.outputs()) n += g.tensor(t).bytes();
        return n;
    }

    /** Elements of all outputs of {@code op}. */
    public static long outputElements(Graph g, Op op) {
        long n = 0;
        for (int t : op.outputs()) n += g.tensor(t).elements();
        return n;
    }
}
