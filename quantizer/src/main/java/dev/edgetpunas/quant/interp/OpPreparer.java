package dev.edgetpunas.quant.interp;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.interp.Interpreter.Step;
import dev.edgetpunas.quant.kernels.Add;
import dev.edgetpunas.quant.kernels.ArgMax;
import dev.edgetpunas.quant.kernels.Concatenation;
import dev.edgetpunas.quant.kernels.Conv2D;
import dev.edgetpunas.quant.kernels.DepthwiseConv2D;
import dev.edgetpunas.quant.kernels.FullyConnected;
import dev.edgetpunas.quant.kernels.Mean;
import dev.edgetpunas.quant.kernels.Mul;
import dev.edgetpunas.quant.kernels.Pad;
import dev.edgetpunas.quant.kernels.Padding;
import dev.edgetpunas.quant.kernels.Pool2D;
import dev.edgetpunas.quant.kernels.QTensor;
import dev.edgetpunas.quant.kernels.Quantize;
import dev.edgetpunas.quant.kernels.Resize;
import dev.edgetpunas.quant.kernels.Softmax;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;

/** Prepares one op of a graph into an interpreter {@link Step} (TFLite's Prepare); package-private. */
final class OpPreparer {
    private final Graph graph;
    private final Object[] constants;
    private int opIndex;
    private Op op;

    OpPreparer(Graph graph) {
        this.graph = graph;
        this.constants = new Object[graph.tensors().size()];
        for (int t = 0; t < constants.length; t++) {
            Tensor x = graph.tensor(t);
            if (x.constant() && x.data().isPresent()) constants[t] = Interpreter.constantData(x, x.data().get());
        }
    }

    Object[] constants() {
        return constants;
    }

    /** A zero-filled array for a tensor (variables). */
    static Object allocate(Tensor t) {
        int n = (int) t.elements();
        return switch (t.dtype()) {
            case INT8, UINT8 -> new byte[n];
            case FLOAT32 -> new float[n];
            default -> new long[n];
        };
    }

    Step prepare(int i) {
        opIndex = i;
        op = graph.op(i);
        try {
            return doPrepare();
        } catch (UnsupportedOpException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("op " + i + " (" + Interpreter.describe(op) + "): " + e.getMessage(), e);
        }
    }

    private Step doPrepare() {
        switch (op.kind()) {
            case CONV_2D: {
                Op.Conv2D c = (Op.Conv2D) op;
                int in = c.dataInput(), out = c.output();
                Conv2D k = Conv2D.prepare(new Conv2D.Options(padding(c.padding()), c.strideH(), c.strideW(), c.dilationH(), c.dilationW(),
                        fused(c.activation())), q(in), q(c.filter()), weights(c.filter()), bias(c.bias()), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o, p);
                    s[out] = o;
                };
            }
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D c = (Op.DepthwiseConv2D) op;
                int in = c.dataInput(), out = c.output();
                DepthwiseConv2D k = DepthwiseConv2D.prepare(new DepthwiseConv2D.Options(padding(c.padding()), c.strideH(), c.strideW(),
                        c.depthMultiplier(), c.dilationH(), c.dilationW(), fused(c.activation())), q(in), q(c.filter()), weights(c.filter()),
                        bias(c.bias()), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o, p);
                    s[out] = o;
                };
            }
            case FULLY_CONNECTED: {
                Op.FullyConnected f = (Op.FullyConnected) op;
                int in = f.dataInput(), out = f.output();
                FullyConnected k = FullyConnected.prepare(fused(f.activation()), q(in), q(f.weights()), weights(f.weights()), bias(f.bias()), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o, p);
                    s[out] = o;
                };
            }
            case ADD: {
                int a = op.inputs().get(0), b = op.inputs().get(1), out = op.output();
                requireData(a);
                requireData(b);
                Add k = Add.prepare(fused(op.fusedActivation()), q(a), q(b), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[a], (byte[]) s[b], o);
                    s[out] = o;
                };
            }
            case MUL: {
                int a = op.inputs().get(0), b = op.inputs().get(1), out = op.output();
                requireData(a);
                requireData(b);
                Mul k = Mul.prepare(fused(op.fusedActivation()), q(a), q(b), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[a], (byte[]) s[b], o);
                    s[out] = o;
                };
            }
            case AVERAGE_POOL_2D:
            case MAX_POOL_2D: {
                Pool2D.Kind kind;
                Pool2D.Options options;
                if (op instanceof Op.AveragePool2D a) {
                    kind = Pool2D.Kind.AVERAGE;
                    options = new Pool2D.Options(padding(a.padding()), a.strideH(), a.strideW(), a.filterH(), a.filterW(), fused(a.activation()));
                } else {
                    Op.MaxPool2D m = (Op.MaxPool2D) op;
                    kind = Pool2D.Kind.MAX;
                    options = new Pool2D.Options(padding(m.padding()), m.strideH(), m.strideW(), m.filterH(), m.filterW(), fused(m.activation()));
                }
                int in = op.dataInput(), out = op.output();
                Pool2D k = Pool2D.prepare(kind, options, q(in), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o, p);
                    s[out] = o;
                };
            }
            case MEAN: {
                Op.Mean m = (Op.Mean) op;
                int in = m.dataInput(), out = m.output();
                Mean k = Mean.prepare(m.axes().stream().mapToInt(Integer::intValue).toArray(), m.keepDims(), q(in), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o);
                    s[out] = o;
                };
            }
            case CONCATENATION: {
                Op.Concatenation c = (Op.Concatenation) op;
                if (c.activation() != Activation.NONE) {
                    throw unsupported("CONCATENATION with a fused " + c.activation() + " is not supported by the integer interpreter");
                }
                int[] ins = c.inputs().stream().mapToInt(Integer::intValue).toArray();
                QTensor[] qs = new QTensor[ins.length];
                for (int j = 0; j < ins.length; j++) {
                    requireData(ins[j]);
                    qs[j] = q(ins[j]);
                }
                int out = c.output();
                Concatenation k = Concatenation.prepare(c.axis(), qs, q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[][] data = new byte[ins.length][];
                    for (int j = 0; j < ins.length; j++) data[j] = (byte[]) s[ins[j]];
                    byte[] o = new byte[size];
                    k.run(data, o);
                    s[out] = o;
                };
            }
            case RESHAPE:
            case SQUEEZE: {
                int in = op.dataInput(), out = op.output();
                requireData(in);
                Tensor ti = graph.tensor(in), to = graph.tensor(out);
                if (ti.dtype() != to.dtype()) {
                    throw new IllegalArgumentException("input type " + ti.dtype() + " and output type " + to.dtype() + " must match");
                }
                if (!Interpreter.supportedValueType(ti.dtype())) throw unsupported(op.opName() + " of " + ti.dtype() + " tensors is not supported by the integer interpreter");
                if (ti.elements() != to.elements()) {
                    throw new IllegalArgumentException("input " + ti.shape() + " and output " + to.shape() + " must have as many elements");
                }
                // the same bytes under the output's shape (TFLite copies them; nothing writes in place here)
                return (s, p) -> s[out] = s[in];
            }
            case PAD: {
                Op.Pad pad = (Op.Pad) op;
                int in = pad.dataInput(), out = pad.output();
                int rank = graph.tensor(in).shape().rank();
                if (pad.paddings().size() != 2 * rank) {
                    throw new IllegalArgumentException("paddings must hold 2 values per dimension (" + 2 * rank + "), but had " + pad.paddings().size());
                }
                int[][] paddings = new int[rank][];
                for (int d = 0; d < rank; d++) paddings[d] = new int[] {pad.before(d), pad.after(d)};
                Pad k = Pad.prepare(paddings, q(in), q(out));
                int size = size(out);
                return (s, p) -> {
                    byte[] o = new byte[size];
                    k.run((byte[]) s[in], o);
                    s[out] = o;
                };
            }
            case SOFTMAX: {
                Op.Softmax sm = (Op.Softmax) op;
                int in = sm.dataInput(), out = sm.output();
                Softmax k = Softmax.prepare(sm.beta(), q(in), q(out));
                return unary(in, out, k::run);
            }
            case LOGISTIC:
            case TANH: {
                int in = op.dataInput(), out = op.output();
                var kind = op.kind() == OpKind.LOGISTIC
                        ? dev.edgetpunas.quant.kernels.Activation.Kind.LOGISTIC : dev.edgetpunas.quant.kernels.Activation.Kind.TANH;
                var k = dev.edgetpunas.quant.kernels.Activation.prepare(kind, q(in), q(out));
                return unary(in, out, k::run);
            }
            case RELU:
            case RELU6: {
                int in = op.dataInput(), out = op.output();
                QTensor qi = q(in), qo = q(out);
                ReluX k = new ReluX(op.kind() == OpKind.RELU ? FusedActivation.RELU : FusedActivation.RELU6, qi, qo);
                return unary(in, out, k::run);
            }
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR: {
                boolean align, half;
                Resize.Method method;
                if (op instanceof Op.ResizeBilinear r) {
                    align = r.alignCorners();
                    half = r.halfPixelCenters();
                    method = Resize.Method.BILINEAR;
                } else {
                    Op.ResizeNearestNeighbor r = (Op.ResizeNearestNeighbor) op;
                    align = r.alignCorners();
                    half = r.halfPixelCenters();
                    method = Resize.Method.NEAREST_NEIGHBOR;
                }
                int in = op.dataInput(), out = op.output();
                Resize k = Resize.prepare(method, align, half, q(in), q(out));
                return unary(in, out, k::run);
            }
            case ARG_MAX: {
                Op.ArgMax a = (Op.ArgMax) op;
                int in = a.dataInput(), out = a.output();
                QTensor qi = q(in);
                DType outType = graph.tensor(out).dtype();
                if (outType != DType.INT32 && outType != DType.INT64) {
                    throw new IllegalArgumentException("output must be INT32 or INT64, but was " + outType);
                }
                int[] shape = qi.shape();
                int axis = a.axis();
                int size = size(out);
                QType type = qi.type();
                return (s, p) -> {
                    int[] idx = new int[size];
                    ArgMax.run(type, shape, axis, (byte[]) s[in], idx);
                    long[] o = new long[size];
                    for (int j = 0; j < size; j++) o[j] = idx[j];
                    s[out] = o;
                };
            }
            case QUANTIZE: {
                int in = op.dataInput(), out = op.output();
                Tensor ti = graph.tensor(in);
                QTensor qo = q(out);
                PerTensor po = qo.perTensor();
                QType to = qo.type();
                int size = size(out);
                if (ti.dtype() == DType.FLOAT32) {
                    if (ti.elements() != size) throw new IllegalArgumentException("input " + ti.shape() + " and output shapes must match");
                    return (s, p) -> {
                        byte[] o = new byte[size];
                        Quantize.fromFloat((float[]) s[in], po, to, o);
                        s[out] = o;
                    };
                }
                Quantize.Requantize k = Quantize.requantize(q(in), qo);
                return unary(in, out, k::run);
            }
            case DEQUANTIZE: {
                int in = op.dataInput(), out = op.output();
                QTensor qi = q(in);
                Tensor to = graph.tensor(out);
                if (to.dtype() != DType.FLOAT32) throw new IllegalArgumentException("output must be FLOAT32, but was " + to.dtype());
                PerTensor pi = qi.perTensor();
                QType ti = qi.type();
                int size = size(out);
                if (qi.size() != size) throw new IllegalArgumentException("input and output shapes must match");
                return (s, p) -> {
                    float[] o = new float[size];
                    Quantize.dequantize((byte[]) s[in], ti, pi, o);
                    s[out] = o;
                };
            }
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
                throw unsupported("LSTM is not supported by the integer interpreter");
            case CUSTOM: {
                Op.Custom c = (Op.Custom) op;
                if (c.isEdgeTpuOp()) {
                    throw unsupported("a compiled Edge TPU subgraph is not supported by the integer interpreter; pass the CPU model "
                            + "(the .tflite file before edgetpu_compiler)");
                }
                throw unsupported("custom ops are not supported by the integer interpreter");
            }
            case SPLIT: {
                Op.Split sp = (Op.Split) op;
                int in = sp.dataInput();
                QTensor qi = q(in);
                int rank = qi.rank();
                int axis = sp.axis() < 0 ? sp.axis() + rank : sp.axis();
                if (axis < 0 || axis >= rank) throw new IllegalArgumentException("axis must be in [" + (-rank) + ", " + rank + "), but was " + sp.axis());
                int n = sp.outputs().size();
                if (qi.dim(axis) % n != 0) throw new IllegalArgumentException("dimension " + axis + " (" + qi.dim(axis) + ") does not split into " + n + " equal parts");
                int outer = 1, inner = 1;
                for (int d = 0; d < axis; d++) outer *= qi.dim(d);
                for (int d = axis + 1; d < rank; d++) inner *= qi.dim(d);
                int part = qi.dim(axis) / n * inner;
                int[] outs = sp.outputs().stream().mapToInt(Integer::intValue).toArray();
                for (int o : outs) {
                    QTensor qo = q(o);
                    if (qo.type() != qi.type() || qo.size() != outer * part) {
                        throw new IllegalArgumentException("output '" + graph.tensor(o).name() + "' must be " + qi.type() + " with " + outer * part + " elements");
                    }
                }
                int o = outer;
                // TFLite's Split copies raw values; the outputs share the input's parameters
                return (s, p) -> {
                    byte[] x = (byte[]) s[in];
                    for (int j = 0; j < outs.length; j++) {
                        byte[] y = new byte[o * part];
                        for (int b = 0; b < o; b++) System.arraycopy(x, (b * outs.length + j) * part, y, b * part, part);
                        s[outs[j]] = y;
                    }
                };
            }
            case SUB:
            case STRIDED_SLICE:
            case TRANSPOSE_CONV:
            case HARD_SWISH:
            case OPAQUE:
                throw unsupported(op.opName() + " is not supported by the integer interpreter");
            case BATCH_NORM:
                throw unsupported("BATCH_NORM is a training-only op; fold it first (FoldBatchNorm) and quantize the graph");
        }
        throw new AssertionError(op.kind());
    }

    private interface UnaryKernel {
        void run(byte[] in, byte[] out);
    }

    private Step unary(int in, int out, UnaryKernel k) {
        int size = size(out);
        return (s, p) -> {
            byte[] o = new byte[size];
            k.run((byte[]) s[in], o);
            s[out] = o;
        };
    }

    private UnsupportedOpException unsupported(String reason) {
        return new UnsupportedOpException(opIndex, Interpreter.describe(op), reason);
    }

    /** The kernel's description of an 8-bit tensor; a float or unquantized tensor is unsupported. */
    private QTensor q(int t) {
        Tensor x = graph.tensor(t);
        if (!x.dtype().isQuantized8()) {
            throw unsupported("tensor '" + x.name() + "' is " + x.dtype() + "; the integer interpreter runs int8/uint8 ops "
                    + "(float only through QUANTIZE/DEQUANTIZE at the edges)");
        }
        QuantParams params = TensorValue.params(x).orElseThrow(() -> new IllegalArgumentException(
                "tensor '" + x.name() + "' is " + x.dtype() + " but has no quantization parameters"));
        int[] shape = x.shape().toArray();
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("tensor '" + x.name() + "' has an empty shape " + x.shape());
        }
        return QTensor.of(TensorValue.qtype(x.dtype()), shape, params);
    }

    private int size(int t) {
        return (int) graph.tensor(t).elements();
    }

    private void requireData(int t) {
        Tensor x = graph.tensor(t);
        if (x.constant() && x.data().isEmpty()) {
            throw new IllegalArgumentException("constant tensor '" + x.name() + "' has no data (a zoo graph for compiling, not a trained model)");
        }
    }

    private byte[] weights(int t) {
        requireData(t);
        Tensor x = graph.tensor(t);
        if (!x.constant()) throw unsupported("weights '" + x.name() + "' are not constant; the integer interpreter needs constant weights");
        return (byte[]) constants[t];
    }

    private int[] bias(int t) {
        if (t < 0) return null;
        requireData(t);
        Tensor x = graph.tensor(t);
        if (!x.constant()) throw unsupported("bias '" + x.name() + "' is not constant; the integer interpreter needs a constant bias");
        if (x.dtype() != DType.INT32) {
            throw unsupported("bias '" + x.name() + "' is " + x.dtype() + "; int8/uint8 kernels take an INT32 bias");
        }
        long[] v = (long[]) constants[t];
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (int) v[i];
        return b;
    }

    private static Padding padding(dev.edgetpunas.compiler.graph.Padding p) {
        return p == dev.edgetpunas.compiler.graph.Padding.SAME ? Padding.SAME : Padding.VALID;
    }

    private FusedActivation fused(Activation a) {
        return switch (a) {
            case NONE -> FusedActivation.NONE;
            case RELU -> FusedActivation.RELU;
            case RELU6 -> FusedActivation.RELU6;
            case RELU_N1_TO_1 -> FusedActivation.RELU_N1_TO_1;
            case TANH, SIGN_BIT -> throw unsupported("a fused " + a + " activation is not supported by the integer kernels");
        };
    }

    /**
     * Stand-alone RELU and RELU6 on 8-bit tensors as TFLite's {@code QuantizedReluX}: Prepare takes
     * {@code QuantizeMultiplier(s_in / s_out)} (float quotient); per element
     * {@code clamp(zp_out + MultiplyByQuantizedMultiplier(q - zp_in, m, s), act_min, act_max)} with the
     * activation range of the output [M: recalled from activations.cc, not re-read].
     */
    static final class ReluX {
        private final QType inType, outType;
        private final int zpIn, zpOut, actMin, actMax, multiplier, shift;

        ReluX(FusedActivation act, QTensor input, QTensor output) {
            if (!java.util.Arrays.equals(input.shape(), output.shape())) {
                throw new IllegalArgumentException("input and output shapes must match");
            }
            if (input.type() != output.type()) {
                throw new IllegalArgumentException("input type " + input.type() + " and output type " + output.type() + " must match");
            }
            PerTensor pi = input.perTensor(), po = output.perTensor();
            if (!(po.scale() > 0f)) throw new IllegalArgumentException("output scale must be > 0, but was " + po.scale());
            inType = input.type();
            outType = output.type();
            zpIn = pi.zeroPoint();
            zpOut = po.zeroPoint();
            QuantizedMultiplier m = QuantizedMultiplier.of((double) (pi.scale() / po.scale()));
            multiplier = m.multiplier();
            shift = m.shift();
            int[] r = act.range(outType, po);
            actMin = r[0];
            actMax = r[1];
        }

        void run(byte[] in, byte[] out) {
            for (int i = 0; i < in.length; i++) {
                int v = zpOut + FixedPoint.multiplyByQuantizedMultiplier(inType.load(in[i]) - zpIn, multiplier, shift);
                out[i] = outType.store(v < actMin ? actMin : (v > actMax ? actMax : v));
            }
        }
    }
}
