package dev.edgetpunas.training.graph;

import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import dev.edgetpunas.training.kernels.BatchNorm;
import dev.edgetpunas.training.kernels.Parallel;
import dev.edgetpunas.training.nn.Layer;
import dev.edgetpunas.training.nn.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A float32 model defined by a {@link Graph}: the graph executor. It runs the graph forward (training
 * mode: batch statistics in BATCH_NORM, running averages updated; inference mode: running averages)
 * and backward for any batch size, on the kernels of {@code training.kernels}, so results are
 * bit-identical for any thread count. The graph's batch dimension (1) becomes N. It is a {@link Layer}
 * (input {@code [N, H, W, C]}, output the logits {@code [N, classes]}), so {@code Trainer} trains it
 * with the existing optimizer.
 *
 * <p>Parameters: the weights and biases of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED and BATCH_NORM's
 * gamma and beta are trainable {@link Param}s (weights decay, the rest not), in the graph's layouts
 * (OHWI, {@code [1, KH, KW, C*m]}, {@code [out, in]}). BATCH_NORM's moving mean and variance are state,
 * updated in training mode. Other float constants (a MUL by a constant) are fixed. A constant that
 * carries data keeps it; one without data is initialised: weights He-normal with fan-in
 * ({@code KH*KW*Cin/groups}, {@code KH*KW} for depthwise, {@code in} for dense), drawn in parameter
 * order from the given generator; biases and beta 0, gamma 1, moving mean 0, moving variance 1.
 *
 * <p>The logits are graph output 0, or the input of the SOFTMAX that produces it. Ops: CONV_2D (groups),
 * DEPTHWISE_CONV_2D (multiplier, dilation), FULLY_CONNECTED, BATCH_NORM, RELU, RELU6, LOGISTIC, TANH,
 * HARD_SWISH, ADD, SUB, MUL (broadcasting), AVERAGE/MAX_POOL_2D, MEAN over H and W, PAD over H and W,
 * RESHAPE, SQUEEZE, CONCATENATION, SOFTMAX; fused RELU/RELU6/TANH activations. Not thread-safe.
 *
 * <pre>{@code
 * GraphModel m = GraphModel.initialise(EfficientNet.build(spec, 1), RandomGeneratorFactory.of("L64X128MixRandom").create(7));
 * Trainer.train(m, data.train(), data.test(), TrainConfig.defaults(), par, TrainListener.NONE);
 * Graph trained = m.toGraph();              // training graph with data (BN kept)
 * Graph deploy = m.inferenceGraph();        // BN folded, what SavedModel writes
 * }</pre>
 */
public final class GraphModel implements Layer {
    /** Plans kept (one per batch size seen: training, evaluation, a last partial batch). */
    private static final int MAX_PLANS = 3;

    private final Graph graph;
    private final float bnMomentum;
    private final float[][] constants;
    private final Param[] paramOf;
    private final List<Param> params;
    private final int[] uses;
    private final int logits;
    private final Map<Integer, Plan> plans = new LinkedHashMap<>();
    private Plan last;

    private GraphModel(Graph graph, RandomGenerator init, float bnMomentum) {
        if (!(bnMomentum >= 0f && bnMomentum < 1f)) throw new IllegalArgumentException("bnMomentum must be in [0, 1), but was " + bnMomentum);
        this.graph = graph;
        this.bnMomentum = bnMomentum;
        int n = graph.tensors().size();
        constants = new float[n][];
        paramOf = new Param[n];
        uses = new int[n];
        for (int t : graph.inputs()) {
            Tensor x = graph.tensor(t);
            if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException("graph '" + graph.name() + "': input '" + x.name() + "' must be FLOAT32, but was " + x.dtype());
        }
        if (graph.inputs().isEmpty() || graph.outputs().isEmpty()) throw new IllegalArgumentException("graph '" + graph.name() + "' needs an input and an output");
        for (int t = 0; t < n; t++) {
            Tensor x = graph.tensor(t);
            if (x.constant() || x.variable()) continue;
            if (x.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("graph '" + graph.name() + "': tensor '" + x.name() + "' is " + x.dtype()
                        + "; the float executor runs FLOAT32 graphs (quantize with the quantizer instead)");
            }
            if (x.shape().rank() < 1 || x.shape().dim(0) != 1) {
                throw new IllegalArgumentException("graph '" + graph.name() + "': tensor '" + x.name() + "' has shape " + x.shape()
                        + "; activations must have a leading batch dimension of 1");
            }
        }
        List<Param> ps = new ArrayList<>();
        for (Op op : graph.ops()) {
            List<Integer> in = op.inputs();
            switch (op.kind()) {
                case CONV_2D:
                case DEPTHWISE_CONV_2D:
                case FULLY_CONNECTED:
                    param(in.get(1), true, ps);
                    if (in.size() > 2 && in.get(2) >= 0) param(in.get(2), false, ps);
                    break;
                case BATCH_NORM:
                    param(in.get(1), false, ps);
                    param(in.get(2), false, ps);
                    break;
                default:
                    break;
            }
        }
        params = List.copyOf(ps);
        // values: data where present, otherwise initialised, parameters in order, then state
        for (Op op : graph.ops()) {
            for (int p = 0; p < op.inputs().size(); p++) {
                int t = op.inputs().get(p);
                if (t < 0 || !graph.tensor(t).constant() || graph.tensor(t).dtype() != DType.FLOAT32) continue;
                if (paramOf[t] != null) uses[t]++;
                if (constants[t] != null) continue;
                constants[t] = paramOf[t] != null ? paramOf[t].value() : new float[(int) graph.tensor(t).elements()];
                initialise(op, p, t, init);
            }
        }
        int out = graph.outputs().get(0);
        int producer = graph.producer(out);
        logits = producer >= 0 && graph.op(producer).kind() == OpKind.SOFTMAX ? graph.op(producer).dataInput() : out;
        last = plan(1);
    }

    /**
     * A model of {@code graph} whose constants without data are initialised from {@code init}; BN
     * running averages use {@link BatchNorm#MOMENTUM}.
     */
    public static GraphModel initialise(Graph graph, RandomGenerator init) {
        return new GraphModel(graph, init, BatchNorm.MOMENTUM);
    }

    /** As {@link #initialise(Graph, RandomGenerator)} with another batch-norm momentum (Keras sense). */
    public static GraphModel initialise(Graph graph, RandomGenerator init, float bnMomentum) {
        return new GraphModel(graph, init, bnMomentum);
    }

    /** A model of a graph whose float constants all carry data (a trained or loaded model). */
    public static GraphModel of(Graph graph) {
        return new GraphModel(graph, null, BatchNorm.MOMENTUM);
    }

    private void param(int t, boolean decay, List<Param> ps) {
        if (t < 0 || paramOf[t] != null) return;
        Tensor x = graph.tensor(t);
        if (!x.constant() || x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': parameter '" + x.name() + "' must be a FLOAT32 constant, but was "
                    + (x.constant() ? x.dtype() : "an activation"));
        }
        paramOf[t] = new Param(x.name(), x.shape().rank() == 0 ? new int[] {1} : x.shape().toArray(), decay);
        ps.add(paramOf[t]);
    }

    private void initialise(Op op, int position, int t, RandomGenerator init) {
        Tensor x = graph.tensor(t);
        float[] v = constants[t];
        if (x.data().isPresent()) {
            float[] d = x.data().get().floats();
            System.arraycopy(d, 0, v, 0, d.length);
            return;
        }
        if (init == null) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': constant '" + x.name() + "' has no data (a trained model carries its weights)");
        }
        int[] s = x.shape().toArray();
        switch (op.kind()) {
            case CONV_2D:
                if (position == 1) heNormal(v, s[1] * s[2] * s[3], init);
                return;
            case DEPTHWISE_CONV_2D:
                if (position == 1) heNormal(v, s[1] * s[2], init);
                return;
            case FULLY_CONNECTED:
                if (position == 1) heNormal(v, s[1], init);
                return;
            case BATCH_NORM:
                if (position == 1 || position == 4) Arrays.fill(v, 1f);
                return;
            default:
                throw new IllegalArgumentException("graph '" + graph.name() + "': constant '" + x.name() + "' of " + op.opName()
                        + " has no data, and only weights, biases and batch-norm parameters are initialised");
        }
    }

    private static void heNormal(float[] w, int fanIn, RandomGenerator rng) {
        double std = Math.sqrt(2.0 / Math.max(1, fanIn));
        for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextGaussian() * std);
    }

    // ---- package API for Plan ------------------------------------------------------------------

    boolean isActivation(int t) {
        Tensor x = graph.tensor(t);
        return !x.constant() && !x.variable() && x.dtype() == DType.FLOAT32;
    }

    void requireFloatConstant(int t, String what) {
        Tensor x = graph.tensor(t);
        if (!x.constant() || x.dtype() != DType.FLOAT32 || constants[t] == null) {
            throw new IllegalArgumentException(what + " '" + x.name() + "' must be a FLOAT32 constant");
        }
    }

    float[] constantValue(int t) {
        return constants[t];
    }

    float bnMomentum() {
        return bnMomentum;
    }

    float[] paramGradTarget(int t) {
        Param p = paramOf[t];
        if (uses[t] <= 1) return p.grad();
        return new float[p.size()];
    }

    void paramGradDone(int t, float[] target) {
        Param p = paramOf[t];
        if (target == p.grad()) return;
        float[] g = p.grad();
        for (int i = 0; i < g.length; i++) g[i] += target[i];
    }

    void zeroParamGrad(int t) {
        if (uses[t] <= 1) Arrays.fill(paramOf[t].grad(), 0f);
    }

    void zeroSharedParamGrads() {
        for (int t = 0; t < paramOf.length; t++) if (paramOf[t] != null && uses[t] > 1) Arrays.fill(paramOf[t].grad(), 0f);
    }

    private Plan plan(int batch) {
        Plan p = plans.remove(batch);
        if (p == null) p = new Plan(this, batch);
        plans.put(batch, p);
        if (plans.size() > MAX_PLANS) {
            Iterator<Integer> it = plans.keySet().iterator();
            it.next();
            it.remove();
        }
        return p;
    }

    // ---- public API ------------------------------------------------------------------------------

    /** The graph this model runs (constants as given; {@link #toGraph()} has the current values). */
    public Graph graph() {
        return graph;
    }

    /** The tensor index trained against (graph output 0, or the input of its SOFTMAX). */
    public int logitsTensor() {
        return logits;
    }

    /** Input shape of one sample, {@code [H, W, C]} (graph input 0 without its batch dimension). */
    public int[] sampleShape() {
        int[] s = graph.tensor(graph.inputs().get(0)).shape().toArray();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** Number of logits per sample. */
    public int classes() {
        return (int) graph.tensor(logits).elements();
    }

    /** Trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] in = graph.tensor(graph.inputs().get(0)).shape().toArray();
        if (inputShape.length != in.length || !Arrays.equals(Arrays.copyOfRange(inputShape, 1, in.length), Arrays.copyOfRange(in, 1, in.length))) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' takes inputs " + Arrays.toString(in) + " (any batch), but got "
                    + Arrays.toString(inputShape));
        }
        int[] o = graph.tensor(logits).shape().toArray();
        o[0] = inputShape[0];
        return o;
    }

    @Override
    public dev.edgetpunas.training.nn.Tensor forward(dev.edgetpunas.training.nn.Tensor x, boolean training, Parallel par) {
        int[] os = outputShape(x.shape());
        Plan p = plan(x.batch());
        int in = graph.inputs().get(0);
        System.arraycopy(x.data(), 0, p.value[in], 0, p.value[in].length);
        p.forward(par, training);
        last = p;
        return new dev.edgetpunas.training.nn.Tensor(os, p.value[logits]);
    }

    @Override
    public dev.edgetpunas.training.nn.Tensor backward(dev.edgetpunas.training.nn.Tensor dy, boolean needInputGradient, Parallel par) {
        Plan p = last;
        if (dy.size() != p.value[logits].length) {
            throw new IllegalArgumentException("logit gradient has " + dy.size() + " values, but the last forward produced " + p.value[logits].length);
        }
        p.backward(par, logits, dy.data(), needInputGradient);
        if (!needInputGradient) return null;
        int in = graph.inputs().get(0);
        return new dev.edgetpunas.training.nn.Tensor(p.shape[in], p.grad[in]);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public long macs(int[] inputShape) {
        return graph.macs() * inputShape[0];
    }

    @Override
    public String describe() {
        return "Graph[" + graph.name() + ", " + graph.opCount() + " ops]";
    }

    /**
     * Runs every input of {@code inputs} (one array per graph input, {@code batch} samples each, NHWC)
     * in inference mode and returns the values of every FLOAT32 activation by tensor index (copies;
     * null for constants). The fused activations are applied.
     */
    public float[][] inferAll(Parallel par, List<float[]> inputs, int batch) {
        if (inputs.size() != graph.inputs().size()) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' takes " + graph.inputs().size() + " input(s), but got " + inputs.size());
        }
        Plan p = plan(batch);
        for (int i = 0; i < inputs.size(); i++) {
            int t = graph.inputs().get(i);
            float[] v = inputs.get(i);
            if (v.length != p.value[t].length) {
                throw new IllegalArgumentException("input " + i + " must hold " + p.value[t].length + " values (" + Arrays.toString(p.shape[t])
                        + "), but had " + v.length);
            }
            System.arraycopy(v, 0, p.value[t], 0, v.length);
        }
        p.forward(par, false);
        float[][] out = new float[p.value.length][];
        for (int t = 0; t < out.length; t++) if (p.value[t] != null) out[t] = p.value[t].clone();
        return out;
    }

    /** The logits of {@code batch} samples in inference mode (a copy). */
    public float[] predict(Parallel par, float[] input, int batch) {
        Plan p = plan(batch);
        int in = graph.inputs().get(0);
        if (input.length < p.value[in].length) throw new IllegalArgumentException("input must hold " + p.value[in].length + " values, but had " + input.length);
        System.arraycopy(input, 0, p.value[in], 0, p.value[in].length);
        p.forward(par, false);
        return p.value[logits].clone();
    }

    /** The training graph with the current parameter and BN state values as data (BN kept). */
    public Graph toGraph() {
        List<Tensor> ts = new ArrayList<>(graph.tensors());
        for (int t = 0; t < ts.size(); t++) {
            if (constants[t] != null) ts.set(t, ts.get(t).withData(Bytes.ofFloats(constants[t])));
        }
        return new Graph(graph.name(), ts, graph.ops(), graph.inputs(), graph.outputs());
    }

    /** {@link #toGraph()} with batch norm folded and ReLUs fused ({@link FoldBatchNorm}): the float model to deploy. */
    public Graph inferenceGraph() {
        return FoldBatchNorm.apply(toGraph());
    }
}
