package dev.edgetpunas.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Chrome Trace Event Format (JSON object form) of simulated inferences, which opens in Perfetto
 * (ui.perfetto.dev) and chrome://tracing: one process per report (model x profile), with the tracks
 * "Edge TPU", "CPU" and "link" (transfers, streamed parameters, host overhead). Times in microseconds.
 *
 * <pre>{@code
 * ObjectNode trace = ChromeTrace.of(List.of(report), mapper);
 * AtomicFiles.writeString(Path.of("trace.json"), mapper.writeValueAsString(trace));
 * }</pre>
 */
public final class ChromeTrace {
    private static final int TPU = 1, CPU = 2, LINK = 3;

    private ChromeTrace() {}

    public static ObjectNode of(List<LatencyReport> reports, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("displayTimeUnit", "ms");
        ArrayNode ev = root.putArray("traceEvents");
        int pid = 1;
        for (LatencyReport r : reports) {
            meta(ev, pid, 0, "process_name", r.model() + " on " + r.profile() + " (" + r.scenario() + ", "
                    + String.format("%.3f ms", r.latencyMs()) + ")");
            meta(ev, pid, TPU, "thread_name", "Edge TPU");
            meta(ev, pid, CPU, "thread_name", "CPU");
            meta(ev, pid, LINK, "thread_name", "link");
            for (OpTiming o : r.ops()) {
                ObjectNode e = complete(ev, pid, o.placement().equals("tpu") ? TPU : CPU, o.op() + " " + o.name(), o.op(), o.startUs(), o.us());
                ObjectNode a = e.putObject("args");
                a.put("index", o.index());
                a.put("unit", o.unit());
                a.put("cycles", o.cycles());
                a.put("stall_cycles", o.stallCycles());
                a.put("utilization", o.utilization());
                a.put("bytes_in", o.bytesIn());
                a.put("bytes_out", o.bytesOut());
                a.put("param_bytes_streamed", o.paramBytesStreamed());
                a.put("reason", o.reason());
            }
            for (Transfer t : r.transfers()) {
                ObjectNode e = complete(ev, pid, LINK, t.kind() + " " + t.label(), t.kind(), t.startUs(), t.us());
                e.putObject("args").put("bytes", t.bytes());
            }
            pid++;
        }
        return root;
    }

    private static void meta(ArrayNode ev, int pid, int tid, String name, String value) {
        ObjectNode m = ev.addObject();
        m.put("name", name);
        m.put("ph", "M");
        m.put("pid", pid);
        m.put("tid", tid);
        m.putObject("args").put("name", value);
    }

    private static ObjectNode complete(ArrayNode ev, int pid, int tid, String name, String cat, double ts, double dur) {
        ObjectNode e = ev.addObject();
        e.put("name", name);
        e.put("cat", cat);
        e.put("ph", "X");
        e.put("pid", pid);
        e.put("tid", tid);
        e.put("ts", ts);
        e.put("dur", Math.max(dur, 0.001));
        return e;
    }
}
