package dev.edgetpunas.sim;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpMetrics;
import dev.edgetpunas.sim.profile.HostSpec;

/**
 * What an op costs on the host CPU (ops that fall back from the Edge TPU, and every op of the
 * {@code cpu-only} profile): {@code perOpOverheadUs} plus its work at the host's rate for its kind.
 * <ul>
 *   <li>CONV_2D, TRANSPOSE_CONV: MACs / {@code convMacsPerSecond};</li>
 *   <li>DEPTHWISE_CONV_2D: MACs / {@code depthwiseMacsPerSecond};</li>
 *   <li>FULLY_CONNECTED, UNIDIRECTIONAL_SEQUENCE_LSTM: MACs / {@code fullyConnectedMacsPerSecond};</li>
 *   <li>pools: output elements x window; MEAN: input elements; RESHAPE and SQUEEZE: nothing (views);
 *       other built-in ops: output elements; all at {@code elementwiseElementsPerSecond};</li>
 *   <li>CUSTOM ops (detection post-processing, unknown custom ops): {@code customOpDefaultUs}.</li>
 * </ul>
 *
 * <pre>{@code
 * double us = HostCostModel.costUs(graph, graph.op(0), profile.host());
 * }</pre>
 */
public final class HostCostModel {
    private HostCostModel() {}

    /** Host time of {@code op}, microseconds. */
    public static double costUs(Graph g, Op op, HostSpec h) {
        return h.perOpOverheadUs() + workUs(g, op, h);
    }

    /** Host time of {@code op} without the per-op overhead, microseconds. */
    public static double workUs(Graph g, Op op, HostSpec h) {
        double eps = h.elementwiseElementsPerSecond();
        switch (op.kind()) {
            case CONV_2D:
            case TRANSPOSE_CONV:
                return OpMetrics.macs(g, op) / h.convMacsPerSecond() * 1e6;
            case DEPTHWISE_CONV_2D:
                return OpMetrics.macs(g, op) / h.depthwiseMacsPerSecond() * 1e6;
            case FULLY_CONNECTED:
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
                return OpMetrics.macs(g, op) / h.fullyConnectedMacsPerSecond() * 1e6;
            case AVERAGE_POOL_2D: {
                Op.AveragePool2D p = (Op.AveragePool2D) op;
                return OpMetrics.outputElements(g, op) * (double) p.filterH() * p.filterW() / eps * 1e6;
            }
            case MAX_POOL_2D: {
                Op.MaxPool2D p = (Op.MaxPool2D) op;
                return OpMetrics.outputElements(g, op) * (double) p.filterH() * p.filterW() / eps * 1e6;
            }
            case MEAN:
                return g.tensor(op.dataInput()).elements() / eps * 1e6;
            case RESHAPE:
            case SQUEEZE:
                return 0;
            case CUSTOM:
                return h.customOpDefaultUs();
            case ADD:
            case SUB:
            case MUL:
            case CONCATENATION:
            case SPLIT:
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
            case BATCH_NORM:
            case OPAQUE:
                return OpMetrics.outputElements(g, op) / eps * 1e6;
        }
        throw new AssertionError(op.kind());
    }
}
