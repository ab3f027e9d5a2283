package dev.edgetpunas.compiler.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Output shapes of ops from their input shapes, following TFLite's kernels' Prepare functions.
 *
 * <pre>{@code
 * Optional<List<Shape>> out = ShapeInference.infer(op, graph::tensor);
 * }</pre>
 *
 * <p>Ops whose output shape depends on values the IR does not hold, or on the output tensor itself
 * (RESHAPE, RESIZE_*, TRANSPOSE_CONV, STRIDED_SLICE, LSTM, CUSTOM, opaque ops), return empty from
 * {@link #infer}; {@link #check} still checks what can be checked for them (element counts, batch and
 * channels).
 */
public final class ShapeInference {
    private ShapeInference() {}

    /** The output shapes of {@code op}, or empty if they cannot be inferred from the inputs alone. */
    public static Optional<List<Shape>> infer(Op op, IntFunction<Tensor> tensor) {
        return Optional.ofNullable(inferOrNull(op, tensor));
    }

    /** Checks op {@code index} of {@code graph}; throws naming the op and the shapes if inconsistent. */
    static void check(Graph graph, int index) {
        Op op = graph.op(index);
        List<Shape> expected;
        try {
            expected = inferOrNull(op, graph::tensor);
            checkUninferred(op, graph::tensor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': op " + index + " (" + op.opName() + "): "
                    + e.getMessage(), e);
        }
        if (expected == null) return;
        List<Integer> outs = op.outputs();
        if (expected.size() != outs.size()) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': op " + index + " (" + op.opName()
                    + ") has " + outs.size() + " outputs, but shape inference gives " + expected.size());
        }
        for (int k = 0; k < outs.size(); k++) {
            Shape actual = graph.tensor(outs.get(k)).shape();
            if (!actual.equals(expected.get(k))) {
                throw new IllegalArgumentException("graph '" + graph.name() + "': op " + index + " (" + op.opName()
                        + ") output " + k + " ('" + graph.tensor(outs.get(k)).name() + "') has shape " + actual
                        + ", but inputs " + inputShapes(op, graph::tensor) + " give " + expected.get(k));
            }
        }
    }

    static String inputShapes(Op op, IntFunction<Tensor> t) {
        List<String> s = new ArrayList<>();
        for (int i : op.inputs()) s.add(i < 0 ? "-" : t.apply(i).shape().toString());
        return s.toString();
    }

    private static Shape in(Op op, IntFunction<Tensor> t, int position) {
        if (position >= op.inputs().size() || op.inputs().get(position) < 0) {
            throw new IllegalArgumentException("input " + position + " is absent, but " + op.opName() + " needs it");
        }
        return t.apply(op.inputs().get(position)).shape();
    }

    private static void rank(Shape s, int r, String what) {
        if (s.rank() != r) throw new IllegalArgumentException(what + " must have rank " + r + ", but has shape " + s);
    }

    private static List<Shape> one(Shape s) {
        return List.of(s);
    }

    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private static List<Shape> inferOrNull(Op op, IntFunction<Tensor> t) {
        switch (op.kind()) {
            case CONV_2D: {
                Op.Conv2D c = (Op.Conv2D) op;
                Shape x = in(op, t, 0), f = in(op, t, 1);
                rank(x, 4, "input");
                rank(f, 4, "filter");
                if (f.dim(3) <= 0 || x.c() % f.dim(3) != 0) {
                    throw new IllegalArgumentException("input channels " + x.c() + " are not a multiple of filter input channels "
                            + f.dim(3) + " (input " + x + ", filter " + f + ")");
                }
                checkBias(op, t, 2, f.dim(0));
                return one(Shape.of(x.dim(0), c.padding().outputSize(x.h(), f.dim(1), c.strideH(), c.dilationH()),
                        c.padding().outputSize(x.w(), f.dim(2), c.strideW(), c.dilationW()), f.dim(0)));
            }
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D c = (Op.DepthwiseConv2D) op;
                Shape x = in(op, t, 0), f = in(op, t, 1);
                rank(x, 4, "input");
                rank(f, 4, "filter");
                if (x.c() <= 0 || f.dim(3) % x.c() != 0) {
                    throw new IllegalArgumentException("depthwise filter channels " + f.dim(3)
                            + " are not a multiple of input channels " + x.c() + " (input " + x + ", filter " + f + ")");
                }
                checkBias(op, t, 2, f.dim(3));
                return one(Shape.of(x.dim(0), c.padding().outputSize(x.h(), f.dim(1), c.strideH(), c.dilationH()),
                        c.padding().outputSize(x.w(), f.dim(2), c.strideW(), c.dilationW()), f.dim(3)));
            }
            case FULLY_CONNECTED: {
                Op.FullyConnected fc = (Op.FullyConnected) op;
                Shape x = in(op, t, 0), w = in(op, t, 1);
                rank(w, 2, "weights");
                int inDim = w.dim(1);
                if (inDim == 0 || x.elements() % inDim != 0) {
                    throw new IllegalArgumentException("input " + x + " has " + x.elements()
                            + " elements, not a multiple of the weights' input size " + inDim);
                }
                checkBias(op, t, 2, w.dim(0));
                if (fc.keepNumDims()) {
                    if (x.c() != inDim) throw new IllegalArgumentException("keepNumDims needs input last dimension " + inDim + ", but input is " + x);
                    return one(x.with(-1, w.dim(0)));
                }
                return one(Shape.of((int) (x.elements() / inDim), w.dim(0)));
            }
            case ADD:
            case SUB:
            case MUL:
                return one(broadcast(in(op, t, 0), in(op, t, 1)));
            case AVERAGE_POOL_2D:
            case MAX_POOL_2D: {
                Shape x = in(op, t, 0);
                rank(x, 4, "input");
                int sh, sw, fh, fw;
                Padding p;
                if (op instanceof Op.AveragePool2D a) {
                    sh = a.strideH(); sw = a.strideW(); fh = a.filterH(); fw = a.filterW(); p = a.padding();
                } else {
                    Op.MaxPool2D m = (Op.MaxPool2D) op;
                    sh = m.strideH(); sw = m.strideW(); fh = m.filterH(); fw = m.filterW(); p = m.padding();
                }
                return one(Shape.of(x.dim(0), p.outputSize(x.h(), fh, sh, 1), p.outputSize(x.w(), fw, sw, 1), x.c()));
            }
            case MEAN: {
                Op.Mean m = (Op.Mean) op;
                Shape x = in(op, t, 0);
                boolean[] reduce = new boolean[x.rank()];
                for (int a : m.axes()) {
                    int ax = a < 0 ? a + x.rank() : a;
                    if (ax < 0 || ax >= x.rank()) throw new IllegalArgumentException("axis " + a + " out of range for " + x);
                    reduce[ax] = true;
                }
                List<Integer> dims = new ArrayList<>();
                for (int d = 0; d < x.rank(); d++) {
                    if (!reduce[d]) dims.add(x.dim(d));
                    else if (m.keepDims()) dims.add(1);
                }
                return one(Shape.of(dims));
            }
            case CONCATENATION: {
                Op.Concatenation c = (Op.Concatenation) op;
                Shape first = in(op, t, 0);
                int ax = c.axis() < 0 ? c.axis() + first.rank() : c.axis();
                if (ax < 0 || ax >= first.rank()) throw new IllegalArgumentException("axis " + c.axis() + " out of range for " + first);
                int sum = 0;
                for (int p = 0; p < op.inputs().size(); p++) {
                    Shape s = in(op, t, p);
                    if (s.rank() != first.rank()) throw new IllegalArgumentException("inputs " + inputShapes(op, t) + " differ in rank");
                    for (int d = 0; d < s.rank(); d++) {
                        if (d != ax && s.dim(d) != first.dim(d)) {
                            throw new IllegalArgumentException("inputs " + inputShapes(op, t) + " differ outside axis " + ax);
                        }
                    }
                    sum += s.dim(ax);
                }
                return one(first.with(ax, sum));
            }
            case SPLIT: {
                Op.Split s = (Op.Split) op;
                Shape x = in(op, t, 1);
                int ax = s.axis() < 0 ? s.axis() + x.rank() : s.axis();
                if (ax < 0 || ax >= x.rank()) throw new IllegalArgumentException("axis " + s.axis() + " out of range for " + x);
                if (x.dim(ax) % s.numSplits() != 0) {
                    throw new IllegalArgumentException("dimension " + ax + " of " + x + " does not split into " + s.numSplits());
                }
                Shape part = x.with(ax, x.dim(ax) / s.numSplits());
                List<Shape> outs = new ArrayList<>();
                for (int k = 0; k < s.numSplits(); k++) outs.add(part);
                return outs;
            }
            case SQUEEZE: {
                Op.Squeeze s = (Op.Squeeze) op;
                Shape x = in(op, t, 0);
                List<Integer> dims = new ArrayList<>();
                for (int d = 0; d < x.rank(); d++) {
                    boolean listed = s.squeezeDims().isEmpty() ? x.dim(d) == 1
                            : s.squeezeDims().contains(d) || s.squeezeDims().contains(d - x.rank());
                    if (listed && x.dim(d) != 1) throw new IllegalArgumentException("cannot squeeze dimension " + d + " of " + x);
                    if (!listed) dims.add(x.dim(d));
                }
                return one(Shape.of(dims));
            }
            case PAD: {
                Op.Pad p = (Op.Pad) op;
                Shape x = in(op, t, 0);
                if (p.paddings().size() != 2 * x.rank()) {
                    throw new IllegalArgumentException("paddings " + p.paddings() + " need 2 entries per dimension of " + x);
                }
                int[] d = x.toArray();
                for (int i = 0; i < d.length; i++) d[i] += p.before(i) + p.after(i);
                return one(Shape.of(d));
            }
            case ARG_MAX: {
                Op.ArgMax a = (Op.ArgMax) op;
                Shape x = in(op, t, 0);
                int ax = a.axis() < 0 ? a.axis() + x.rank() : a.axis();
                if (ax < 0 || ax >= x.rank()) throw new IllegalArgumentException("axis " + a.axis() + " out of range for " + x);
                List<Integer> dims = new ArrayList<>(x.toList());
                dims.remove(ax);
                return one(Shape.of(dims));
            }
            case BATCH_NORM: {
                Shape x = in(op, t, 0);
                for (int p = 1; p < 5; p++) {
                    Shape s = in(op, t, p);
                    if (s.elements() != x.c()) throw new IllegalArgumentException("batch-norm parameter " + p + " " + s + " must have " + x.c() + " elements");
                }
                return one(x);
            }
            case SOFTMAX:
            case LOGISTIC:
            case TANH:
            case RELU:
            case RELU6:
            case HARD_SWISH:
            case QUANTIZE:
            case DEQUANTIZE:
                return one(in(op, t, 0));
            case RESHAPE:
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR:
            case TRANSPOSE_CONV:
            case STRIDED_SLICE:
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
            case CUSTOM:
            case OPAQUE:
                return null;
        }
        throw new AssertionError(op.kind());
    }

    /** Checks for ops whose output shape comes from the output tensor. */
    private static void checkUninferred(Op op, IntFunction<Tensor> t) {
        switch (op.kind()) {
            case RESHAPE: {
                Shape x = in(op, t, 0), y = t.apply(op.output()).shape();
                if (x.elements() != y.elements()) {
                    throw new IllegalArgumentException("cannot reshape " + x + " (" + x.elements() + " elements) to " + y);
                }
                break;
            }
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR: {
                Shape x = in(op, t, 0), y = t.apply(op.output()).shape();
                if (x.rank() != 4 || y.rank() != 4 || x.dim(0) != y.dim(0) || x.c() != y.c()) {
                    throw new IllegalArgumentException("resize changes batch or channels: " + x + " -> " + y);
                }
                break;
            }
            case TRANSPOSE_CONV: {
                Shape w = in(op, t, 1), x = in(op, t, 2), y = t.apply(op.output()).shape();
                if (w.rank() != 4 || x.rank() != 4 || y.rank() != 4 || y.c() != w.dim(0) || x.c() != w.dim(3)) {
                    throw new IllegalArgumentException("transpose conv weights " + w + " do not fit input " + x + " and output " + y);
                }
                break;
            }
            default:
                break;
        }
    }

    private static void checkBias(Op op, IntFunction<Tensor> t, int position, int channels) {
        if (op.inputs().size() > position && op.inputs().get(position) >= 0) {
            Shape b = in(op, t, position);
            if (b.elements() != channels) {
                throw new IllegalArgumentException("bias " + b + " must have " + channels + " elements");
            }
        }
    }

    /** NumPy-style broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] d = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dim(i - (r - a.rank()));
            int db = i < r - b.rank() ? 1 : b.dim(i - (r - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            d[i] = da == 1 ? db : da;
        }
        return Shape.of(d);
    }
}
