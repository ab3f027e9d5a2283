package dev.edgetpunas.compiler.graph;

import com.google.common.hash.Hashing;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
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
     * two graphs with the same digest compile and simulate the same. Used as a cache key, never
     * stored: a 128-bit MurmurHash3 over the structure as 32 hex digits.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            digest = d = computeDigest();
        }
        return d;
    }

    private String computeDigest() {
        // the structure is written to a buffer and hashed once (no text is built: a search digests every
        // candidate it simulates)
        Sink h = new Sink(64 * (tensors.size() + ops.size()));
        h.putInt(tensors.size());
        for (Tensor t : tensors) {
            Shape shape = t.shape();
            h.putInt(shape.rank());
            for (int i = 0; i < shape.rank(); i++) h.putInt(shape.dim(i));
            h.putInt(t.dtype().ordinal()).putInt(t.constant() ? 'c' : t.variable() ? 'v' : 'a');
            if (t.quantization().isPresent()) {
                Quantization q = t.quantization().get();
                h.putInt(q.count()).putInt(q.axis());
            } else {
                h.putInt(-1);
            }
            h.putLong(t.data().isPresent() ? t.data().get().size() : -1);
        }
        h.putInt(ops.size());
        for (Op op : ops) putOp(h, op);
        putInts(h, inputs);
        putInts(h, outputs);
        return Hashing.murmur3_128().hashBytes(h.buf, 0, h.size).toString();
    }

    /** A growable little-endian byte buffer for {@link #computeDigest}. */
    private static final class Sink {
        byte[] buf;
        int size;

        Sink(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        private void ensure(int n) {
            if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }

        Sink putInt(int v) {
            ensure(4);
            INT.set(buf, size, v);
            size += 4;
            return this;
        }

        Sink putLong(long v) {
            ensure(8);
            LONG.set(buf, size, v);
            size += 8;
            return this;
        }

        Sink putChars(String s) {
            putInt(s.length());
            for (int i = 0; i < s.length(); i++) putInt(s.charAt(i));
            return this;
        }

        Sink putBytes(byte[] b) {
            putInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Accessors of the record components of each op class but inputs and outputs, as {@code (Object) -> Object} handles. */
    private static final ClassValue<MethodHandle[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            if (rc == null) throw new IllegalStateException(type + " is not a record");
            List<MethodHandle> out = new ArrayList<>();
            try {
                for (RecordComponent c : rc) {
                    if (c.getName().equals("inputs") || c.getName().equals("outputs")) continue; // hashed through Op
                    out.add(MethodHandles.publicLookup().unreflect(c.getAccessor()).asType(MethodType.methodType(Object.class, Object.class)));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the components of " + type, e);
            }
            return out.toArray(MethodHandle[]::new);
        }
    };

    /** The op's kind and every record component in declaration order (all of an op's attributes). */
    private static void putOp(Sink h, Op op) {
        h.putInt(op.kind().ordinal());
        putInts(h, op.inputs());
        putInts(h, op.outputs());
        MethodHandle[] components = COMPONENTS.get(op.getClass());
        h.putInt(components.length);
        for (MethodHandle c : components) {
            Object v;
            try {
                v = (Object) c.invokeExact((Object) op);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a component of " + op.opName(), e);
            }
            putValue(h, v);
        }
    }

    private static void putInts(Sink h, List<Integer> l) {
        h.putInt(l.size());
        for (int i = 0; i < l.size(); i++) h.putInt(l.get(i));
    }

    private static void putValue(Sink h, Object v) {
        if (v instanceof Integer i) {
            h.putInt(1).putInt(i);
        } else if (v instanceof List<?> l) {
            h.putInt(2).putInt(l.size());
            for (Object x : l) putValue(h, x);
        } else if (v instanceof Enum<?> e) {
            h.putInt(3).putInt(e.ordinal());
        } else if (v instanceof String str) {
            h.putInt(4).putChars(str);
        } else if (v instanceof Boolean b) {
            h.putInt(5).putInt(b ? 1 : 0);
        } else if (v instanceof Float f) {
            h.putInt(6).putInt(Float.floatToIntBits(f));
        } else if (v instanceof Bytes b) {
            h.putInt(7).putBytes(b.toArray());
        } else {
            h.putInt(8).putChars(String.valueOf(v));
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
