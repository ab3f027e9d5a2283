package dev.edgetpunas.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.compile.CompileResult;
import dev.edgetpunas.compiler.compile.OpPlacement;

/**
 * The JSON form of a {@link LatencyReport}: {@code model}, {@code profile}, {@code profile_digest},
 * {@code scenario}, {@code latency_ms}, {@code tpu_ms}, {@code cpu_ms}, {@code transfer_ms},
 * {@code overhead_ms}, {@code onchip_used_bytes}, {@code onchip_remaining_bytes},
 * {@code offchip_streamed_bytes}, {@code tpu_ops}, {@code cpu_ops}, {@code ops} (each {@code index},
 * {@code op}, {@code name}, {@code placement}, {@code unit}, {@code cycles}, {@code stall_cycles},
 * {@code utilization}, {@code bytes_in}, {@code bytes_out}, {@code param_bytes_streamed},
 * {@code link_bytes}, {@code start_ms}, {@code ms}, {@code reason}) and {@code transfers}.
 *
 * <pre>{@code
 * ObjectNode n = ReportJson.toJson(report, mapper);
 * }</pre>
 */
public final class ReportJson {
    private ReportJson() {}

    public static ObjectNode toJson(LatencyReport r, ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("model", r.model());
        n.put("profile", r.profile());
        n.put("profile_digest", r.profileDigest());
        n.put("scenario", r.scenario());
        n.put("latency_ms", r.latencyMs());
        n.put("tpu_ms", r.tpuMs());
        n.put("cpu_ms", r.cpuMs());
        n.put("transfer_ms", r.transferMs());
        n.put("overhead_ms", r.overheadMs());
        CompileResult c = r.compile();
        if (c != null) {
            n.put("compiler", c.options().version().id());
            n.put("onchip_used_bytes", c.onchipUsedBytes());
            n.put("onchip_remaining_bytes", c.onchipRemainingBytes());
            n.put("offchip_streamed_bytes", c.offchipStreamedBytes());
            n.put("tpu_ops", c.tpuOpCount());
            n.put("cpu_ops", c.cpuOpCount());
        } else {
            n.put("tpu_ops", 0);
            n.put("cpu_ops", r.ops().size());
        }
        ArrayNode ops = n.putArray("ops");
        for (OpTiming o : r.ops()) {
            ObjectNode x = ops.addObject();
            x.put("index", o.index());
            x.put("op", o.op());
            x.put("name", o.name());
            x.put("placement", o.placement());
            x.put("unit", o.unit());
            x.put("cycles", o.cycles());
            x.put("stall_cycles", o.stallCycles());
            x.put("utilization", o.utilization());
            x.put("bytes_in", o.bytesIn());
            x.put("bytes_out", o.bytesOut());
            x.put("param_bytes_streamed", o.paramBytesStreamed());
            x.put("link_bytes", o.linkBytes());
            x.put("start_ms", o.startUs() / 1000.0);
            x.put("ms", o.ms());
            x.put("reason", o.reason());
        }
        ArrayNode tr = n.putArray("transfers");
        for (Transfer t : r.transfers()) {
            ObjectNode x = tr.addObject();
            x.put("kind", t.kind());
            x.put("label", t.label());
            x.put("bytes", t.bytes());
            x.put("start_ms", t.startUs() / 1000.0);
            x.put("ms", t.us() / 1000.0);
        }
        return n;
    }

    /** Placement counts of a compile result as "N tpu / M cpu". */
    public static String placementSummary(CompileResult c) {
        int tpu = 0;
        for (OpPlacement p : c.ops()) if (p.where() == dev.edgetpunas.compiler.compile.Where.TPU) tpu++;
        return tpu + " tpu / " + (c.ops().size() - tpu) + " cpu";
    }
}
