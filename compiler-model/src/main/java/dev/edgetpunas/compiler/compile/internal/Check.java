package dev.edgetpunas.compiler.compile.internal;

import dev.edgetpunas.compiler.compile.OpStatus;
import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One configured check of a rule file: its kind, its parameters and the status it gives.
 *
 * <pre>{@code
 * Check c = Check.of(CheckKind.MAX_INPUT_ELEMENTS).withLimit(16_000);
 * String why = c.failure(graph, op);   // null if the op passes
 * }</pre>
 *
 * @param kind what is checked
 * @param status the status when it fails
 * @param limit the limit of MAX_* checks and RESIZE_MAX_SCALE (0 when unused)
 * @param allowedTypes QUANTIZED_TYPES: the activation types allowed
 * @param allowedCodes CUSTOM_CODE: the custom codes allowed
 * @param channels MEAN_AXES: whether the channel axis may be reduced
 * @param channelMultiple MEAN_AXES: the channel count a channel reduction needs a multiple of
 * @param assumption non-empty if this check is a modelling assumption (the report says so when it decides)
 */
public record Check(CheckKind kind, OpStatus status, double limit, Set<DType> allowedTypes, List<String> allowedCodes,
        boolean channels, int channelMultiple, String assumption) {

    public Check {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        allowedTypes = allowedTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedTypes));
        allowedCodes = List.copyOf(allowedCodes);
        Objects.requireNonNull(assumption, "assumption");
        if (status == OpStatus.MAPPED) throw new IllegalArgumentException("check " + kind.id() + ": status must not be MAPPED");
        if (channelMultiple <= 0) throw new IllegalArgumentException("check " + kind.id() + ": channel_multiple must be > 0, but was " + channelMultiple);
        if (!(limit >= 0)) throw new IllegalArgumentException("check " + kind.id() + ": limit must be >= 0, but was " + limit);
    }

    /** A check of {@code kind} with its default status and no parameters. */
    public static Check of(CheckKind kind) {
        return new Check(kind, kind.defaultStatus(), 0, Set.of(DType.INT8, DType.UINT8), List.of(), false, 1, "");
    }

    public Check withLimit(double l) {
        return new Check(kind, status, l, allowedTypes, allowedCodes, channels, channelMultiple, assumption);
    }

    public Check withStatus(OpStatus s) {
        return new Check(kind, s, limit, allowedTypes, allowedCodes, channels, channelMultiple, assumption);
    }

    public Check withAllowedTypes(Set<DType> types) {
        return new Check(kind, status, limit, types, allowedCodes, channels, channelMultiple, assumption);
    }

    public Check withAllowedCodes(List<String> codes) {
        return new Check(kind, status, limit, allowedTypes, codes, channels, channelMultiple, assumption);
    }

    public Check withChannels(boolean allowed, int multiple) {
        return new Check(kind, status, limit, allowedTypes, allowedCodes, allowed, multiple, assumption);
    }

    public Check withAssumption(String text) {
        return new Check(kind, status, limit, allowedTypes, allowedCodes, channels, channelMultiple, text);
    }

    /** Null if {@code op} of {@code g} passes, else why it does not (in words, naming tensors and values). */
    public String failure(Graph g, Op op) {
        switch (kind) {
            case QUANTIZED_TYPES:
                return types(g, op);
            case MAX_NON_UNIT_DIMS:
                return nonUnitDims(g, op);
            case CONSTANT_WEIGHTS: {
                int w = weights(op);
                if (w >= 0 && !g.tensor(w).constant()) return "weights '" + g.tensor(w).name() + "' are not constant";
                return null;
            }
            case EQUAL_DILATION: {
                int[] d = dilation(op);
                if (d != null && d[0] != d[1]) return "dilation differs along height and width (" + d[0] + " x " + d[1] + ")";
                return null;
            }
            case NO_DILATION: {
                int[] d = dilation(op);
                if (d != null && (d[0] != 1 || d[1] != 1)) return "dilated (" + d[0] + " x " + d[1] + "); this compiler maps no dilation here";
                return null;
            }
            case NO_FUSED_ACTIVATION:
                if (op.fusedActivation() != Activation.NONE) return "has a fused activation (" + op.fusedActivation() + ")";
                return null;
            case ONE_DIMENSIONAL_INPUT: {
                Tensor x = g.tensor(op.dataInput());
                if (x.shape().nonUnitDims() > 1) return "input '" + x.name() + "' has shape " + x.shape() + ", not 1-D";
                return null;
            }
            case ONE_DIMENSIONAL_OUTPUT: {
                Tensor y = g.tensor(op.output());
                if (y.shape().nonUnitDims() > 1) return "output '" + y.name() + "' has shape " + y.shape() + ", not 1-D";
                return null;
            }
            case MAX_INPUT_ELEMENTS: {
                Tensor x = g.tensor(op.dataInput());
                if (x.elements() > limit) return "input '" + x.name() + "' has " + x.elements() + " elements, more than " + fmt(limit);
                return null;
            }
            case MEAN_AXES:
                return meanAxes(g, op);
            case MAX_REDUCED_ELEMENTS: {
                long n = reducedElements(g, op);
                if (n > limit) return "averages " + n + " elements into each output, more than " + fmt(limit);
                return null;
            }
            case UNIT_STRIDES:
                if (op instanceof Op.StridedSlice s) {
                    for (int st : s.strides()) if (st != 1) return "strides " + s.strides() + " are not all 1";
                }
                return null;
            case NO_BATCH_PADDING:
                if (op instanceof Op.Pad p && p.paddings().size() >= 2 && (p.before(0) != 0 || p.after(0) != 0)) {
                    return "pads the batch dimension (" + p.before(0) + ", " + p.after(0) + ")";
                }
                return null;
            case SQUEEZE_LEADING:
                return squeezeLeading(g, op);
            case ZERO_CONSTANT_PAIR:
                return zeroConstantPair(g, op);
            case RESIZE_MAX_SCALE:
                return resizeScale(g, op);
            case CONSTANT_OPERAND: {
                List<Integer> in = op.inputs();
                for (int t : in) if (t >= 0 && g.tensor(t).constant()) return null;
                StringBuilder names = new StringBuilder();
                for (int t : in) {
                    if (t < 0) continue;
                    names.append(names.length() == 0 ? "'" : ", '").append(g.tensor(t).name()).append('\'');
                }
                return op.opName() + " of two non-constant tensors (" + names + ")";
            }
            case CUSTOM_CODE:
                if (op instanceof Op.Custom c && !allowedCodes.contains(c.customCode())) {
                    return "custom op '" + c.customCode() + "' is not the Edge TPU's own";
                }
                return null;
        }
        throw new AssertionError(kind);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private String types(Graph g, Op op) {
        List<Integer> in = op.inputs();
        for (int p = 0; p < in.size(); p++) {
            int t = in.get(p);
            if (t < 0) continue;
            Tensor x = g.tensor(t);
            if (x.constant()) {
                if (!op.isParameterInput(p)) continue;
                if (x.dtype() == DType.INT32 || allowedTypes.contains(x.dtype())) continue;
                return "parameter '" + x.name() + "' is " + x.dtype() + typeList();
            }
            if (!allowedTypes.contains(x.dtype())) return "input '" + x.name() + "' is " + x.dtype() + typeList();
        }
        for (int t : op.outputs()) {
            Tensor y = g.tensor(t);
            if (!allowedTypes.contains(y.dtype())) return "output '" + y.name() + "' is " + y.dtype() + typeList();
        }
        return null;
    }

    private String typeList() {
        List<String> names = new ArrayList<>();
        for (DType d : DType.values()) if (allowedTypes.contains(d)) names.add(d.name());
        return "; the Edge TPU computes in " + String.join("/", names);
    }

    private String nonUnitDims(Graph g, Op op) {
        int keep = (int) limit;
        for (int t : op.inputs()) {
            if (t < 0 || g.tensor(t).constant()) continue;
            String why = outerDims(g.tensor(t), "input", keep);
            if (why != null) return why;
        }
        for (int t : op.outputs()) {
            String why = outerDims(g.tensor(t), "output", keep);
            if (why != null) return why;
        }
        return null;
    }

    private static String outerDims(Tensor x, String role, int keep) {
        Shape s = x.shape();
        for (int d = 0; d < s.rank() - keep; d++) {
            if (s.dim(d) > 1) {
                return role + " '" + x.name() + "' has shape " + s + ": only the " + keep + " innermost dimensions may exceed 1";
            }
        }
        return null;
    }

    private static int weights(Op op) {
        switch (op.kind()) {
            case CONV_2D:
                return ((Op.Conv2D) op).filter();
            case DEPTHWISE_CONV_2D:
                return ((Op.DepthwiseConv2D) op).filter();
            case FULLY_CONNECTED:
                return ((Op.FullyConnected) op).weights();
            case TRANSPOSE_CONV:
                return ((Op.TransposeConv) op).weights();
            default:
                return -1;
        }
    }

    private static int[] dilation(Op op) {
        if (op instanceof Op.Conv2D c) return new int[] {c.dilationH(), c.dilationW()};
        if (op instanceof Op.DepthwiseConv2D c) return new int[] {c.dilationH(), c.dilationW()};
        return null;
    }

    private static int[] reducedAxes(Graph g, Op op) {
        if (!(op instanceof Op.Mean m)) return null;
        int rank = g.tensor(op.dataInput()).shape().rank();
        int[] axes = new int[m.axes().size()];
        for (int i = 0; i < axes.length; i++) {
            int a = m.axes().get(i);
            axes[i] = a < 0 ? a + rank : a;
        }
        return axes;
    }

    private String meanAxes(Graph g, Op op) {
        int[] axes = reducedAxes(g, op);
        if (axes == null) return null;
        Shape x = g.tensor(op.dataInput()).shape();
        for (int a : axes) {
            if (a == 0 && x.rank() > 1) return "reduces the batch dimension (axes " + ((Op.Mean) op).axes() + ")";
            if (a == x.rank() - 1 && x.rank() > 1) {
                if (!channels) return "reduces the channel dimension (axes " + ((Op.Mean) op).axes() + "); this compiler reduces height and width only";
                if (x.c() % channelMultiple != 0) {
                    return "reduces " + x.c() + " channels, not a multiple of " + channelMultiple;
                }
            }
        }
        return null;
    }

    private static long reducedElements(Graph g, Op op) {
        int[] axes = reducedAxes(g, op);
        if (axes == null) return 0;
        Shape x = g.tensor(op.dataInput()).shape();
        long n = 1;
        boolean[] seen = new boolean[x.rank()];
        for (int a : axes) {
            if (a >= 0 && a < x.rank() && !seen[a]) {
                seen[a] = true;
                n *= x.dim(a);
            }
        }
        return n;
    }

    private static String squeezeLeading(Graph g, Op op) {
        if (!(op instanceof Op.Squeeze s)) return null;
        Shape x = g.tensor(op.dataInput()).shape();
        int last = -1;
        if (s.squeezeDims().isEmpty()) {
            for (int d = 0; d < x.rank(); d++) if (x.dim(d) == 1) last = d;
        } else {
            for (int d : s.squeezeDims()) last = Math.max(last, d < 0 ? d + x.rank() : d);
        }
        for (int d = 0; d < last; d++) {
            if (x.dim(d) != 1) return "removes dimension " + last + " of " + x + ", which is not a leading 1";
        }
        return null;
    }

    private static String zeroConstantPair(Graph g, Op op) {
        List<Integer> in = op.inputs();
        for (int t : in) {
            if (t < 0 || !g.tensor(t).constant()) continue;
            Tensor c = g.tensor(t);
            if (in.size() != 2) return "has a constant input ('" + c.name() + "') and " + in.size() + " inputs; only 2 are allowed then";
            if (c.data().isEmpty()) return "has a constant input ('" + c.name() + "') whose values are unknown; it must be all zeros";
            Bytes b = c.data().get();
            for (int i = 0; i < b.size(); i++) {
                if (b.get(i) != 0) return "has a constant input ('" + c.name() + "') that is not all zeros";
            }
        }
        return null;
    }

    private String resizeScale(Graph g, Op op) {
        Shape x = g.tensor(op.dataInput()).shape(), y = g.tensor(op.output()).shape();
        if (x.rank() != 4 || y.rank() != 4) return null;
        double fh = (double) y.h() / Math.max(1, x.h()), fw = (double) y.w() / Math.max(1, x.w());
        double f = Math.max(fh, fw);
        if (f > limit) {
            return String.format(Locale.ROOT, "resizes %dx%d to %dx%d (factor %.1f > %s)", x.h(), x.w(), y.h(), y.w(), f, fmt(limit));
        }
        return null;
    }
}
