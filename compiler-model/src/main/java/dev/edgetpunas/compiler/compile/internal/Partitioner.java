package dev.edgetpunas.compiler.compile.internal;

import dev.edgetpunas.compiler.compile.OpStatus;
import dev.edgetpunas.compiler.compile.Segment;
import dev.edgetpunas.compiler.compile.Where;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a graph into Edge TPU and CPU segments from the rules' verdicts.
 *
 * <p>Default (one Edge TPU segment), following what real compiled models show: an op that cannot map
 * and has no Edge TPU op among its ancestors runs on the CPU ahead of the segment (a float->int8
 * QUANTIZE at the input); an op that cannot map after the segment has started runs on the CPU, and so
 * does every op that depends on it, directly or transitively (those that would map get "More than one
 * subgraph is not supported"); ops fed only by the segment (side branches) still map. The compiled
 * model then runs: the CPU ops ahead, the segment, the CPU ops after. With {@code -a}
 * ({@code multiple}), every op that can map maps, and segments are the maximal runs of ops on one
 * side in graph order.
 *
 * <pre>{@code
 * Partitioner.Partition p = Partitioner.partition(graph, verdicts, false);
 * p.where[i]; p.status[i]; p.segments;
 * }</pre>
 */
public final class Partitioner {
    private Partitioner() {}

    /** The outcome, as arrays indexed by op. */
    public static final class Partition {
        public final Where[] where;
        public final OpStatus[] status;
        public final String[] reason;
        public final List<Segment> segments;

        Partition(Where[] where, OpStatus[] status, String[] reason, List<Segment> segments) {
            this.where = where;
            this.status = status;
            this.reason = reason;
            this.segments = segments;
        }
    }

    /** Partitions {@code g} given one verdict per op. */
    public static Partition partition(Graph g, Verdict[] verdicts, boolean multiple) {
        int n = g.opCount();
        Where[] where = new Where[n];
        OpStatus[] status = new OpStatus[n];
        String[] reason = new String[n];
        boolean[] ahead = new boolean[n];
        if (multiple) {
            for (int i = 0; i < n; i++) {
                Verdict v = verdicts[i];
                where[i] = v.mapped() ? Where.TPU : Where.CPU;
                status[i] = v.status();
                reason[i] = v.reason();
            }
            return new Partition(where, status, reason, runs(g, where));
        }
        int tensors = g.tensors().size();
        boolean[] tpuAncestor = new boolean[tensors];
        int[] taint = new int[tensors];
        Arrays.fill(taint, -1);
        for (int i = 0; i < n; i++) {
            Op op = g.op(i);
            Verdict v = verdicts[i];
            boolean anc = false;
            int src = -1;
            for (int t : op.inputs()) {
                if (t < 0) continue;
                anc |= tpuAncestor[t];
                if (src < 0 && taint[t] >= 0) src = taint[t];
            }
            int outTaint;
            boolean outAnc;
            if (v.mapped() && src < 0) {
                where[i] = Where.TPU;
                status[i] = OpStatus.MAPPED;
                reason[i] = "";
                outTaint = -1;
                outAnc = true;
            } else if (v.mapped()) {
                where[i] = Where.CPU;
                status[i] = OpStatus.MORE_THAN_ONE_SUBGRAPH;
                reason[i] = "depends on op " + src + " (" + g.op(src).opName() + "), which runs on the CPU after the Edge TPU segment";
                outTaint = src;
                outAnc = true;
            } else {
                where[i] = Where.CPU;
                status[i] = v.status();
                reason[i] = v.reason();
                if (anc || src >= 0) {
                    outTaint = src >= 0 ? src : i;
                    outAnc = true;
                } else {
                    ahead[i] = true;
                    outTaint = -1;
                    outAnc = false;
                }
            }
            for (int t : op.outputs()) {
                taint[t] = outTaint;
                tpuAncestor[t] = outAnc;
            }
        }
        List<Integer> before = new ArrayList<>(), tpu = new ArrayList<>(), after = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (where[i] == Where.TPU) tpu.add(i);
            else if (ahead[i]) before.add(i);
            else after.add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(3);
        List<Where> sides = new ArrayList<>(3);
        if (tpu.isEmpty()) {
            // nothing maps: every op is "ahead"; one CPU segment in graph order
            before.addAll(after);
            after.clear();
            before.sort(null);
        }
        if (!before.isEmpty()) {
            groups.add(before);
            sides.add(Where.CPU);
        }
        if (!tpu.isEmpty()) {
            groups.add(tpu);
            sides.add(Where.TPU);
        }
        if (!after.isEmpty()) {
            groups.add(after);
            sides.add(Where.CPU);
        }
        return new Partition(where, status, reason, segments(g, groups, sides));
    }

    private static List<Segment> runs(Graph g, Where[] where) {
        List<List<Integer>> groups = new ArrayList<>();
        List<Where> sides = new ArrayList<>();
        for (int i = 0; i < where.length; i++) {
            if (groups.isEmpty() || sides.get(sides.size() - 1) != where[i]) {
                groups.add(new ArrayList<>());
                sides.add(where[i]);
            }
            groups.get(groups.size() - 1).add(i);
        }
        return segments(g, groups, sides);
    }

    private static List<Segment> segments(Graph g, List<List<Integer>> groups, List<Where> sides) {
        int[] segOf = new int[g.opCount()];
        for (int s = 0; s < groups.size(); s++) for (int i : groups.get(s)) segOf[i] = s;
        int tensors = g.tensors().size();
        boolean[] leaves = new boolean[tensors];
        for (int t : g.outputs()) leaves[t] = true;
        for (int i = 0; i < g.opCount(); i++) {
            for (int t : g.op(i).inputs()) {
                if (t < 0) continue;
                int p = g.producer(t);
                if (p >= 0 && segOf[p] != segOf[i]) leaves[t] = true;
            }
        }
        int[] stamp = new int[tensors];
        List<Segment> out = new ArrayList<>(groups.size());
        for (int s = 0; s < groups.size(); s++) {
            List<Integer> ops = groups.get(s);
            List<Integer> ins = new ArrayList<>(), outs = new ArrayList<>();
            int mark = s + 1;
            for (int i : ops) {
                for (int t : g.op(i).inputs()) {
                    if (t < 0 || g.tensor(t).constant() || stamp[t] == mark) continue;
                    int p = g.producer(t);
                    if (p < 0 || segOf[p] != s) {
                        stamp[t] = mark;
                        ins.add(t);
                    }
                }
                for (int t : g.op(i).outputs()) if (leaves[t]) outs.add(t);
            }
            out.add(new Segment(s, sides.get(s), ops.get(0), ops.get(ops.size() - 1), ops, ins, outs));
        }
        return out;
    }

    /**
     * The peak total size of activations alive at once inside {@code s}, its ops run in order: a
     * segment input lives from the start to its last read in the segment, a tensor produced inside
     * from its producer to its last read inside, and a segment output to the end.
     */
    public static long peakActivationBytes(Graph g, Segment s) {
        List<Integer> ops = s.ops();
        int m = ops.size();
        int tensors = g.tensors().size();
        int[] lastUse = new int[tensors];
        Arrays.fill(lastUse, -1);
        for (int k = 0; k < m; k++) {
            for (int t : g.op(ops.get(k)).inputs()) if (t >= 0 && !g.tensor(t).constant()) lastUse[t] = k;
        }
        for (int t : s.outputTensors()) lastUse[t] = m;
        long[] freeAt = new long[m + 1];
        long live = 0;
        for (int t : s.inputTensors()) {
            long b = g.tensor(t).bytes();
            live += b;
            freeAt[lastUse[t]] += b;
        }
        long peak = live;
        for (int k = 0; k < m; k++) {
            Op op = g.op(ops.get(k));
            for (int t : op.outputs()) {
                long b = g.tensor(t).bytes();
                live += b;
                if (lastUse[t] > k) freeAt[lastUse[t]] += b;
            }
            peak = Math.max(peak, live);
            live -= freeAt[k];
            for (int t : op.outputs()) if (lastUse[t] <= k) live -= g.tensor(t).bytes();
        }
        return peak;
    }
}
