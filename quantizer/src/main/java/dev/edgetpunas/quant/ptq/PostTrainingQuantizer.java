package dev.edgetpunas.quant.ptq;

import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import dev.edgetpunas.quant.params.Calibration;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;
import dev.edgetpunas.quant.params.WeightQuantizer;
import dev.edgetpunas.quant.params.WeightQuantizer.QuantizedWeights;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * TFLite-style full-integer post-training quantization of a float graph with constant data:
 * <ol>
 *   <li>BN folding and ReLU fusion ({@link FoldBatchNorm}); the structure and tensor types are those of
 *       {@link Deploy} (the deployed graph compile and simulate see), filled here with real parameters;</li>
 *   <li>calibration: the folded float graph runs on every calibration sample through a
 *       {@link FloatForward}; each activation's range is its min/max (or, with
 *       {@link PtqOptions.Calibration#PERCENTILE}, the {@code 100-p} and {@code p} percentiles, read from
 *       a histogram in a second pass);</li>
 *   <li>activations: int8 per tensor, {@code scale = (max - min) / 255} over the range widened to contain
 *       0 ({@link Calibration#fromMinMax}); LOGISTIC and SOFTMAX outputs get (1/256, -128) and TANH
 *       (1/128, 0) as the spec fixes them; tensors TFLite requires to share parameters (input and output
 *       of pools, RESHAPE, SQUEEZE, PAD, RESIZE_*, SPLIT, all inputs and the output of CONCATENATION) get
 *       the union of their ranges;</li>
 *   <li>weights: symmetric int8 in [-127, 127], per output channel for CONV_2D (axis 0) and
 *       DEPTHWISE_CONV_2D (axis 3), per tensor for FULLY_CONNECTED; biases int32 with scale
 *       {@code input_scale * weight_scale[c]}; other float constants int8 per tensor from their data's
 *       range;</li>
 *   <li>optionally a QUANTIZE op in front of each input and a DEQUANTIZE op after each 8-bit output.</li>
 * </ol>
 * Edge cases: an activation whose range is [0, 0] gets scale 1/255 and zero point -128 (0 stays exact; see {@link Calibration}); a
 * weight channel of all zeros keeps zero weights but takes the largest scale of its tensor (1 if the
 * whole tensor is zero) instead of TFLite's 0, so its bias keeps its value (a scale of 0 would make the
 * bias scale 0 and drop it). The requantization multipliers are computed by the kernels' Prepare when
 * the interpreter runs the graph.
 *
 * <pre>{@code
 * PostTrainingQuantizer ptq = new PostTrainingQuantizer(forward);
 * QuantizedModel m = ptq.quantize(floatGraph, PostTrainingQuantizer.singleInput(images), PtqOptions.defaults());
 * QuantReport r = QuantReport.evaluate(m, forward, testSet, Parallelism.serial());
 * }</pre>
 */
public final class PostTrainingQuantizer {
    /** LOGISTIC and SOFTMAX outputs. */
    public static final PerTensor SIGMOID_SOFTMAX_PARAMS = new PerTensor(1f / 256f, -128);
    /** TANH outputs. */
    public static final PerTensor TANH_PARAMS = new PerTensor(1f / 128f, 0);

    private final FloatForward forward;

    public PostTrainingQuantizer(FloatForward forward) {
        this.forward = Objects.requireNonNull(forward, "forward");
    }

    /** Calibration samples of a single-input graph. */
    public static Iterable<List<float[]>> singleInput(Iterable<float[]> samples) {
        return () -> {
            Iterator<float[]> it = samples.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public List<float[]> next() {
                    return List.of(it.next());
                }
            };
        };
    }

    /**
     * Quantizes {@code floatGraph} (training graph with BATCH_NORM, or an inference graph) using
     * {@code calibration}: each element holds one sample's graph inputs, row-major. The iterable is
     * walked once, twice for percentile calibration.
     */
    public QuantizedModel quantize(Graph floatGraph, Iterable<List<float[]>> calibration, PtqOptions options) {
        return quantize(floatGraph, calibration, options, n -> { });
    }

    /** As {@link #quantize(Graph, Iterable, PtqOptions)}, reporting the number of forward passes done to {@code progress}. */
    public QuantizedModel quantize(Graph floatGraph, Iterable<List<float[]>> calibration, PtqOptions options, IntConsumer progress) {
        Graph folded = FoldBatchNorm.apply(floatGraph);
        checkQuantizable(folded);
        int n = folded.tensors().size();
        boolean[] tracked = new boolean[n];
        for (int t = 0; t < n; t++) tracked[t] = isActivation(folded.tensor(t));
        RangeCollector ranges = new RangeCollector(tracked);
        FloatForward.Runner runner = forward.prepare(folded);
        int samples = 0, passes = 0;
        for (List<float[]> s : calibration) {
            float[][] v = runChecked(folded, runner, s, samples);
            for (int t = 0; t < n; t++) if (tracked[t]) ranges.observeMinMax(t, v[t]);
            samples++;
            progress.accept(++passes);
        }
        if (samples == 0) throw new IllegalArgumentException("the calibration set is empty");
        float[] lo = new float[n], hi = new float[n];
        for (int t = 0; t < n; t++) {
            if (tracked[t]) {
                lo[t] = ranges.min(t);
                hi[t] = ranges.max(t);
            }
        }
        if (options.calibration() == PtqOptions.Calibration.PERCENTILE) {
            int second = 0;
            for (List<float[]> s : calibration) {
                float[][] v = runChecked(folded, runner, s, second++);
                for (int t = 0; t < n; t++) if (tracked[t]) ranges.observeHistogram(t, v[t], options.histogramBins());
                progress.accept(++passes);
            }
            if (second != samples) throw new IllegalArgumentException("the calibration set gave " + second + " samples on the second pass, but " + samples + " on the first");
            double q = options.percentile() / 100.0;
            for (int t = 0; t < n; t++) {
                if (tracked[t]) {
                    lo[t] = ranges.quantile(t, 1 - q);
                    hi[t] = ranges.quantile(t, q);
                }
            }
        }
        return fromRanges(folded, lo, hi, options, samples);
    }

    private static float[][] runChecked(Graph g, FloatForward.Runner runner, List<float[]> sample, int index) {
        if (sample.size() != g.inputs().size()) {
            throw new IllegalArgumentException("calibration sample " + index + " has " + sample.size() + " input(s), but the graph takes " + g.inputs().size());
        }
        for (int i = 0; i < sample.size(); i++) {
            Tensor in = g.tensor(g.inputs().get(i));
            if (sample.get(i).length != in.elements()) {
                throw new IllegalArgumentException("calibration sample " + index + " input " + i + " has " + sample.get(i).length
                        + " values, but '" + in.name() + "' " + in.shape() + " needs " + in.elements());
            }
        }
        float[][] v = runner.run(sample);
        if (v == null || v.length != g.tensors().size()) {
            throw new IllegalStateException("the float forward pass must return one entry per tensor (" + g.tensors().size() + ")");
        }
        for (int t = 0; t < v.length; t++) {
            Tensor x = g.tensor(t);
            if (!isActivation(x)) continue;
            if (v[t] == null || v[t].length != x.elements()) {
                throw new IllegalStateException("the float forward pass gave no values (or a wrong count) for tensor " + t + " ('" + x.name() + "')");
            }
        }
        return v;
    }

    private static boolean isActivation(Tensor t) {
        return !t.constant() && t.dtype() == DType.FLOAT32;
    }

    /** Throws naming the first op that int8 post-training quantization (and the integer interpreter) cannot handle. */
    static void checkQuantizable(Graph g) {
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            switch (op.kind()) {
                case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, MUL, AVERAGE_POOL_2D, MAX_POOL_2D, MEAN, CONCATENATION, RESHAPE,
                        SQUEEZE, PAD, SOFTMAX, LOGISTIC, TANH, RELU, RELU6, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, SPLIT, ARG_MAX -> {
                    switch (op.fusedActivation()) {
                        case NONE, RELU, RELU6, RELU_N1_TO_1 -> { }
                        case TANH, SIGN_BIT -> throw new IllegalArgumentException("op " + i + " (" + op.opName() + "): a fused "
                                + op.fusedActivation() + " activation cannot be quantized");
                    }
                }
                case QUANTIZE, DEQUANTIZE -> throw new IllegalArgumentException("op " + i + " (" + op.opName()
                        + "): the graph is already (partly) quantized; post-training quantization takes a float graph");
                case SUB, TRANSPOSE_CONV, HARD_SWISH, STRIDED_SLICE, UNIDIRECTIONAL_SEQUENCE_LSTM, CUSTOM, OPAQUE, BATCH_NORM -> throw unsupported(i, op);
            }
            for (int t : op.outputs()) {
                DType d = g.tensor(t).dtype();
                if (d != DType.FLOAT32 && !(op.kind() == OpKind.ARG_MAX && (d == DType.INT32 || d == DType.INT64))) {
                    throw new IllegalArgumentException("op " + i + " (" + op.opName() + "): output '" + g.tensor(t).name() + "' is " + d
                            + "; post-training quantization takes a float graph");
                }
            }
        }
    }

    private static IllegalArgumentException unsupported(int i, Op op) {
        return new IllegalArgumentException("op " + i + " (" + op.opName() + "): post-training quantization does not support "
                + op.opName() + " (the integer interpreter has no kernel for it)");
    }

    /**
     * The quantized model for a folded float graph and activation ranges {@code lo[t], hi[t]} per
     * non-constant float tensor {@code t} (other entries ignored). The second half of
     * {@link #quantize}, also usable with ranges from elsewhere.
     */
    public static QuantizedModel fromRanges(Graph folded, float[] lo, float[] hi, PtqOptions options, int samples) {
        return new GraphQuantization(folded, lo, hi, options, samples).build();
    }

    /** The working state of one quantization. */
    private static final class GraphQuantization {
        private final Graph g;
        private final Graph deployed;
        private final float[] lo, hi;
        private final PtqOptions options;
        private final int samples;
        private final int n;
        private final List<Tensor> tensors;
        private final List<Op> ops;
        private final PerTensor[] params;
        private final TensorRange.Source[] source;
        private final List<WeightRange> weightRanges = new ArrayList<>();

        GraphQuantization(Graph folded, float[] lo, float[] hi, PtqOptions options, int samples) {
            this.g = folded;
            this.n = folded.tensors().size();
            if (lo.length != n || hi.length != n) throw new IllegalArgumentException("ranges must have one entry per tensor (" + n + ")");
            checkQuantizable(folded);
            this.deployed = Deploy.apply(folded);
            if (deployed.tensors().size() != n || deployed.opCount() != folded.opCount()) {
                throw new IllegalStateException("Deploy changed the structure of a folded graph");
            }
            for (int t = 0; t < n; t++) {
                if (!deployed.tensor(t).name().equals(folded.tensor(t).name())) throw new IllegalStateException("Deploy renumbered tensor " + t);
            }
            this.lo = lo;
            this.hi = hi;
            this.options = options;
            this.samples = samples;
            this.tensors = new ArrayList<>(deployed.tensors());
            this.ops = new ArrayList<>(deployed.ops());
            this.params = new PerTensor[n];
            this.source = new TensorRange.Source[n];
        }

        QuantizedModel build() {
            assignActivationParams();
            boolean[] done = new boolean[n];
            quantizeWeightsAndBiases(done);
            for (int t = 0; t < n; t++) {
                Tensor x = g.tensor(t);
                if (done[t] || x.dtype() != DType.FLOAT32) continue;
                if (x.constant()) {
                    float[] v = data(t);
                    PerTensor p = params[t];
                    tensors.set(t, deployed.tensor(t).withQuantization(q(p)).withData(Bytes.wrap(p.quantize(v, QType.INT8))));
                } else {
                    tensors.set(t, deployed.tensor(t).withQuantization(q(params[t])));
                }
            }
            List<TensorRange> ranges = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                if (isActivation(g.tensor(t))) ranges.add(new TensorRange(t, g.tensor(t).name(), lo[t], hi[t], params[t].scale(), params[t].zeroPoint(), source[t]));
            }
            List<Integer> inputs = new ArrayList<>(g.inputs()), outputs = new ArrayList<>(g.outputs());
            List<Op> allOps = new ArrayList<>();
            if (options.floatInput()) {
                for (int i = 0; i < inputs.size(); i++) {
                    int t = inputs.get(i);
                    Tensor q8 = tensors.get(t);
                    int f = tensors.size();
                    tensors.add(Tensor.activation(q8.name(), q8.shape(), DType.FLOAT32));
                    tensors.set(t, q8.withName(unique(q8.name() + "_int8")));
                    allOps.add(new Op.Quantize(List.of(f), List.of(t)));
                    inputs.set(i, f);
                }
            }
            allOps.addAll(ops);
            if (options.floatOutput()) {
                for (int i = 0; i < outputs.size(); i++) {
                    int t = outputs.get(i);
                    Tensor q8 = tensors.get(t);
                    if (!q8.dtype().isQuantized8()) continue;
                    int f = tensors.size();
                    tensors.add(Tensor.activation(q8.name(), q8.shape(), DType.FLOAT32));
                    tensors.set(t, q8.withName(unique(q8.name() + "_int8")));
                    allOps.add(new Op.Dequantize(List.of(t), List.of(f)));
                    outputs.set(i, f);
                }
            }
            Graph out = new Graph(g.name(), tensors, allOps, inputs, outputs);
            return new QuantizedModel(out, g, ranges, weightRanges, options, samples);
        }

        private String unique(String name) {
            String c = name;
            for (int k = 2; contains(c); k++) c = name + "_" + k;
            return c;
        }

        private boolean contains(String name) {
            for (Tensor t : tensors) if (t.name().equals(name)) return true;
            return false;
        }

        /** Union-find over tensors that must share parameters, then one parameter set per class. */
        private void assignActivationParams() {
            int[] parent = new int[n];
            for (int t = 0; t < n; t++) parent[t] = t;
            PerTensor[] fixed = new PerTensor[n];
            for (int i = 0; i < g.opCount(); i++) {
                Op op = g.op(i);
                switch (op.kind()) {
                    case AVERAGE_POOL_2D, MAX_POOL_2D, RESHAPE, SQUEEZE, PAD, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, SPLIT -> {
                        for (int o : op.outputs()) union(parent, op.dataInput(), o);
                    }
                    case CONCATENATION -> {
                        for (int in : op.inputs()) union(parent, in, op.output());
                    }
                    case LOGISTIC, SOFTMAX -> fixed[op.output()] = SIGMOID_SOFTMAX_PARAMS;
                    case TANH -> fixed[op.output()] = TANH_PARAMS;
                    default -> { }
                }
            }
            float[] classLo = new float[n], classHi = new float[n];
            java.util.Arrays.fill(classLo, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(classHi, Float.NEGATIVE_INFINITY);
            PerTensor[] classFixed = new PerTensor[n];
            String[] fixedBy = new String[n];
            int[] members = new int[n];
            for (int t = 0; t < n; t++) {
                Tensor x = g.tensor(t);
                if (x.dtype() != DType.FLOAT32 || isWeightOrBias(t)) continue;
                int r = find(parent, t);
                members[r]++;
                float tl, th;
                if (x.constant()) {
                    float[] v = data(t);
                    tl = Float.POSITIVE_INFINITY;
                    th = Float.NEGATIVE_INFINITY;
                    for (float f : v) {
                        tl = Math.min(tl, f);
                        th = Math.max(th, f);
                    }
                    if (v.length == 0) tl = th = 0f;
                } else {
                    tl = lo[t];
                    th = hi[t];
                    if (!(tl <= th) || !Float.isFinite(tl) || !Float.isFinite(th)) {
                        throw new IllegalArgumentException("tensor " + t + " ('" + x.name() + "'): range [" + tl + ", " + th + "] is not a finite interval");
                    }
                }
                classLo[r] = Math.min(classLo[r], tl);
                classHi[r] = Math.max(classHi[r], th);
                if (fixed[t] != null) {
                    if (classFixed[r] != null && !classFixed[r].equals(fixed[t])) {
                        throw new IllegalArgumentException("tensors '" + fixedBy[r] + "' and '" + x.name() + "' must share quantization parameters, "
                                + "but their ops fix them to " + classFixed[r] + " and " + fixed[t]);
                    }
                    classFixed[r] = fixed[t];
                    fixedBy[r] = x.name();
                }
            }
            for (int t = 0; t < n; t++) {
                Tensor x = g.tensor(t);
                if (x.dtype() != DType.FLOAT32 || isWeightOrBias(t)) continue;
                int r = find(parent, t);
                if (classFixed[r] != null) {
                    params[t] = classFixed[r];
                    source[t] = fixed[t] != null ? TensorRange.Source.FIXED : TensorRange.Source.SHARED;
                } else {
                    params[t] = Calibration.fromMinMax(classLo[r], classHi[r], QType.INT8);
                    source[t] = members[r] > 1 ? TensorRange.Source.SHARED : TensorRange.Source.CALIBRATED;
                }
            }
        }

        private boolean isWeightOrBias(int t) {
            for (int op : g.consumers(t)) {
                Op o = g.op(op);
                if (!isWeighted(o.kind())) continue;
                int w = o.inputs().get(1);
                int b = o.inputs().size() > 2 ? o.inputs().get(2) : -1;
                if (t == w || t == b) return true;
            }
            return false;
        }

        private static boolean isWeighted(OpKind k) {
            return k == OpKind.CONV_2D || k == OpKind.DEPTHWISE_CONV_2D || k == OpKind.FULLY_CONNECTED;
        }

        private void quantizeWeightsAndBiases(boolean[] done) {
            float[] biasInputScale = new float[n];
            QuantParams[] weightParams = new QuantParams[n];
            for (int i = 0; i < g.opCount(); i++) {
                Op op = g.op(i);
                if (!isWeighted(op.kind())) continue;
                int w = op.inputs().get(1);
                Tensor wt = g.tensor(w);
                String what = "op " + i + " (" + op.opName() + ")";
                if (!wt.constant() || wt.dtype() != DType.FLOAT32) {
                    throw new IllegalArgumentException(what + ": weights '" + wt.name() + "' must be a FLOAT32 constant, but are "
                            + (wt.constant() ? wt.dtype() : "computed"));
                }
                int axis = op.kind() == OpKind.CONV_2D ? 0 : op.kind() == OpKind.DEPTHWISE_CONV_2D ? 3 : -1;
                QuantizedWeights qw;
                if (!done[w]) {
                    float[] v = data(w);
                    qw = axis < 0 ? WeightQuantizer.symmetricPerTensor(v) : WeightQuantizer.symmetricPerChannel(v, wt.shape().toArray(), axis);
                    qw = withoutZeroScales(qw);
                    tensors.set(w, deployed.tensor(w).withQuantization(q(qw.params(), Math.max(axis, 0))).withData(Bytes.wrap(qw.data())));
                    done[w] = true;
                    weightParams[w] = qw.params();
                    weightRanges.add(weightRange(wt, op, v, qw.params()));
                }
                QuantParams wp = weightParams[w];
                int b = op.inputs().size() > 2 ? op.inputs().get(2) : -1;
                if (b < 0) continue;
                Tensor bt = g.tensor(b);
                if (!bt.constant() || bt.dtype() != DType.FLOAT32) {
                    throw new IllegalArgumentException(what + ": bias '" + bt.name() + "' must be a FLOAT32 constant");
                }
                float inScale = params[op.dataInput()].scale();
                if (done[b] && biasInputScale[b] == inScale) continue;
                int[] qb = WeightQuantizer.quantizeBias(data(b), inScale, wp);
                int channels = (int) bt.elements();
                float[] scales = new float[channels];
                for (int c = 0; c < channels; c++) scales[c] = inScale * wp.scale(wp.count() == 1 ? 0 : c);
                Tensor biasTensor = deployed.tensor(b).withQuantization(Quantization.perAxis(scales, new long[channels], 0)).withData(Bytes.ofInts(qb));
                if (!done[b]) {
                    tensors.set(b, biasTensor);
                    done[b] = true;
                    biasInputScale[b] = inScale;
                } else {
                    // a bias shared by ops with different input scales: this op gets its own copy
                    int copy = tensors.size();
                    tensors.add(biasTensor.withName(unique(bt.name() + "_op" + i)));
                    List<Integer> in = new ArrayList<>(op.inputs());
                    in.set(2, copy);
                    ops.set(i, ops.get(i).withIO(in, op.outputs()));
                }
            }
        }

        private WeightRange weightRange(Tensor wt, Op op, float[] v, QuantParams p) {
            float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                mn = Math.min(mn, f);
                mx = Math.max(mx, f);
            }
            int channels = p.count();
            int axis = p instanceof PerAxis pa ? pa.axis() : -1;
            boolean[] nonZero = new boolean[channels];
            if (axis < 0) {
                for (float f : v) if (f != 0f) nonZero[0] = true;
            } else {
                int inner = 1;
                int[] shape = wt.shape().toArray();
                for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
                for (int i = 0; i < v.length; i++) if (v[i] != 0f) nonZero[(i / inner) % channels] = true;
            }
            int zero = 0;
            float minScale = Float.POSITIVE_INFINITY, maxScale = 0f;
            for (int c = 0; c < channels; c++) {
                if (!nonZero[c]) {
                    zero++;
                    continue;
                }
                minScale = Math.min(minScale, p.scale(c));
                maxScale = Math.max(maxScale, p.scale(c));
            }
            if (zero == channels) minScale = 0f;
            return new WeightRange(wt.name(), op.opName(), channels, v.length == 0 ? 0 : mn, v.length == 0 ? 0 : mx, minScale, maxScale, zero);
        }

        private float[] data(int t) {
            Tensor x = g.tensor(t);
            return x.data().orElseThrow(() -> new IllegalArgumentException(
                    "constant tensor " + t + " ('" + x.name() + "') has no data; post-training quantization needs trained weights")).floats();
        }
    }

    /** All-zero channels (scale 0) take the tensor's largest scale, or 1 if every channel is zero. */
    static QuantizedWeights withoutZeroScales(QuantizedWeights w) {
        QuantParams p = w.params();
        float max = 0f;
        for (int c = 0; c < p.count(); c++) max = Math.max(max, p.scale(c));
        float fill = max > 0f ? max : 1f;
        if (p instanceof PerTensor pt) return pt.scale() > 0f ? w : new QuantizedWeights(w.data(), new PerTensor(fill, 0));
        PerAxis pa = (PerAxis) p;
        float[] s = pa.scales();
        boolean changed = false;
        for (int c = 0; c < s.length; c++) {
            if (s[c] == 0f) {
                s[c] = fill;
                changed = true;
            }
        }
        return changed ? new QuantizedWeights(w.data(), new PerAxis(s, pa.zeroPoints(), pa.axis())) : w;
    }

    private static Quantization q(PerTensor p) {
        return Quantization.perTensor(p.scale(), p.zeroPoint());
    }

    private static Quantization q(QuantParams p, int axis) {
        if (p instanceof PerTensor pt) return q(pt);
        PerAxis pa = (PerAxis) p;
        long[] zp = new long[pa.count()];
        for (int c = 0; c < zp.length; c++) zp[c] = pa.zeroPoint(c);
        return Quantization.perAxis(pa.scales(), zp, axis);
    }

    private static int find(int[] parent, int t) {
        while (parent[t] != t) {
            parent[t] = parent[parent[t]];
            t = parent[t];
        }
        return t;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
