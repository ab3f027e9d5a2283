package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.compile.internal.Partitioner;
import dev.edgetpunas.compiler.compile.internal.RuleSet;
import dev.edgetpunas.compiler.compile.internal.Verdict;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compiler model: what edgetpu_compiler decides for a deployed (int8) graph or a {@code .tflite}
 * as it is. Three steps:
 * <ol>
 *   <li><b>rules</b>: each op maps or gets one of the compiler's status strings and a reason, by the
 *       rule file of the chosen compiler version;</li>
 *   <li><b>partition</b>: one Edge TPU segment (CPU ops at the input stay ahead of it; after the
 *       first unmappable op, everything that depends on a CPU op runs on the CPU with "More than one
 *       subgraph is not supported"; branches fed only by the segment still map), or with {@code -a}
 *       several segments;</li>
 *   <li><b>parameter placement</b>: budget = SRAM - (reserveFixedBytes + reserveActivationFactor *
 *       peak live activation bytes of the Edge TPU segment(s)); the parameter tensors of mapped ops,
 *       whole, in execution order, go into the cache by {@link Placement} (prefix or first-fit);
 *       the rest is streamed at every inference.</li>
 * </ol>
 *
 * <pre>{@code
 * Graph deployed = Deploy.apply(ModelZoo.build("efficientnet-edgetpu-s"));
 * CompileResult r = EdgeTpuCompiler.compile(deployed, CompilerOptions.defaults());
 * String text = CompileReport.of(r).console(false);
 * }</pre>
 *
 * <p>Stateless and thread-safe; a compile of EfficientNet-EdgeTPU-S takes well under a millisecond.
 */
public final class EdgeTpuCompiler {
    private EdgeTpuCompiler() {}

    /** Compiles one graph. */
    public static CompileResult compile(Graph deployed, CompilerOptions options) {
        return coCompile(List.of(Objects.requireNonNull(deployed, "deployed")), options).get(0);
    }

    /**
     * Co-compiles several graphs so that they share the parameter cache, first model first: the
     * reserve uses the largest peak activation of all of them, and each model's parameters go into
     * what the models before it left. One result per graph, in the given order.
     */
    public static List<CompileResult> coCompile(List<Graph> graphs, CompilerOptions options) {
        Objects.requireNonNull(options, "options");
        List<Graph> gs = List.copyOf(graphs);
        if (gs.isEmpty()) throw new IllegalArgumentException("graphs must not be empty");
        RuleSet rules = RuleSet.forVersion(options.version());
        int m = gs.size();
        Partitioner.Partition[] parts = new Partitioner.Partition[m];
        List<List<String>> assumptions = new ArrayList<>(m);
        long peak = 0;
        for (int k = 0; k < m; k++) {
            Graph g = gs.get(k);
            Verdict[] verdicts = new Verdict[g.opCount()];
            List<String> notes = new ArrayList<>(1);
            for (int i = 0; i < verdicts.length; i++) {
                Verdict v = rules.check(g, g.op(i));
                verdicts[i] = v;
                if (!v.assumption().isEmpty() && !notes.contains(v.assumption())) notes.add(v.assumption());
            }
            parts[k] = Partitioner.partition(g, verdicts, options.multipleSubgraphs());
            assumptions.add(notes);
            for (Segment s : parts[k].segments) {
                if (s.where() == Where.TPU) peak = Math.max(peak, Partitioner.peakActivationBytes(g, s));
            }
        }
        long reserve = options.reserveBytes(peak);
        long total = options.budgetBytes(peak);
        long left = total;
        List<CompileResult> out = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            CompileResult r = place(gs.get(k), options, parts[k], assumptions.get(k), peak, reserve, total, left);
            left = r.onchipRemainingBytes();
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static CompileResult place(Graph g, CompilerOptions o, Partitioner.Partition p, List<String> assumptions, long peak,
            long reserve, long total, long budget) {
        int n = g.opCount();
        int tensors = g.tensors().size();
        long[] param = new long[n], cachedBytes = new long[n], streamedBytes = new long[n];
        boolean[] seen = new boolean[tensors];
        boolean[] cached = new boolean[tensors];
        long left = budget, used = 0, streamed = 0;
        boolean stopped = false;
        boolean firstFit = o.placement() == Placement.FIRST_FIT;
        for (int i = 0; i < n; i++) {
            if (p.where[i] != Where.TPU) continue;
            Op op = g.op(i);
            List<Integer> in = op.inputs();
            for (int q = 0; q < in.size(); q++) {
                int t = in.get(q);
                if (t < 0 || seen[t] || !g.tensor(t).constant() || !op.isParameterInput(q)) continue;
                seen[t] = true;
                long b = g.tensor(t).bytes();
                param[i] += b;
                if ((firstFit || !stopped) && b <= left) {
                    cached[t] = true;
                    left -= b;
                    used += b;
                    cachedBytes[i] += b;
                } else {
                    stopped = true;
                    streamed += b;
                    streamedBytes[i] += b;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (p.where[i] == Where.TPU) continue;
            Op op = g.op(i);
            List<Integer> in = op.inputs();
            for (int q = 0; q < in.size(); q++) {
                int t = in.get(q);
                if (t < 0 || seen[t] || !g.tensor(t).constant() || !op.isParameterInput(q)) continue;
                seen[t] = true;
                param[i] += g.tensor(t).bytes();
            }
        }
        List<OpPlacement> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(new OpPlacement(i, p.where[i], p.status[i], p.reason[i], param[i], cachedBytes[i], streamedBytes[i]));
        }
        return new CompileResult(g, o, ops, p.segments, used, budget - used, streamed, peak, reserve, total, budget, assumptions, cached);
    }
}
