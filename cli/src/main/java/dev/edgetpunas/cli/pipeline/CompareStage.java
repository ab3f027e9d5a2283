package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.compile.CompileReport;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.report.ChromeTrace;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage {@code compare}: the Edge TPU winner and the cpu-only winner side by side. Both are simulated on
 * both profiles; per stage their blocks and c0/c1 types, and what flipping that stage's type alone (all
 * else kept) would change on each profile; the Edge TPU winner's latency by part (stem, stages, head,
 * transfers, overhead) and by op, its compile report, and Chrome traces.
 */
final class CompareStage {
    /** The largest ops listed. */
    static final int TOP_OPS = 12;

    private CompareStage() {}

    static StageOutcome run(Run r) {
        EdgeTpuSpace space = r.space();
        ObjectNode etSearch = r.result(Stage.SEARCH_EDGETPU), cpuSearch = r.result(Stage.SEARCH_CPU);
        EdgeTpuGenome et = space.parse(etSearch.path("search").path("best").path("genome").asText());
        EdgeTpuGenome cp = space.parse(cpuSearch.path("search").path("best").path("genome").asText());
        EfficientNetSpec etSpec = space.spec(et).withName("edgetpu-winner"), cpSpec = space.spec(cp).withName("cpu-winner");
        Simulator simEt = new Simulator(r.profile), simCpu = new Simulator(r.cpu);
        ObjectNode out = Json.MAPPER.createObjectNode();
        try (StageProgress p = r.progress(4 + 4L * EdgeTpuSpace.STAGES, " sims")) {
            Graph etG = Deploy.apply(EfficientNet.build(etSpec)), cpG = Deploy.apply(EfficientNet.build(cpSpec));
            LatencyReport etOnEt = simEt.simulate(etG), etOnCpu = simCpu.simulate(etG);
            LatencyReport cpOnEt = simEt.simulate(cpG), cpOnCpu = simCpu.simulate(cpG);
            p.stepTo(4, "winners");
            ObjectNode w = out.putObject("winners");
            winner(w.putObject("edgetpu"), space, et, etSpec, etG, etSearch, etOnEt, etOnCpu);
            winner(w.putObject("cpu"), space, cp, cpSpec, cpG, cpuSearch, cpOnEt, cpOnCpu);

            ArrayNode stages = out.putArray("stages");
            int done = 4;
            for (int i = 0; i < EdgeTpuSpace.STAGES; i++) {
                BlockArgs a = etSpec.blocks().get(i), b = cpSpec.blocks().get(i);
                ObjectNode s = stages.addObject();
                s.put("stage", i + 1);
                s.put("stride", a.strideH());
                s.put("edgetpu_block", BlockString.format(a));
                s.put("cpu_block", BlockString.format(b));
                s.put("edgetpu_type", a.fused() ? "c1" : "c0");
                s.put("cpu_type", b.fused() ? "c1" : "c0");
                s.put("reference_s_type", EfficientNetSpec.EDGETPU_S.blocks().get(i).fused() ? "c1" : "c0");
                Graph etFlip = Deploy.apply(EfficientNet.build(flip(etSpec, i)));
                Graph cpFlip = Deploy.apply(EfficientNet.build(flip(cpSpec, i)));
                s.put("edgetpu_winner_flip_on_edgetpu_ms", simEt.simulate(etFlip).latencyMs() - etOnEt.latencyMs());
                s.put("edgetpu_winner_flip_on_cpu_ms", simCpu.simulate(etFlip).latencyMs() - etOnCpu.latencyMs());
                s.put("cpu_winner_flip_on_edgetpu_ms", simEt.simulate(cpFlip).latencyMs() - cpOnEt.latencyMs());
                s.put("cpu_winner_flip_on_cpu_ms", simCpu.simulate(cpFlip).latencyMs() - cpOnCpu.latencyMs());
                done += 4;
                p.stepTo(done, "stage " + (i + 1));
            }
            out.set("edgetpu_winner_breakdown", breakdown(etOnEt, etSpec));
            out.set("cpu_winner_breakdown", breakdown(cpOnCpu, cpSpec));
            if (etOnEt.compile() != null) out.put("compile_report", CompileReport.of(etOnEt.compile()).console(true));
            ArrayNode traces = out.putArray("traces");
            traces.add(trace(r, etOnEt, "edgetpu-winner-on-" + r.profile.name()));
            traces.add(trace(r, etOnCpu, "edgetpu-winner-on-" + r.cpu.name()));
            traces.add(trace(r, cpOnCpu, "cpu-winner-on-" + r.cpu.name()));
            traces.add(trace(r, cpOnEt, "cpu-winner-on-" + r.profile.name()));
            String line = String.format(Locale.ROOT, "Edge TPU winner %s, %.3f ms; cpu-only winner %s, %.3f ms", SearchStage.types(et),
                    etOnEt.latencyMs(), SearchStage.types(cp), cpOnCpu.latencyMs());
            return new StageOutcome(out, List.of(), line);
        }
    }

    /** {@code spec} with stage {@code i}'s type flipped (c0 <-> c1), everything else kept. */
    static EfficientNetSpec flip(EfficientNetSpec spec, int i) {
        List<BlockArgs> bs = new ArrayList<>(spec.blocks());
        BlockArgs b = bs.get(i);
        bs.set(i, b.withConvType(b.fused() ? 0 : 1));
        return spec.withBlocks(bs);
    }

    private static void winner(ObjectNode o, EdgeTpuSpace space, EdgeTpuGenome g, EfficientNetSpec spec, Graph deployed, ObjectNode search,
            LatencyReport onEt, LatencyReport onCpu) {
        ObjectNode best = (ObjectNode) search.path("search").path("best");
        o.put("genome", space.encode(g));
        ArrayNode blocks = o.putArray("blocks");
        spec.blocks().forEach(b -> blocks.add(BlockString.format(b)));
        o.put("activation", g.activation().id());
        o.put("types", SearchStage.types(g));
        o.put("proxy_accuracy", best.path("accuracy").asDouble());
        o.put("reward", best.path("reward").asDouble());
        o.put("eval", best.path("eval").asInt());
        o.put("macs", deployed.macs());
        o.put("params", deployed.paramCount());
        o.set("latency_ms", Json.MAPPER.createObjectNode().put(onEt.profile(), onEt.latencyMs()).put(onCpu.profile(), onCpu.latencyMs()));
        if (onEt.compile() != null) {
            o.put("tpu_ops", onEt.compile().tpuOpCount());
            o.put("cpu_ops", onEt.compile().cpuOpCount());
            o.put("onchip_used_bytes", onEt.compile().onchipUsedBytes());
            o.put("streamed_bytes", onEt.compile().offchipStreamedBytes());
        }
    }

    /** Which part of the network an op belongs to: stem, stage N (from its block index), head, or other. */
    static String part(String opName, EfficientNetSpec spec) {
        if (opName.startsWith("stem")) return "stem";
        if (opName.startsWith("head")) return "head";
        if (opName.startsWith("blocks_")) {
            int slash = opName.indexOf('/');
            int k = Integer.parseInt(opName.substring("blocks_".length(), slash < 0 ? opName.length() : slash));
            int first = 0;
            for (int s = 0; s < spec.blocks().size(); s++) {
                int n = spec.roundRepeats(spec.blocks().get(s).repeats());
                if (k < first + n) return "stage " + (s + 1);
                first += n;
            }
        }
        return "other";
    }

    static ObjectNode breakdown(LatencyReport rep, EfficientNetSpec spec) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", rep.model());
        o.put("profile", rep.profile());
        o.put("latency_ms", rep.latencyMs());
        o.put("tpu_ms", rep.tpuMs());
        o.put("cpu_ms", rep.cpuMs());
        o.put("transfer_ms", rep.transferMs());
        o.put("overhead_ms", rep.overheadMs());
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("stem", new double[3]);
        for (int s = 1; s <= spec.blocks().size(); s++) parts.put("stage " + s, new double[3]);
        parts.put("head", new double[3]);
        Map<String, double[]> kinds = new LinkedHashMap<>();
        for (OpTiming t : rep.ops()) {
            double[] pa = parts.computeIfAbsent(part(t.name(), spec), k -> new double[3]);
            pa[0] += t.ms();
            pa[1]++;
            pa[2] += t.linkBytes() + t.paramBytesStreamed();
            double[] ka = kinds.computeIfAbsent(t.op() + " (" + t.placement() + ")", k -> new double[2]);
            ka[0] += t.ms();
            ka[1]++;
        }
        ArrayNode bp = o.putArray("by_part");
        parts.forEach((k, v) -> bp.addObject().put("part", k).put("ms", v[0]).put("ops", (int) v[1]).put("link_bytes", (long) v[2]));
        bp.addObject().put("part", "transfers (input, output, boundaries)").put("ms", rep.transferMs()).put("ops", 0).put("link_bytes", 0);
        bp.addObject().put("part", "per-inference overhead").put("ms", rep.overheadMs()).put("ops", 0).put("link_bytes", 0);
        ArrayNode bk = o.putArray("by_op");
        kinds.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> bk.addObject().put("op", e.getKey()).put("count", (int) e.getValue()[1]).put("ms", e.getValue()[0]));
        ArrayNode top = o.putArray("top_ops");
        rep.ops().stream().sorted((a, b) -> Double.compare(b.us(), a.us())).limit(TOP_OPS).forEach(t -> top.addObject().put("index", t.index())
                .put("op", t.op()).put("name", t.name()).put("placement", t.placement()).put("unit", t.unit()).put("cycles", t.cycles())
                .put("stall_cycles", t.stallCycles()).put("utilization", t.utilization()).put("link_bytes", t.linkBytes())
                .put("streamed_bytes", t.paramBytesStreamed()).put("ms", t.ms()));
        return o;
    }

    private static String trace(Run r, LatencyReport rep, String name) {
        String rel = "traces/" + name + ".json";
        try {
            String text = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ChromeTrace.of(List.of(rep), Json.MAPPER));
            AtomicFiles.writeString(r.dir.resolve(rel), text + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trace " + rel + ": " + e.getMessage(), e);
        }
        return rel;
    }

}
