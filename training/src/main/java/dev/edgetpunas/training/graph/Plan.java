package dev.edgetpunas.training.graph;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.training.kernels.Activation;
import dev.edgetpunas.training.kernels.BatchNorm;
import dev.edgetpunas.training.kernels.Conv2d;
import dev.edgetpunas.training.kernels.Conv2dSpec;
import dev.edgetpunas.training.kernels.Elementwise;
import dev.edgetpunas.training.kernels.FullyConnected;
import dev.edgetpunas.training.kernels.Mean;
import dev.edgetpunas.training.kernels.Pad;
import dev.edgetpunas.training.kernels.Padding;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.kernels.Pool2d;
import dev.edgetpunas.training.kernels.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The executor of a {@link GraphModel} for one batch size: a buffer per activation tensor (values and,
 * once a backward pass runs, gradients), and one node per op holding its kernel plans. Not thread-safe.
 *
 * <p>Gradients: ops run backward in reverse graph order. The first op to give a tensor a gradient
 * writes it directly into the tensor's gradient buffer; later ones write into a scratch buffer that is
 * then added, so a tensor read by several ops (a residual input, swish's {@code x}) sums its gradients
 * in a fixed order. Parameters read by one op get their gradient written directly; shared ones are
 * zeroed first and summed the same way.
 */
final class Plan {
    final GraphModel model;
    final Graph graph;
    final int batch;
    final int[][] shape;
    final float[][] value;
    float[][] grad;
    float[][] scratch;
    boolean[] gradSet;
    boolean[] needGrad;
    final Node[] nodes;

    Plan(GraphModel model, int batch) {
        this.model = model;
        this.graph = model.graph();
        this.batch = batch;
        int n = graph.tensors().size();
        shape = new int[n][];
        value = new float[n][];
        for (int t = 0; t < n; t++) {
            var tensor = graph.tensor(t);
            if (tensor.constant() || !model.isActivation(t)) continue;
            int[] s = tensor.shape().toArray();
            s[0] = batch;
            shape[t] = s;
            value[t] = new float[Shapes.size(s)];
        }
        nodes = new Node[graph.opCount()];
        for (int i = 0; i < nodes.length; i++) {
            try {
                nodes[i] = node(i, graph.op(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("graph '" + graph.name() + "': op " + i + " (" + graph.op(i).opName() + " -> '"
                        + graph.tensor(graph.op(i).output()).name() + "'): " + e.getMessage(), e);
            }
        }
    }

    // ---- forward / backward ------------------------------------------------------------------

    void forward(Parallel par, boolean training) {
        for (Node node : nodes) node.forward(par, training);
    }

    /** Backward from {@code dLogits}; {@code inputGradient}: also give the graph inputs gradients. */
    void backward(Parallel par, int logits, float[] dLogits, boolean inputGradient) {
        int n = graph.tensors().size();
        if (grad == null) {
            grad = new float[n][];
            scratch = new float[n][];
            gradSet = new boolean[n];
            needGrad = new boolean[n];
        }
        Arrays.fill(gradSet, false);
        for (int t = 0; t < n; t++) needGrad[t] = value[t] != null && (inputGradient || !graph.inputs().contains(t));
        model.zeroSharedParamGrads();
        float[] g = gradBuffer(logits);
        System.arraycopy(dLogits, 0, g, 0, value[logits].length);
        gradSet[logits] = true;
        for (int i = nodes.length - 1; i >= 0; i--) {
            Op op = graph.op(i);
            boolean any = false;
            for (int t : op.outputs()) any |= gradSet[t];
            if (any) {
                for (int t : op.outputs()) {
                    if (!gradSet[t]) {
                        Arrays.fill(gradBuffer(t), 0f);
                        gradSet[t] = true;
                    }
                }
                nodes[i].backward(par);
            } else {
                nodes[i].skip();
            }
        }
    }

    float[] gradBuffer(int t) {
        if (grad[t] == null) grad[t] = new float[value[t].length];
        return grad[t];
    }

    /** Where an op writes the gradient of its input {@code t}: null if none is needed. */
    float[] gradTarget(int t) {
        if (t < 0 || !needGrad[t]) return null;
        if (!gradSet[t]) {
            gradSet[t] = true;
            return gradBuffer(t);
        }
        if (scratch[t] == null) scratch[t] = new float[value[t].length];
        return scratch[t];
    }

    /** Adds a gradient written into the scratch buffer of {@code t} (no-op for a direct write). */
    void gradDone(int t, float[] target) {
        if (target == null || target == grad[t]) return;
        float[] g = grad[t];
        for (int i = 0; i < g.length; i++) g[i] += target[i];
    }

    float[] out(Op op) {
        return value[op.output()];
    }

    float[] dOut(Op op) {
        return grad[op.output()];
    }

    // ---- nodes --------------------------------------------------------------------------------

    interface Node {
        void forward(Parallel par, boolean training);

        void backward(Parallel par);

        /** Called instead of backward when no gradient reaches the op's outputs. */
        default void skip() {
        }
    }

    private Node node(int i, Op op) {
        switch (op.kind()) {
            case CONV_2D:
            case DEPTHWISE_CONV_2D:
                return new ConvNode(op);
            case FULLY_CONNECTED:
                return new FcNode((Op.FullyConnected) op);
            case BATCH_NORM:
                return new BnNode((Op.BatchNorm) op);
            case RELU:
                return new ActNode(op, Activation.RELU);
            case RELU6:
                return new ActNode(op, Activation.RELU6);
            case LOGISTIC:
                return new ActNode(op, Activation.LOGISTIC);
            case TANH:
                return new ActNode(op, Activation.TANH);
            case HARD_SWISH:
                return new ActNode(op, Activation.HARD_SWISH);
            case ADD:
            case SUB:
            case MUL:
                return new BinaryNode(op);
            case AVERAGE_POOL_2D:
            case MAX_POOL_2D:
                return new PoolNode(op);
            case MEAN:
                return new MeanNode((Op.Mean) op);
            case PAD:
                return new PadNode((Op.Pad) op);
            case RESHAPE:
            case SQUEEZE:
                return new ReshapeNode(op);
            case CONCATENATION:
                return new ConcatNode((Op.Concatenation) op);
            case SOFTMAX:
                return new SoftmaxNode((Op.Softmax) op);
            case TRANSPOSE_CONV:
            case SPLIT:
            case RESIZE_BILINEAR:
            case RESIZE_NEAREST_NEIGHBOR:
            case ARG_MAX:
            case STRIDED_SLICE:
            case UNIDIRECTIONAL_SEQUENCE_LSTM:
            case QUANTIZE:
            case DEQUANTIZE:
            case CUSTOM:
            case OPAQUE:
                throw new IllegalArgumentException("the float executor does not run " + op.opName()
                        + " (it runs CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, BATCH_NORM, activations, ADD/SUB/MUL, pools, MEAN, PAD,"
                        + " RESHAPE, SQUEEZE, CONCATENATION, SOFTMAX)");
        }
        throw new AssertionError(op.kind());
    }

    private int[] shapeOf(int t) {
        if (shape[t] == null) throw new IllegalArgumentException("tensor " + t + " ('" + graph.tensor(t).name() + "') is not an activation");
        return shape[t];
    }

    private static Padding padding(dev.edgetpunas.compiler.graph.Padding p) {
        return p == dev.edgetpunas.compiler.graph.Padding.SAME ? Padding.SAME : Padding.VALID;
    }

    private static Activation fused(dev.edgetpunas.compiler.graph.Activation a) {
        switch (a) {
            case NONE: return Activation.NONE;
            case RELU: return Activation.RELU;
            case RELU6: return Activation.RELU6;
            case TANH: return Activation.TANH;
            case RELU_N1_TO_1:
            case SIGN_BIT:
                throw new IllegalArgumentException("fused activation " + a + " is not supported by the float executor");
        }
        throw new AssertionError(a);
    }

    private void requireShape(Op op, int[] computed) {
        if (!Arrays.equals(computed, shapeOf(op.output()))) {
            throw new IllegalArgumentException("kernel output shape " + Arrays.toString(computed) + " differs from the graph's "
                    + Arrays.toString(shapeOf(op.output())));
        }
    }

    /**
     * The part shared by ops with a fused activation: the kernel writes {@code pre}, the activation
     * {@code out}; backward turns {@code dOut} into {@code dPre}.
     */
    private abstract class Fused implements Node {
        final Op op;
        final Activation act;
        float[] pre;
        float[] dPre;

        Fused(Op op) {
            this.op = op;
            this.act = fused(op.fusedActivation());
        }

        float[] kernelOut() {
            if (act == Activation.NONE) return out(op);
            if (pre == null) pre = new float[out(op).length];
            return pre;
        }

        void activate(Parallel par) {
            if (act != Activation.NONE) act.forward(par, pre, out(op), pre.length);
        }

        float[] kernelDOut(Parallel par) {
            if (act == Activation.NONE) return dOut(op);
            if (dPre == null) dPre = new float[pre.length];
            act.backward(par, pre, dOut(op), dPre, pre.length);
            return dPre;
        }
    }

    private final class ConvNode extends Fused {
        final int in;
        final int w;
        final int b;
        final boolean depthwise;
        final Conv2d conv;
        final int kh;
        final int kw;
        final int channels;
        float[] filterK;
        float[] dFilterK;

        ConvNode(Op op) {
            super(op);
            in = op.dataInput();
            int[] is = shapeOf(in);
            int[] ws = graph.tensor(op.inputs().get(1)).shape().toArray();
            w = op.inputs().get(1);
            b = op.inputs().size() > 2 ? op.inputs().get(2) : -1;
            model.requireFloatConstant(w, "filter");
            if (b >= 0) model.requireFloatConstant(b, "bias");
            if (ws.length != 4) throw new IllegalArgumentException("filter must have rank 4, but was " + Arrays.toString(ws));
            kh = ws[1];
            kw = ws[2];
            Conv2dSpec spec;
            int[] fk;
            if (op.kind() == OpKind.DEPTHWISE_CONV_2D) {
                Op.DepthwiseConv2D d = (Op.DepthwiseConv2D) op;
                depthwise = true;
                channels = is[3];
                if (ws[0] != 1 || ws[3] != channels * d.depthMultiplier()) {
                    throw new IllegalArgumentException("depthwise filter " + Arrays.toString(ws) + " must be [1, KH, KW, " + channels + " * "
                            + d.depthMultiplier() + "]");
                }
                spec = new Conv2dSpec(kh, kw, d.strideH(), d.strideW(), d.dilationH(), d.dilationW(), padding(d.padding()), channels);
                fk = new int[] {ws[3], kh, kw, 1};
            } else {
                Op.Conv2D c = (Op.Conv2D) op;
                depthwise = false;
                channels = ws[3];
                if (is[3] % ws[3] != 0) {
                    throw new IllegalArgumentException("input channels " + is[3] + " must be a multiple of the filter depth " + ws[3]);
                }
                spec = new Conv2dSpec(kh, kw, c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), padding(c.padding()), is[3] / ws[3]);
                fk = ws;
            }
            conv = Conv2d.plan(spec, is, fk);
            requireShape(op, conv.outputShape());
        }

        private float[] filter() {
            float[] f = model.constantValue(w);
            if (!depthwise) return f;
            if (filterK == null) filterK = new float[f.length];
            // TFLite [1, KH, KW, C*m] -> kernel [C*m, KH, KW, 1]
            return Conv2d.depthwiseFilterFromTflite(f, kh, kw, f.length / (kh * kw), filterK);
        }

        @Override
        public void forward(Parallel par, boolean training) {
            conv.forward(par, value[in], filter(), b < 0 ? null : model.constantValue(b), kernelOut());
            activate(par);
        }

        @Override
        public void backward(Parallel par) {
            float[] dy = kernelDOut(par);
            float[] dIn = gradTarget(in);
            float[] dF;
            if (depthwise) {
                if (dFilterK == null) dFilterK = new float[model.constantValue(w).length];
                dF = dFilterK;
            } else {
                dF = model.paramGradTarget(w);
            }
            float[] dB = b < 0 ? null : model.paramGradTarget(b);
            conv.backward(par, value[in], filter(), dy, dIn, dF, dB);
            if (depthwise) {
                float[] t = model.paramGradTarget(w);
                model.paramGradDone(w, Conv2d.depthwiseFilterToTflite(dFilterK, kh, kw, t.length / (kh * kw), t));
            } else {
                model.paramGradDone(w, dF);
            }
            if (b >= 0) model.paramGradDone(b, dB);
            gradDone(in, dIn);
        }

        @Override
        public void skip() {
            model.zeroParamGrad(w);
            if (b >= 0) model.zeroParamGrad(b);
        }
    }

    private final class FcNode extends Fused {
        final int in;
        final int w;
        final int b;
        final FullyConnected fc;

        FcNode(Op.FullyConnected op) {
            super(op);
            in = op.dataInput();
            w = op.weights();
            b = op.bias();
            model.requireFloatConstant(w, "weights");
            if (b >= 0) model.requireFloatConstant(b, "bias");
            int[] ws = graph.tensor(w).shape().toArray();
            if (ws.length != 2) throw new IllegalArgumentException("weights must be [out, in], but were " + Arrays.toString(ws));
            int size = value[in].length;
            if (size % ws[1] != 0) throw new IllegalArgumentException("input of " + size + " values is not rows of " + ws[1]);
            int rows = size / ws[1];
            fc = FullyConnected.plan(rows, ws[1], ws[0]);
            if (rows * ws[0] != out(op).length) {
                throw new IllegalArgumentException("output " + Arrays.toString(shapeOf(op.output())) + " does not hold " + rows + " x " + ws[0]);
            }
        }

        @Override
        public void forward(Parallel par, boolean training) {
            fc.forward(par, value[in], model.constantValue(w), b < 0 ? null : model.constantValue(b), kernelOut());
            activate(par);
        }

        @Override
        public void backward(Parallel par) {
            float[] dy = kernelDOut(par);
            float[] dIn = gradTarget(in);
            float[] dW = model.paramGradTarget(w);
            float[] dB = b < 0 ? null : model.paramGradTarget(b);
            fc.backward(par, value[in], model.constantValue(w), dy, dIn, dW, dB);
            model.paramGradDone(w, dW);
            if (b >= 0) model.paramGradDone(b, dB);
            gradDone(in, dIn);
        }

        @Override
        public void skip() {
            model.zeroParamGrad(w);
            if (b >= 0) model.zeroParamGrad(b);
        }
    }

    private final class BnNode implements Node {
        final Op.BatchNorm op;
        final int in;
        final int gamma;
        final int beta;
        final int mean;
        final int var;
        final BatchNorm bn;
        boolean lastTraining;

        BnNode(Op.BatchNorm op) {
            this.op = op;
            in = op.dataInput();
            gamma = op.inputs().get(1);
            beta = op.inputs().get(2);
            mean = op.inputs().get(3);
            var = op.inputs().get(4);
            for (int t : new int[] {gamma, beta, mean, var}) model.requireFloatConstant(t, "batch-norm parameter");
            bn = BatchNorm.plan(shapeOf(in));
        }

        @Override
        public void forward(Parallel par, boolean training) {
            float[] g = model.constantValue(gamma), bt = model.constantValue(beta);
            if (training) {
                bn.forwardTraining(par, value[in], g, bt, model.constantValue(mean), model.constantValue(var), model.bnMomentum(),
                        op.epsilon(), out(op));
            } else {
                bn.forwardInference(par, value[in], g, bt, model.constantValue(mean), model.constantValue(var), op.epsilon(), out(op));
            }
            lastTraining = training;
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            float[] dx = dIn != null ? dIn : scratchFor(in);
            float[] dG = model.paramGradTarget(gamma);
            float[] dB = model.paramGradTarget(beta);
            if (lastTraining) {
                bn.backwardTraining(par, value[in], model.constantValue(gamma), dOut(op), dx, dG, dB);
            } else {
                bn.backwardInference(par, value[in], model.constantValue(gamma), model.constantValue(mean), model.constantValue(var),
                        op.epsilon(), dOut(op), dx, dG, dB);
            }
            model.paramGradDone(gamma, dG);
            model.paramGradDone(beta, dB);
            gradDone(in, dIn);
        }

        @Override
        public void skip() {
            model.zeroParamGrad(gamma);
            model.zeroParamGrad(beta);
        }
    }

    /** A throw-away buffer of tensor {@code t}'s size (for kernels that always write an input gradient). */
    private float[] scratchFor(int t) {
        if (scratch == null) scratch = new float[graph.tensors().size()][];
        if (scratch[t] == null) scratch[t] = new float[value[t].length];
        return scratch[t];
    }

    private final class ActNode implements Node {
        final Op op;
        final Activation act;
        final int in;

        ActNode(Op op, Activation act) {
            this.op = op;
            this.act = act;
            this.in = op.dataInput();
            shapeOf(in);
        }

        @Override
        public void forward(Parallel par, boolean training) {
            act.forward(par, value[in], out(op), value[in].length);
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            act.backward(par, value[in], dOut(op), dIn, value[in].length);
            gradDone(in, dIn);
        }
    }

    private final class BinaryNode extends Fused {
        final int a;
        final int b;
        final int[] aShape;
        final int[] bShape;
        float[] negB;

        BinaryNode(Op op) {
            super(op);
            a = op.inputs().get(0);
            b = op.inputs().get(1);
            int[] os = shapeOf(op.output());
            aShape = operandShape(a, os.length);
            bShape = operandShape(b, os.length);
            requireShape(op, Elementwise.broadcastShape(aShape, bShape));
        }

        private int[] operandShape(int t, int rank) {
            int[] s;
            if (graph.tensor(t).constant()) {
                model.requireFloatConstant(t, "operand");
                s = graph.tensor(t).shape().toArray();
            } else {
                s = shapeOf(t);
            }
            if (s.length > rank) throw new IllegalArgumentException("operand rank " + s.length + " exceeds the output's " + rank);
            int[] p = new int[rank];
            Arrays.fill(p, 1);
            System.arraycopy(s, 0, p, rank - s.length, s.length);
            return p;
        }

        private float[] data(int t) {
            return graph.tensor(t).constant() ? model.constantValue(t) : value[t];
        }

        @Override
        public void forward(Parallel par, boolean training) {
            switch (op.kind()) {
                case ADD:
                    Elementwise.add(par, aShape, data(a), bShape, data(b), kernelOut());
                    break;
                case MUL:
                    Elementwise.mul(par, aShape, data(a), bShape, data(b), kernelOut());
                    break;
                default: {
                    float[] v = data(b);
                    if (negB == null) negB = new float[v.length];
                    for (int i = 0; i < v.length; i++) negB[i] = -v[i];
                    Elementwise.add(par, aShape, data(a), bShape, negB, kernelOut());
                }
            }
            activate(par);
        }

        @Override
        public void backward(Parallel par) {
            float[] dy = kernelDOut(par);
            boolean ca = graph.tensor(a).constant(), cb = graph.tensor(b).constant();
            float[] dA = ca ? null : gradTarget(a);
            float[] dB = cb ? null : gradTarget(b);
            if (dA == null && dB == null) return;
            if (op.kind() == OpKind.MUL) {
                Elementwise.mulBackward(par, aShape, data(a), bShape, data(b), dy, dA, dB);
            } else {
                Elementwise.addBackward(par, aShape, bShape, dy, dA, dB);
                if (op.kind() == OpKind.SUB && dB != null) for (int i = 0; i < dB.length; i++) dB[i] = -dB[i];
            }
            if (dA != null) gradDone(a, dA);
            if (dB != null) gradDone(b, dB);
        }
    }

    private final class PoolNode extends Fused {
        final int in;
        final Pool2d pool;

        PoolNode(Op op) {
            super(op);
            in = op.dataInput();
            Pool2d.Kind kind;
            Conv2dSpec spec;
            if (op.kind() == OpKind.AVERAGE_POOL_2D) {
                Op.AveragePool2D p = (Op.AveragePool2D) op;
                kind = Pool2d.Kind.AVERAGE;
                spec = new Conv2dSpec(p.filterH(), p.filterW(), p.strideH(), p.strideW(), 1, 1, padding(p.padding()), 1);
            } else {
                Op.MaxPool2D p = (Op.MaxPool2D) op;
                kind = Pool2d.Kind.MAX;
                spec = new Conv2dSpec(p.filterH(), p.filterW(), p.strideH(), p.strideW(), 1, 1, padding(p.padding()), 1);
            }
            pool = Pool2d.plan(kind, spec, shapeOf(in));
            requireShape(op, pool.outputShape());
        }

        @Override
        public void forward(Parallel par, boolean training) {
            pool.forward(par, value[in], kernelOut());
            activate(par);
        }

        @Override
        public void backward(Parallel par) {
            float[] dy = kernelDOut(par);
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            pool.backward(par, value[in], dy, dIn);
            gradDone(in, dIn);
        }
    }

    private final class MeanNode implements Node {
        final Op op;
        final int in;
        final int[] inShape;

        MeanNode(Op.Mean op) {
            this.op = op;
            in = op.dataInput();
            inShape = shapeOf(in);
            Set<Integer> axes = new HashSet<>();
            for (int a : op.axes()) axes.add(a < 0 ? a + inShape.length : a);
            if (inShape.length != 4 || !axes.equals(Set.of(1, 2))) {
                throw new IllegalArgumentException("MEAN is supported over axes [1, 2] of a rank-4 tensor, but axes were " + op.axes()
                        + " of " + Arrays.toString(inShape));
            }
            if (out(op).length != inShape[0] * inShape[3]) throw new IllegalArgumentException("MEAN output has the wrong size");
        }

        @Override
        public void forward(Parallel par, boolean training) {
            Mean.forward(par, inShape, value[in], out(op));
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            Mean.backward(par, inShape, dOut(op), dIn);
            gradDone(in, dIn);
        }
    }

    private final class PadNode implements Node {
        final Op op;
        final int in;
        final int[] inShape;
        final int top;
        final int bottom;
        final int left;
        final int right;

        PadNode(Op.Pad op) {
            this.op = op;
            in = op.dataInput();
            inShape = shapeOf(in);
            List<Integer> p = op.paddings();
            if (inShape.length != 4 || p.size() != 8 || p.get(0) != 0 || p.get(1) != 0 || p.get(6) != 0 || p.get(7) != 0) {
                throw new IllegalArgumentException("PAD is supported over height and width of a rank-4 tensor, but paddings were " + p);
            }
            top = p.get(2);
            bottom = p.get(3);
            left = p.get(4);
            right = p.get(5);
            requireShape(op, Pad.outputShape(inShape, top, bottom, left, right));
        }

        @Override
        public void forward(Parallel par, boolean training) {
            Pad.forward(par, inShape, value[in], top, bottom, left, right, out(op));
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            Pad.backward(par, inShape, dOut(op), top, bottom, left, right, dIn);
            gradDone(in, dIn);
        }
    }

    private final class ReshapeNode implements Node {
        final Op op;
        final int in;

        ReshapeNode(Op op) {
            this.op = op;
            in = op.dataInput();
            shapeOf(in);
            if (value[in].length != out(op).length) {
                throw new IllegalArgumentException(Arrays.toString(shapeOf(in)) + " cannot become " + Arrays.toString(shapeOf(op.output()))
                        + " per sample (the batch dimension must stay first)");
            }
        }

        @Override
        public void forward(Parallel par, boolean training) {
            System.arraycopy(value[in], 0, out(op), 0, value[in].length);
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            System.arraycopy(dOut(op), 0, dIn, 0, dIn.length);
            gradDone(in, dIn);
        }
    }

    private final class ConcatNode implements Node {
        final Op op;
        final List<Integer> ins;
        final int outer;
        final int[] inner;
        final int total;

        ConcatNode(Op.Concatenation op) {
            this.op = op;
            fused(op.activation());
            if (op.activation() != dev.edgetpunas.compiler.graph.Activation.NONE) {
                throw new IllegalArgumentException("CONCATENATION with a fused activation is not supported");
            }
            int[] os = shapeOf(op.output());
            int axis = op.axis() < 0 ? op.axis() + os.length : op.axis();
            if (axis < 1 || axis >= os.length) throw new IllegalArgumentException("concatenation axis " + op.axis() + " must not be the batch axis");
            ins = new ArrayList<>(op.inputs());
            int o = 1;
            for (int d = 0; d < axis; d++) o *= os[d];
            outer = o;
            inner = new int[ins.size()];
            int sum = 0;
            for (int k = 0; k < ins.size(); k++) {
                int t = ins.get(k);
                if (graph.tensor(t).constant()) throw new IllegalArgumentException("constant CONCATENATION inputs are not supported");
                inner[k] = value[t].length / outer;
                sum += inner[k];
            }
            total = sum;
            if (total * outer != out(op).length) throw new IllegalArgumentException("CONCATENATION inputs do not fill the output");
        }

        @Override
        public void forward(Parallel par, boolean training) {
            float[] y = out(op);
            par.forEach(outer, 16, o -> {
                int at = o * total;
                for (int k = 0; k < inner.length; k++) {
                    System.arraycopy(value[ins.get(k)], o * inner[k], y, at, inner[k]);
                    at += inner[k];
                }
            });
        }

        @Override
        public void backward(Parallel par) {
            float[] dy = dOut(op);
            int at = 0;
            for (int k = 0; k < inner.length; k++) {
                int t = ins.get(k);
                float[] dIn = gradTarget(t);
                if (dIn != null) {
                    final int off = at;
                    final int len = inner[k];
                    par.forEach(outer, 16, o -> System.arraycopy(dy, o * total + off, dIn, o * len, len));
                    gradDone(t, dIn);
                }
                at += inner[k];
            }
        }
    }

    private final class SoftmaxNode implements Node {
        final Op.Softmax op;
        final int in;
        final int classes;
        final int rows;

        SoftmaxNode(Op.Softmax op) {
            this.op = op;
            in = op.dataInput();
            int[] s = shapeOf(in);
            classes = s[s.length - 1];
            rows = value[in].length / classes;
        }

        @Override
        public void forward(Parallel par, boolean training) {
            float[] x = value[in], y = out(op);
            float beta = op.beta();
            for (int r = 0; r < rows; r++) {
                int o = r * classes;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) max = Math.max(max, x[o + k]);
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += Math.exp((double) beta * (x[o + k] - max));
                for (int k = 0; k < classes; k++) y[o + k] = (float) (Math.exp((double) beta * (x[o + k] - max)) / sum);
            }
        }

        @Override
        public void backward(Parallel par) {
            float[] dIn = gradTarget(in);
            if (dIn == null) return;
            float[] y = out(op), dy = dOut(op);
            for (int r = 0; r < rows; r++) {
                int o = r * classes;
                double dot = 0;
                for (int k = 0; k < classes; k++) dot += (double) dy[o + k] * y[o + k];
                for (int k = 0; k < classes; k++) dIn[o + k] = (float) (op.beta() * y[o + k] * (dy[o + k] - dot));
            }
            gradDone(in, dIn);
        }
    }
}
