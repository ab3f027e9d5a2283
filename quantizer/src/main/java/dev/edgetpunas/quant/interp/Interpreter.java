package dev.edgetpunas.quant.interp;

import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Tensor;
import dev.edgetpunas.quant.kernels.Parallelism;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Runs a quantized {@link Graph} (int8 or legacy uint8, for example one read from a real
 * {@code .tflite} file) with TFLite's reference integer kernels. {@link #prepare} does every op's
 * Prepare once (multipliers, shifts, activation ranges, packed weights); {@link #run} then executes the
 * ops in order. Covered: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, MUL, AVERAGE_POOL_2D,
 * MAX_POOL_2D, MEAN, CONCATENATION, PAD, SOFTMAX, LOGISTIC, TANH, RELU, RELU6, RESIZE_BILINEAR,
 * RESIZE_NEAREST_NEIGHBOR, ARG_MAX, SPLIT, RESHAPE and SQUEEZE (a relabelling of the same bytes), fused
 * RELU/RELU6/RELU_N1_TO_1, and QUANTIZE/DEQUANTIZE, which let a graph take float inputs or give float
 * outputs at its edges. Anything else (LSTM, custom ops such as {@code edgetpu-custom-op}, float ops)
 * fails in {@code prepare} with an {@link UnsupportedOpException} naming the op.
 *
 * <pre>{@code
 * Interpreter interp = Interpreter.prepare(TfliteReader.read(Path.of("mobilenet_v2_1.0_224_quant.tflite")));
 * TensorValue in = TensorValue.ofRaw(interp.inputTensor(0), pixels);
 * TensorValue probs = interp.run(List.of(in)).get(0);                // serial
 * try (Parallelism p = Parallelism.threads(4)) {
 *     interp.run(List.of(in), p);                                    // identical bytes for any thread count
 * }
 * }</pre>
 *
 * <p>An interpreter is immutable after {@code prepare} and may run concurrently from several threads:
 * each run allocates its own activation arrays (and drops each as soon as its last reader has run).
 */
public final class Interpreter {

    /** One prepared op: reads its inputs from the slots and stores its outputs there. */
    interface Step {
        void run(Object[] slots, Parallelism parallelism);
    }

    private final Graph graph;
    private final Step[] steps;
    private final Object[] constants; // per tensor: constant data in run form, or null
    private final int[][] freeAfter; // per op: tensors no later op or output reads

    private Interpreter(Graph graph) {
        this.graph = graph;
        for (int i = 0; i < graph.inputs().size(); i++) {
            Tensor t = graph.tensor(graph.inputs().get(i));
            if (!supportedValueType(t.dtype())) {
                throw new IllegalArgumentException("graph input " + i + " ('" + t.name() + "') is " + t.dtype()
                        + "; the integer interpreter takes INT8, UINT8, FLOAT32, INT32 or INT64 inputs");
            }
        }
        OpPreparer preparer = new OpPreparer(graph);
        steps = new Step[graph.opCount()];
        for (int i = 0; i < steps.length; i++) steps[i] = preparer.prepare(i);
        constants = preparer.constants();
        int n = graph.tensors().size();
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < graph.opCount(); i++) for (int t : graph.op(i).inputs()) if (t >= 0) lastUse[t] = i;
        for (int t : graph.outputs()) lastUse[t] = Integer.MAX_VALUE;
        List<List<Integer>> free = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) free.add(new ArrayList<>());
        for (int t = 0; t < n; t++) {
            if (lastUse[t] >= 0 && lastUse[t] < steps.length && !graph.tensor(t).constant()) free.get(lastUse[t]).add(t);
        }
        freeAfter = new int[steps.length][];
        for (int i = 0; i < steps.length; i++) freeAfter[i] = free.get(i).stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Prepares every op of {@code graph}. Throws {@link UnsupportedOpException} for an op the
     * interpreter cannot run, and {@link IllegalArgumentException} naming the op for bad parameters
     * (shapes, types, missing quantization or constant data).
     */
    public static Interpreter prepare(Graph graph) {
        return new Interpreter(graph);
    }

    /** The graph this interpreter runs. */
    public Graph graph() {
        return graph;
    }

    /** Graph input {@code i}. */
    public Tensor inputTensor(int i) {
        return graph.tensor(graph.inputs().get(i));
    }

    /** Graph output {@code i}. */
    public Tensor outputTensor(int i) {
        return graph.tensor(graph.outputs().get(i));
    }

    /** Runs serially; returns the graph outputs in order. */
    public List<TensorValue> run(List<TensorValue> inputs) {
        return run(inputs, Parallelism.serial());
    }

    /** Runs a single-input graph serially. */
    public List<TensorValue> run(TensorValue input) {
        return run(List.of(input), Parallelism.serial());
    }

    /** Runs, splitting the heavy kernels' rows over {@code parallelism}; results never depend on it. */
    public List<TensorValue> run(List<TensorValue> inputs, Parallelism parallelism) {
        Object[] slots = execute(inputs, parallelism, false);
        List<TensorValue> out = new ArrayList<>(graph.outputs().size());
        for (int t : graph.outputs()) out.add(TensorValue.wrap(graph.tensor(t), slots[t]));
        return Collections.unmodifiableList(out);
    }

    /** Runs and keeps every tensor's value (inputs, intermediates, outputs), e.g. for per-layer comparisons. */
    public Trace trace(List<TensorValue> inputs, Parallelism parallelism) {
        Object[] slots = execute(inputs, parallelism, true);
        TensorValue[] values = new TensorValue[slots.length];
        for (int t = 0; t < slots.length; t++) {
            if (slots[t] != null && !graph.tensor(t).constant()) values[t] = TensorValue.wrap(graph.tensor(t), slots[t]);
        }
        return new Trace(graph, values);
    }

    private Object[] execute(List<TensorValue> inputs, Parallelism parallelism, boolean keepAll) {
        if (inputs.size() != graph.inputs().size()) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' takes " + graph.inputs().size() + " input(s), but " + inputs.size() + " were given");
        }
        Object[] slots = constants.clone();
        for (int t = 0; t < slots.length; t++) {
            Tensor x = graph.tensor(t);
            if (x.variable()) slots[t] = OpPreparer.allocate(x);
        }
        for (int i = 0; i < inputs.size(); i++) {
            int t = graph.inputs().get(i);
            slots[t] = checkedInput(i, graph.tensor(t), inputs.get(i));
        }
        for (int i = 0; i < steps.length; i++) {
            steps[i].run(slots, parallelism);
            if (!keepAll) for (int t : freeAfter[i]) slots[t] = null;
        }
        return slots;
    }

    private static Object checkedInput(int i, Tensor spec, TensorValue v) {
        if (v.dtype() != spec.dtype()) {
            throw new IllegalArgumentException("input " + i + " ('" + spec.name() + "') must be " + spec.dtype() + ", but was " + v.dtype());
        }
        if (!Arrays.equals(v.shape(), spec.shape().toArray())) {
            throw new IllegalArgumentException("input " + i + " ('" + spec.name() + "') must have shape " + spec.shape() + ", but had " + Arrays.toString(v.shape()));
        }
        if (v.isQuantized()) {
            var expected = TensorValue.params(spec);
            if (expected.isPresent() && !expected.equals(v.params())) {
                throw new IllegalArgumentException("input " + i + " ('" + spec.name() + "') must be quantized with " + expected.get() + ", but had " + v.params().orElseThrow());
            }
        }
        return v.data();
    }

    static boolean supportedValueType(DType t) {
        return t == DType.INT8 || t == DType.UINT8 || t == DType.FLOAT32 || t == DType.INT32 || t == DType.INT64;
    }

    /**
     * Every tensor's value after a run, by tensor index or name.
     *
     * <pre>{@code
     * Trace tr = interp.trace(List.of(in), Parallelism.serial());
     * float[] x = tr.value("conv1").orElseThrow().dequantized();
     * }</pre>
     */
    public static final class Trace {
        private final Graph graph;
        private final TensorValue[] values;

        Trace(Graph graph, TensorValue[] values) {
            this.graph = graph;
            this.values = values;
        }

        /** The value of tensor {@code index}; empty for constants. */
        public Optional<TensorValue> value(int index) {
            return Optional.ofNullable(values[index]);
        }

        /** The value of the tensor named {@code name}; empty for constants and unknown names. */
        public Optional<TensorValue> value(String name) {
            for (int t = 0; t < values.length; t++) if (graph.tensor(t).name().equals(name)) return Optional.ofNullable(values[t]);
            return Optional.empty();
        }

        /** The graph outputs. */
        public List<TensorValue> outputs() {
            List<TensorValue> out = new ArrayList<>();
            for (int t : graph.outputs()) out.add(values[t]);
            return out;
        }
    }

    /** The constant data of a tensor in run form (bytes, floats or longs). */
    static Object constantData(Tensor t, Bytes b) {
        return switch (t.dtype()) {
            case INT8, UINT8 -> b.toArray();
            case FLOAT32 -> b.floats();
            case INT32 -> Arrays.stream(b.ints()).asLongStream().toArray();
            case INT64 -> b.longs();
            default -> null;
        };
    }

    /** For error messages. */
    static String describe(Op op) {
        return op instanceof Op.Custom c ? "CUSTOM '" + c.customCode() + "'" : op.opName();
    }
}
