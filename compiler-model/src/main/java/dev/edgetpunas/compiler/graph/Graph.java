package dev.edgetpunas.compiler.graph;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, validated DAG of {@link Op}s over {@link Tensor}s, with ops in execution (topological)
 * order, batch 1, NHWC. A model exists in two forms: the training graph (float, with
 * {@link Op.BatchNorm}) and the deployed graph (BN folded, int8); see {@code Deploy}.
 *
 * <pre>{@code
 * Graph g = EfficientNet.build(EfficientNet.EDGETPU_S);
 * g.macs();              // multiply-accumulates of one inference
 * g.paramCount();        // parameters (each constant counted once)
 * g.op(0).opName();      // "CONV_2D"
 * }</pre>
 *
 * <p>The constructor checks that every index is in range, that each tensor is produced at most once
 * and before it is used, that constants and variables (state, available from the start) are never
 * produced, and that every op's output shapes agree with shape inference; a violation names the op
 * and the shapes.
 */
public final class Graph {
    private final String name;
    private final List<Tensor> tensors;
    private final List<Op> ops;
    private final List<Integer> inputs;
    private final List<Integer> outputs;
    private final int[] producer;
    private final int[][] consumers;
    private volatile String digest;

    public Graph(String name, List<Tensor> tensors, List<Op> ops, List<Integer> inputs, List<Integer> outputs) {
        this.name = Objects.requireNonNull(name, "name");
        this.tensors = List.copyOf(tensors);
        this.ops = List.copyOf(ops);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        int n = this.tensors.size();
        producer = new int[n];
        Arrays.fill(producer, -1);
        int[] consumerCount = new int[n];
        boolean[] available = new boolean[n];
        for (int t : this.inputs) {
            checkIndex(t, "graph input");
            if (this.tensors.get(t).constant()) {
                throw new IllegalArgumentException("graph '" + name + "': input tensor " + t + " ('"
                        + this.tensors.get(t).name() + "') is a constant");
            }
            available[t] = true;
        }
        for (int t = 0; t < n; t++) if (this.tensors.get(t).constant() || this.tensors.get(t).variable()) available[t] = true;
        for (int i = 0; i < this.ops.size(); i++) {
            Op op = this.ops.get(i);
            for (int t : op.inputs()) {
                if (t == -1) continue;
                checkIndex(t, "op " + i + " (" + op.opName() + ") input");
                if (!available[t]) {
                    throw new IllegalArgumentException("graph '" + name + "': op " + i + " (" + op.opName()
                            + ") reads tensor " + t + " ('" + this.tensors.get(t).name()
                            + "') before any op produces it (ops must be in execution order)");
                }
                consumerCount[t]++;
            }
            for (int t : op.outputs()) {
                checkIndex(t, "op " + i + " (" + op.opName() + ") output");
                if (this.tensors.get(t).constant() || this.tensors.get(t).variable()) {
                    throw new IllegalArgumentException("graph '" + name + "': op " + i + " (" + op.opName()
                            + ") writes " + (this.tensors.get(t).constant() ? "constant" : "variable") + " tensor " + t
                            + " ('" + this.tensors.get(t).name() + "')");
                }
                if (producer[t] != -1 || this.inputs.contains(t)) {
                    throw new IllegalArgumentException("graph '" + name + "': tensor " + t + " ('"
                            + this.tensors.get(t).name() + "') is produced twice (op " + i + " and "
                            + (producer[t] == -1 ? "the graph input" : "op " + producer[t]) + ")");
                }
                producer[t] = i;
                available[t] = true;
            }
            ShapeInference.check(this, i);
        }
        for (int t : this.outputs) {
            checkIndex(t, "graph output");
            if (!available[t]) {
                throw new IllegalArgumentException("graph '" + name + "': output tensor " + t + " ('"
                        + this.tensors.get(t).name() + "') is never produced");
            }
        }
        consumers = new int[n][];
        for (int t = 0; t < n; t++) consumers[t] = new int[consumerCount[t]];
        int[] fill = new int[n];
        for (int i = 0; i < this.ops.size(); i++) {
            for (int t : this.ops.get(i).inputs()) {
                if (t == -1) continue;
                int[] c = consumers[t];
                // an op reading the same tensor twice is listed twice; callers that need sets dedupe
                c[fill[t]++] = i;
            }
        }
    }

    private void checkIndex(int t, String what) {
        if (t < 0 || t >= tensors.size()) {
            throw new IllegalArgumentException("graph '" + name + "': " + what + " " + t + " is not a tensor index (0.."
                    + (tensors.size() - 1) + ")");
        }
    }

    public String name() {
        return name;
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public List<Op> ops() {
        return ops;
    }

    public List<Integer> inputs() {
        return inputs;
    }

    public List<Integer> outputs() {
        return outputs;
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public Op op(int index) {
        return ops.get(index);
    }

    public int opCount() {
        return ops.size();
    }

    /** The index of the op that produces tensor {@code t}, or -1 (graph inputs and constants). */
    public int producer(int t) {
        return producer[t];
    }

    /** Indices of the ops that read tensor {@code t}, in execution order (an op reading it twice appears twice). */
    public int[] consumers(int t) {
        return consumers[t].clone();
    }

    /** Number of reads of tensor {@code t} by ops. */
    public int consumerCount(int t) {
        return consumers[t].length;
    }

    /** This graph with another name. */
    public Graph withName(String newName) {
        return new Graph(newName, tensors, ops, inputs, outputs);
    }

    // ---- metrics -------------------------------------------------------------------------------

    /** Multiply-accumulates of one inference (conv, depthwise, fully connected, transpose conv, LSTM). */
    public long macs() {
        long m = 0;
        for (Op op : ops) m += OpMetrics.macs(this, op);
        return m;
    }

    /** Number of parameters: elements of constant parameter inputs, each tensor counted once. */
    public long paramCount() {
        long n = 0;
        for (int t : parameterTensors()) n += tensors.get(t).elements();
        return n;
    }

    /** Bytes of all parameters in their stored types (int8 weights, int32 biases once deployed). */
    public long paramBytes() {
        long n = 0;
        for (int t : parameterTensors()) n += tensors.get(t).bytes();
        return n;
    }

    /** Indices of parameter tensors (constant parameter inputs of any op), each once, in first-use order. */
    public int[] parameterTensors() {
        boolean[] seen = new boolean[tensors.size()];
        int[] out = new int[tensors.size()];
        int k = 0;
        for (Op op : ops) {
            List<Integer> in = op.inputs();
            for (int p = 0; p < in.size(); p++) {
                int t = in.get(p);
                if (t >= 0 && !seen[t] && tensors.get(t).constant() && op.isParameterInput(p)) {
                    seen[t] = true;
                    out[k++] = t;
                }
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The largest total size of activation tensors alive at once when ops run in order: a tensor is
     * alive from the op that produces it (graph inputs: from the start) to the last op that reads it
     * (graph outputs: to the end). Inputs and outputs of the op running count as alive together.
     * Variable (state) tensors are alive throughout.
     */
    public long peakLiveActivationBytes() {
        int n = tensors.size();
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < ops.size(); i++) for (int t : ops.get(i).inputs()) if (t >= 0) lastUse[t] = i;
        for (int t : outputs) lastUse[t] = ops.size();
        long live = 0;
        for (int t : inputs) live += tensors.get(t).bytes();
        for (Tensor x : tensors) if (x.variable()) live += x.bytes();
        long peak = live;
        long[] freeAt = new long[ops.size() + 1];
        for (int t = 0; t < n; t++) {
            if (tensors.get(t).constant() || lastUse[t] < 0) continue;
            if (producer[t] >= 0 || inputs.contains(t)) freeAt[lastUse[t]] += tensors.get(t).bytes();
        }
        for (int i = 0; i < ops.size(); i++) {
            for (int t : ops.get(i).outputs()) live += tensors.get(t).bytes();
            peak = Math.max(peak, live);
            live -= freeAt[i];
            // outputs nobody reads die at once
            for (int t : ops.get(i).outputs()) if (lastUse[t] < 0) live -= tensors.get(t).bytes();
        }
        return peak;
    }

    /**
     * A digest of the graph's structure (tensor names excluded, data lengths but not data included):
     * two graphs with the same digest compile and simulate the same. Used as a cache key.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            digest = d = computeDigest();
        }
        return d;
    }

    private String computeDigest() {
        StringBuilder sb = new StringBuilder(48 * (tensors.size() + ops.size()));
        for (Tensor t : tensors) {
            sb.append('T');
            Shape shape = t.shape();
            for (int i = 0; i < shape.rank(); i++) sb.append(shape.dim(i)).append(',');
            sb.append(t.dtype().name()).append(t.constant() ? 'c' : t.variable() ? 'v' : 'a');
            if (t.quantization().isPresent()) {
                Quantization q = t.quantization().get();
                sb.append('q').append(q.count()).append('@').append(q.axis());
            }
            if (t.data().isPresent()) sb.append('d').append(t.data().get().size());
            sb.append('\n');
        }
        for (Op op : ops) {
            appendOp(sb, op);
            sb.append('\n');
        }
        sb.append('I').append(inputs).append('O').append(outputs);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accessors of every record component of each op class, as {@code (Object) -> Object} handles. */
    private static final ClassValue<MethodHandle[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            if (rc == null) throw new IllegalStateException(type + " is not a record");
            MethodHandle[] out = new MethodHandle[rc.length];
            try {
                for (int i = 0; i < rc.length; i++) {
                    out[i] = MethodHandles.publicLookup().unreflect(rc[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the components of " + type, e);
            }
            return out;
        }
    };

    /**
     * The op's kind and every record component in declaration order (what the record's
     * {@code toString} holds, without its names and without the JDK 17 record {@code toString}'s
     * formatting cost, which made this digest the largest part of a simulation).
     */
    private static void appendOp(StringBuilder sb, Op op) {
        sb.append(op.kind().name()).append('(');
        for (MethodHandle h : COMPONENTS.get(op.getClass())) {
            Object v;
            try {
                v = (Object) h.invokeExact((Object) op);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a component of " + op.opName(), e);
            }
            appendValue(sb, v);
            sb.append(';');
        }
        sb.append(')');
    }

    private static void appendValue(StringBuilder sb, Object v) {
        if (v instanceof Integer i) {
            sb.append(i.intValue());
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (Object x : l) {
                appendValue(sb, x);
                sb.append(',');
            }
            sb.append(']');
        } else if (v instanceof Enum<?> e) {
            sb.append(e.name());
        } else if (v instanceof String str) {
            sb.append(str.length()).append(':').append(str);
        } else {
            sb.append(v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && name.equals(g.name) && tensors.equals(g.tensors) && ops.equals(g.ops)
                && inputs.equals(g.inputs) && outputs.equals(g.outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensors, ops, inputs, outputs);
    }

    @Override
    public String toString() {
        return "Graph[" + name + ", " + ops.size() + " ops, " + tensors.size() + " tensors]";
    }

    /** Ops as a list of indices whose kind is {@code kind}. */
    public List<Integer> opsOfKind(OpKind kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).kind() == kind) out.add(i);
        return out;
    }
}
