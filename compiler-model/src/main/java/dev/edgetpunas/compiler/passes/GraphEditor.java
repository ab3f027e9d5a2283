package dev.edgetpunas.compiler.passes;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable copy of a graph for passes: replace tensors and ops, delete ops, then {@link #build} drops
 * tensors nothing refers to and renumbers the rest (keeping their order).
 *
 * <pre>{@code
 * GraphEditor e = new GraphEditor(graph);
 * e.setOp(3, null);                       // delete op 3
 * Graph out = e.build();
 * }</pre>
 */
public final class GraphEditor {
    private final String name;
    private final List<Tensor> tensors;
    private final List<Op> ops;
    private final List<Integer> inputs;
    private final List<Integer> outputs;
    private final Map<Integer, List<Op>> insertedAfter = new HashMap<>();

    public GraphEditor(Graph g) {
        this.name = g.name();
        this.tensors = new ArrayList<>(g.tensors());
        this.ops = new ArrayList<>(g.ops());
        this.inputs = new ArrayList<>(g.inputs());
        this.outputs = new ArrayList<>(g.outputs());
    }

    public Tensor tensor(int t) {
        return tensors.get(t);
    }

    public void setTensor(int t, Tensor tensor) {
        tensors.set(t, tensor);
    }

    /** Appends a tensor and returns its index. */
    public int addTensor(Tensor tensor) {
        tensors.add(tensor);
        return tensors.size() - 1;
    }

    public int tensorCount() {
        return tensors.size();
    }

    /** Op {@code i}, or null if deleted. */
    public Op op(int i) {
        return ops.get(i);
    }

    /** Replaces op {@code i}; {@code null} deletes it. */
    public void setOp(int i, Op op) {
        ops.set(i, op);
    }

    /** Inserts {@code op} to run right after op {@code i} (after earlier insertions at {@code i}). */
    public void insertAfter(int i, Op op) {
        insertedAfter.computeIfAbsent(i, k -> new ArrayList<>()).add(op);
    }

    public int opCount() {
        return ops.size();
    }

    public List<Integer> outputs() {
        return outputs;
    }

    public List<Integer> inputs() {
        return inputs;
    }

    /** Replaces every read of tensor {@code from} (by ops and graph outputs) with {@code to}. */
    public void replaceUses(int from, int to) {
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op == null || !op.inputs().contains(from)) continue;
            List<Integer> in = new ArrayList<>(op.inputs());
            in.replaceAll(t -> t == from ? to : t);
            ops.set(i, op.withIO(in, op.outputs()));
        }
        outputs.replaceAll(t -> t == from ? to : t);
    }

    /** The edited graph: deleted ops removed, unreferenced tensors dropped, indices renumbered. */
    public Graph build() {
        boolean[] used = new boolean[tensors.size()];
        for (int t : inputs) used[t] = true;
        for (int t : outputs) used[t] = true;
        List<Op> live = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) != null) live.add(ops.get(i));
            live.addAll(insertedAfter.getOrDefault(i, List.of()));
        }
        for (Op op : live) {
            for (int t : op.inputs()) if (t >= 0) used[t] = true;
            for (int t : op.outputs()) used[t] = true;
        }
        int[] map = new int[tensors.size()];
        List<Tensor> kept = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            if (used[t]) {
                map[t] = kept.size();
                kept.add(tensors.get(t));
            } else {
                map[t] = -1;
            }
        }
        List<Op> renumbered = new ArrayList<>(live.size());
        for (Op op : live) renumbered.add(op.withIO(remap(op.inputs(), map), remap(op.outputs(), map)));
        return new Graph(name, kept, renumbered, remap(inputs, map), remap(outputs, map));
    }

    private static List<Integer> remap(List<Integer> l, int[] map) {
        List<Integer> out = new ArrayList<>(l.size());
        for (int t : l) out.add(t < 0 ? -1 : map[t]);
        return out;
    }
}
