package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.cli.ToolInfo;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code report}: {@code DIR/report.html} (one self-contained page: inline stylesheet, plots as
 * PNG {@code data:} URIs, no external resources) and {@code DIR/summary.json}, both from the stage
 * results in {@code DIR/stages/}, so a resumed run writes the same report.
 *
 * <pre>{@code
 * JsonNode s = Report.readSummary(dir);
 * s.path("winner").path("int8_accuracy");
 * }</pre>
 */
final class Report {
    static final String HTML = "report.html";
    static final String SUMMARY = "summary.json";
    /** The early, high-resolution stages the seed's question is about (1-based, inclusive). */
    static final int EARLY_STAGES = 3;

    private Report() {}

    static StageOutcome write(Run r, Manifest m, long startNanos) {
        Inputs in = new Inputs(r.result(Stage.REFERENCE), r.result(Stage.SEARCH_EDGETPU), r.result(Stage.SEARCH_CPU), r.result(Stage.COMPARE),
                r.result(Stage.SCALE), r.result(Stage.TRAIN), r.result(Stage.QUANTIZE), r.result(Stage.VALIDATE));
        double reportWall = m.state(Stage.REPORT).wallS() + (System.nanoTime() - startNanos) / 1e9;
        ObjectNode summary = summary(r, m, in, reportWall);
        String html = html(r, summary, in);
        AtomicFiles.writeString(r.dir.resolve(HTML), html);
        AtomicFiles.writeString(r.dir.resolve(SUMMARY), Json.pretty(summary) + "\n");
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("report", HTML);
        out.put("summary", SUMMARY);
        out.put("report_bytes", html.length());
        return new StageOutcome(out, List.of(), String.format(Locale.ROOT, "%s (%d KiB) and %s", HTML, html.length() / 1024, SUMMARY));
    }

    record Inputs(ObjectNode reference, ObjectNode searchEt, ObjectNode searchCpu, ObjectNode compare, ObjectNode scale, ObjectNode train,
            ObjectNode quantize, ObjectNode validate) {}

    static JsonNode readSummary(Path dir) {
        try {
            return Json.MAPPER.readTree(dir.resolve(SUMMARY).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(SUMMARY) + ": " + e.getMessage(), e);
        }
    }

    // ---- summary.json ------------------------------------------------------------------------------

    static ObjectNode summary(Run r, Manifest m, Inputs in, double reportWall) {
        ObjectNode s = Json.report();
        s.put("seed", r.settings.seed());
        s.put("profile", r.profile.name());
        s.put("profile_digest", r.profile.digest());
        s.put("compiler", r.settings.compiler());
        s.put("cpu_profile", r.cpu.name());
        s.put("cpu_profile_digest", r.cpu.digest());
        double wall = 0;
        ObjectNode stages = Json.MAPPER.createObjectNode();
        List<String> cuts = new ArrayList<>();
        for (Stage st : Stage.values()) {
            Manifest.StageState x = m.state(st);
            double w = st == Stage.REPORT ? reportWall : x.wallS();
            String status = st == Stage.REPORT ? "done" : x.status().id();
            wall += w;
            ObjectNode n = stages.putObject(st.id());
            n.put("wall_s", w);
            n.put("status", status);
            n.put("share", st.share());
            n.put("budget_s", st.share() * r.timeBudgetS);
            ArrayNode c = n.putArray("cuts");
            x.cuts().forEach(c::add);
            cuts.addAll(x.cuts());
        }
        s.put("wall_s", wall);
        s.put("time_budget_s", r.timeBudgetS);
        s.put("processes", m.processes());
        s.set("stages", stages);
        s.set("settings", r.settings.toJson());

        JsonNode wEt = in.compare.path("winners").path("edgetpu"), wCpu = in.compare.path("winners").path("cpu");
        ObjectNode w = s.putObject("winner");
        w.set("blocks", wEt.path("blocks").deepCopy());
        w.put("genome", wEt.path("genome").asText());
        w.put("types", wEt.path("types").asText());
        w.put("latency_ms", wEt.path("latency_ms").path(r.profile.name()).asDouble());
        w.put("cpu_latency_ms", wEt.path("latency_ms").path(r.cpu.name()).asDouble());
        w.put("proxy_accuracy", wEt.path("proxy_accuracy").asDouble());
        w.put("float_accuracy", in.quantize.path("float_accuracy").asDouble());
        w.put("int8_accuracy", in.quantize.path("int8_accuracy").asDouble());
        w.put("accuracy_dataset", "fashion-mnist (proxy task: 28x28x1, 10 classes; not ImageNet)");
        w.put("test_images", in.quantize.path("test_images").asInt());
        w.put("macs", wEt.path("macs").asLong());
        w.put("params", wEt.path("params").asLong());
        w.put("activation", wEt.path("activation").asText());
        ObjectNode c = s.putObject("cpu_winner");
        c.set("blocks", wCpu.path("blocks").deepCopy());
        c.put("genome", wCpu.path("genome").asText());
        c.put("types", wCpu.path("types").asText());
        c.put("latency_ms", wCpu.path("latency_ms").path(r.cpu.name()).asDouble());
        c.put("edgetpu_latency_ms", wCpu.path("latency_ms").path(r.profile.name()).asDouble());
        c.put("proxy_accuracy", wCpu.path("proxy_accuracy").asDouble());
        c.put("activation", wCpu.path("activation").asText());
        c.put("macs", wCpu.path("macs").asLong());
        c.put("params", wCpu.path("params").asLong());

        ObjectNode early = s.putObject("early_stages");
        early.put("stages", "1-" + EARLY_STAGES);
        early.put("edgetpu_winner_types", firstTypes(wEt.path("types").asText()));
        early.put("cpu_winner_types", firstTypes(wCpu.path("types").asText()));
        early.put("edgetpu_winner_fused", countType(wEt.path("types").asText(), "c1"));
        early.put("cpu_winner_depthwise", countType(wCpu.path("types").asText(), "c0"));
        early.put("edgetpu_winner_fused_e1", fusedE1(wEt.path("blocks")));
        early.put("cpu_winner_fused_e1", fusedE1(wCpu.path("blocks")));
        early.set("edgetpu_top_fused_share", slice(in.searchEt.path("fused_share_top")));
        early.set("cpu_top_fused_share", slice(in.searchCpu.path("fused_share_top")));
        ArrayNode flipsEt = early.putArray("edgetpu_winner_flip_on_edgetpu_ms"), flipsCpu = early.putArray("cpu_winner_flip_on_cpu_ms");
        for (int i = 0; i < EARLY_STAGES && i < in.compare.path("stages").size(); i++) {
            flipsEt.add(in.compare.path("stages").get(i).path("edgetpu_winner_flip_on_edgetpu_ms").asDouble());
            flipsCpu.add(in.compare.path("stages").get(i).path("cpu_winner_flip_on_cpu_ms").asDouble());
        }

        ArrayNode fam = s.putArray("family");
        for (JsonNode mem : in.scale.path("members")) {
            ObjectNode f = fam.addObject();
            f.put("target_ms", mem.path("target_ms").asDouble());
            f.put("latency_ms", mem.path("latency_ms").asDouble());
            f.put("distance_to_target", mem.path("distance_to_target").asDouble());
            f.put("within_tolerance", mem.path("within_tolerance").asBoolean());
            JsonNode reason = mem.path("reason");
            if (reason.isTextual()) f.put("reason", reason.asText());
            else f.putNull("reason");
            f.set("phi", mem.path("phi").deepCopy());
            f.put("depth_coefficient", mem.path("depth_coefficient").asDouble());
            f.put("width_coefficient", mem.path("width_coefficient").asDouble());
            f.put("resolution", mem.path("resolution").asInt());
            f.put("macs", mem.path("macs").asLong());
            f.put("params", mem.path("params").asLong());
            f.set("proxy_accuracy", mem.path("proxy_accuracy").deepCopy());
            f.set("blocks", mem.path("blocks").deepCopy());
        }
        ObjectNode v = s.putObject("validation");
        JsonNode vs = in.validate.path("summary");
        v.put("measurement_set", in.validate.path("measurement_set").asText());
        for (String k : List.of("n", "mape_pct", "within10", "within20", "spearman", "kendall")) v.set(k, vs.path(k).deepCopy());

        ObjectNode searches = s.putObject("searches");
        search(searches.putObject("edgetpu"), in.searchEt);
        search(searches.putObject("cpu"), in.searchCpu);
        ArrayNode ca = s.putArray("cuts");
        cuts.forEach(ca::add);
        ObjectNode files = s.putObject("files");
        files.put("report", HTML);
        files.put("manifest", Manifest.FILE);
        files.put("edgetpu_history_csv", in.searchEt.path("history_csv").asText());
        files.put("cpu_history_csv", in.searchCpu.path("history_csv").asText());
        files.put("edgetpu_best_blocks", in.searchEt.path("best_blocks").asText());
        files.put("cpu_best_blocks", in.searchCpu.path("best_blocks").asText());
        ArrayNode traces = files.putArray("traces");
        in.compare.path("traces").forEach(t -> traces.add(t.asText()));
        files.put("float_tflite", in.quantize.path("float_tflite").asText());
        files.put("int8_tflite", in.quantize.path("int8_tflite").asText());
        files.put("proxy_cache", ProxyCache.FILE);
        return s;
    }

    private static void search(ObjectNode o, JsonNode st) {
        JsonNode s = st.path("search");
        o.put("profile", st.path("profile").asText());
        o.put("evaluations", s.path("evaluations").asInt());
        o.put("budget", st.path("budget_requested").asInt());
        o.put("cached", s.path("cached").asInt());
        o.put("failed", s.path("failed").asInt());
        o.put("target_ms", s.path("target_ms").asDouble());
        o.put("proxy_trained", st.path("proxy_trained").asInt());
        o.put("proxy_reused", st.path("proxy_reused").asInt());
        o.put("wall_s", s.path("wall_s").asDouble());
        o.put("pareto_size", s.path("pareto_size").asInt());
    }

    private static String firstTypes(String types) {
        String[] t = types.trim().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(t, Math.min(EARLY_STAGES, t.length)));
    }

    private static int countType(String types, String type) {
        int n = 0;
        String[] t = types.trim().split("\\s+");
        for (int i = 0; i < Math.min(EARLY_STAGES, t.length); i++) if (t[i].equals(type)) n++;
        return n;
    }

    /**
     * Early stages that are fused with expansion 1: tensorflow/tpu's MBConvBlockWithoutDepthwise then has
     * no 3x3 conv at all, only the strided 1x1 projection, the cheapest block on any hardware.
     */
    static int fusedE1(JsonNode blocks) {
        int n = 0;
        for (int i = 0; i < Math.min(EARLY_STAGES, blocks.size()); i++) {
            BlockArgs b = BlockString.parse(blocks.get(i).asText());
            if (b.fused() && b.expandRatio() == 1) n++;
        }
        return n;
    }

    private static ArrayNode slice(JsonNode shares) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int i = 0; i < Math.min(EARLY_STAGES, shares.size()); i++) a.add(shares.get(i).asDouble());
        return a;
    }

    // ---- stdout ------------------------------------------------------------------------------------

    /** The closing summary printed on stdout. */
    static String stdoutSummary(Path dir, JsonNode s) {
        StringBuilder sb = new StringBuilder();
        JsonNode w = s.path("winner"), c = s.path("cpu_winner");
        sb.append(String.format(Locale.ROOT, "report         %s%n", dir.resolve(HTML)));
        sb.append(String.format(Locale.ROOT, "wall           %.1f s (time budget %s), seed %d, profile %s (compiler %s)%n", s.path("wall_s").asDouble(),
                PipelineCommand.formatDuration(s.path("time_budget_s").asDouble()), s.path("seed").asLong(), s.path("profile").asText(),
                s.path("compiler").asText()));
        sb.append(String.format(Locale.ROOT, "cut            %s%n", s.path("cuts").isEmpty() ? "nothing" : String.join("; ", texts(s.path("cuts")))));
        sb.append(String.format(Locale.ROOT, "%nEdge TPU winner (%s)%n", s.path("profile").asText()));
        sb.append(String.format(Locale.ROOT, "  blocks       %s%n", String.join(" ", texts(w.path("blocks")))));
        sb.append(String.format(Locale.ROOT, "  types        %s (c1 fused, c0 depthwise MBConv), activation %s%n", w.path("types").asText(),
                w.path("activation").asText()));
        sb.append(String.format(Locale.ROOT, "  latency      %.3f ms simulated (%.3f ms on %s)%n", w.path("latency_ms").asDouble(),
                w.path("cpu_latency_ms").asDouble(), s.path("cpu_profile").asText()));
        sb.append(String.format(Locale.ROOT, "  accuracy     proxy %.4f; trained float %.4f, int8 %.4f on %d test images (Fashion-MNIST proxy task, "
                + "not ImageNet)%n", w.path("proxy_accuracy").asDouble(), w.path("float_accuracy").asDouble(), w.path("int8_accuracy").asDouble(),
                w.path("test_images").asInt()));
        sb.append(String.format(Locale.ROOT, "%ncpu-only winner%n"));
        sb.append(String.format(Locale.ROOT, "  blocks       %s%n", String.join(" ", texts(c.path("blocks")))));
        sb.append(String.format(Locale.ROOT, "  types        %s, activation %s%n", c.path("types").asText(), c.path("activation").asText()));
        sb.append(String.format(Locale.ROOT, "  latency      %.3f ms simulated on %s (%.3f ms on %s)%n", c.path("latency_ms").asDouble(),
                s.path("cpu_profile").asText(), c.path("edgetpu_latency_ms").asDouble(), s.path("profile").asText()));
        sb.append(String.format(Locale.ROOT, "  accuracy     proxy %.4f (Fashion-MNIST proxy)%n", c.path("proxy_accuracy").asDouble()));
        JsonNode e = s.path("early_stages");
        sb.append(String.format(Locale.ROOT, "%nstages %s     Edge TPU winner %s (%d of %d fused%s); cpu-only winner %s (%d of %d depthwise%s)%n",
                e.path("stages").asText(), e.path("edgetpu_winner_types").asText(), e.path("edgetpu_winner_fused").asInt(), EARLY_STAGES,
                e1(e.path("edgetpu_winner_fused_e1").asInt()), e.path("cpu_winner_types").asText(), e.path("cpu_winner_depthwise").asInt(),
                EARLY_STAGES, e1(e.path("cpu_winner_fused_e1").asInt())));
        JsonNode v = s.path("validation");
        sb.append(String.format(Locale.ROOT, "validation     %d published latencies: MAPE %.1f%%, Spearman %.3f%n", v.path("n").asInt(),
                v.path("mape_pct").asDouble(), v.path("spearman").asDouble()));
        return sb.toString();
    }

    private static String e1(int n) {
        return n == 0 ? "" : String.format(Locale.ROOT, "; %d fused with e1, i.e. only a strided 1x1 conv", n);
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    // ---- report.html -------------------------------------------------------------------------------

    private static final String CSS = """
            :root{--fg:#1c2230;--muted:#5c6577;--line:#e2e6ee;--soft:#f5f7fa;--card:#fff;--accent:#2457c5;--c1:#1d4ed8;--c1bg:#e6efff;\
            --c0:#9a4d00;--c0bg:#fff0de;--warn:#b45309}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--soft)}
            .wrap{max-width:1160px;margin:0 auto;padding:0 24px}
            header{background:#172033;color:#f4f6fb;padding:26px 0 20px}
            header h1{margin:0 0 6px;font-size:26px;font-weight:650;letter-spacing:-.01em}
            header p{margin:2px 0;color:#c3cad8;font-size:14px}
            header code{color:#f4f6fb;background:rgba(255,255,255,.08)}
            nav{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);backdrop-filter:blur(4px)}
            nav .wrap{display:flex;flex-wrap:wrap;gap:4px 16px;padding:9px 24px;font-size:13.5px}
            nav a{color:var(--muted);text-decoration:none}
            nav a:hover{color:var(--accent)}
            section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 24px 10px;margin:18px 0}
            section>h2{margin:0 0 10px;font-size:20px;font-weight:650}
            h3{font-size:15.5px;margin:18px 0 6px}
            p{margin:6px 0 10px}
            .muted{color:var(--muted);font-size:13.5px}
            a{color:var(--accent)}
            .tw{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:13.5px;margin:6px 0 14px}
            td:first-child,th:first-child{white-space:nowrap}
            th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            thead th{background:var(--soft);font-weight:600;border-bottom:1px solid #cfd5df;white-space:nowrap}
            tbody tr:hover{background:#fafbfd}
            .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
            code{font-size:12.5px;background:var(--soft);padding:1px 4px;border-radius:4px}
            pre{background:#111827;color:#e5e9f0;padding:12px 14px;border-radius:8px;overflow:auto;font-size:12px;line-height:1.45}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px;margin:8px 0 14px}
            .card{border:1px solid var(--line);border-radius:9px;padding:11px 14px;background:var(--soft)}
            .card .k{font-size:12.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
            .card .v{font-size:23px;font-weight:650;font-variant-numeric:tabular-nums}
            .card .s{font-size:12.5px;color:var(--muted)}
            .grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
            .grid2>*{min-width:0}
            .grid2.narrow-left{grid-template-columns:2fr 3fr}
            @media (max-width:900px){.grid2,.grid2.narrow-left{grid-template-columns:1fr}}
            figure{margin:6px 0 12px}
            figcaption{font-size:13px;color:var(--muted);margin-top:4px}
            img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
            .types{white-space:nowrap}
            .tag{display:inline-block;font:600 11.5px/1.6 ui-monospace,Menlo,Consolas,monospace;padding:0 5px;border-radius:4px;margin-right:3px}
            .tag.c1{background:var(--c1bg);color:var(--c1)}
            .tag.c0{background:var(--c0bg);color:var(--c0)}
            .bar{display:inline-block;height:9px;background:var(--accent);border-radius:2px;vertical-align:middle;opacity:.8}
            .note{border-left:4px solid var(--warn);background:#fff8ee;padding:8px 12px;border-radius:4px;margin:8px 0 12px}
            .ok{border-left-color:#15803d;background:#effaf2}
            .blocks code{display:inline-block;margin:1px 0}
            .nw{white-space:nowrap}
            details{margin:4px 0 12px}
            details summary{cursor:pointer;color:var(--accent);font-size:14px}
            footer{color:var(--muted);font-size:12.5px;padding:10px 0 30px}
            """;

    static String html(Run r, JsonNode s, Inputs in) {
        StringBuilder sb = new StringBuilder(1 << 20);
        String et = r.profile.name(), cpu = r.cpu.name();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>edgetpu-nas pipeline report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header><div class=\"wrap\"><h1>edgetpu-nas pipeline</h1>");
        sb.append(String.format(Locale.ROOT, "<p>Hardware-aware search for the Edge TPU, simulated: profile %s (compiler %s, digest %s) against %s. "
                + "Seed %d, %s in %.0f s of a %s time budget, tool %s.</p>", Html.code(et), Html.esc(r.settings.compiler()),
                Html.esc(r.profile.digest()), Html.code(cpu), r.settings.seed(), s.path("processes").asInt() > 1
                        ? s.path("processes").asInt() + " processes (resumed)" : "one process", s.path("wall_s").asDouble(),
                PipelineCommand.formatDuration(r.timeBudgetS), Html.esc(ToolInfo.VERSION)));
        sb.append("<p>Latencies are simulated (cycle-approximate model of the Edge TPU, calibrated on Coral's published numbers); accuracies come ")
                .append("from a Fashion-MNIST proxy task (28&times;28&times;1, 10 classes), never from ImageNet.</p></div></header>\n");
        sb.append("<nav><div class=\"wrap\">");
        String[][] nav = {{"summary", "Summary"}, {"reference", "Reference models"}, {"search", "Searches"}, {"stages", "Winners stage by stage"},
            {"latency", "Latency breakdown"}, {"compile", "Compile report"}, {"family", "Scaled family"}, {"accuracy", "Float vs int8"},
            {"validation", "Validation"}, {"claims", "Seed's claims"}, {"budget", "Time budget"}, {"files", "Files"}};
        for (String[] n : nav) sb.append("<a href=\"#").append(n[0]).append("\">").append(n[1]).append("</a>");
        sb.append("</div></nav>\n<main class=\"wrap\">\n");
        summarySection(sb, r, s, in);
        referenceSection(sb, r, in);
        searchSection(sb, r, in);
        stagesSection(sb, r, s, in);
        latencySection(sb, r, in);
        familySection(sb, r, in);
        accuracySection(sb, in);
        validationSection(sb, r, in);
        claimsSection(sb, in);
        budgetSection(sb, r, s);
        filesSection(sb, s, in);
        sb.append("</main>\n<footer><div class=\"wrap\">Written by <code>edgetpu-nas pipeline</code> ").append(Html.esc(ToolInfo.VERSION))
                .append(". Self-contained: no scripts, fonts or images from elsewhere; links point to files beside this page.</div></footer>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void open(StringBuilder sb, String id, String title) {
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.esc(title)).append("</h2>\n");
    }

    private static void close(StringBuilder sb) {
        sb.append("</section>\n");
    }

    private static void card(StringBuilder sb, String k, String v, String sub) {
        sb.append("<div class=\"card\"><div class=\"k\">").append(Html.esc(k)).append("</div><div class=\"v\">").append(v)
                .append("</div><div class=\"s\">").append(sub).append("</div></div>");
    }

    private static void summarySection(StringBuilder sb, Run r, JsonNode s, Inputs in) {
        open(sb, "summary", "Summary");
        JsonNode w = s.path("winner"), c = s.path("cpu_winner"), e = s.path("early_stages");
        sb.append("<div class=\"cards\">");
        card(sb, "Edge TPU winner latency", Html.ms(w.path("latency_ms").asDouble()) + " ms",
                "simulated on " + Html.esc(r.profile.name()) + "; " + Html.ms(w.path("cpu_latency_ms").asDouble()) + " ms on " + Html.esc(r.cpu.name()));
        card(sb, "Proxy accuracy", Html.f("%.3f", w.path("proxy_accuracy").asDouble()),
                Html.esc(r.settings.proxySteps() + " steps on " + r.settings.proxyTrainImages() + " Fashion-MNIST images"));
        card(sb, "Float / int8 accuracy", Html.f("%.3f", w.path("float_accuracy").asDouble()) + " / " + Html.f("%.3f", w.path("int8_accuracy").asDouble()),
                "Fashion-MNIST proxy task, " + w.path("test_images").asInt() + " test images");
        card(sb, "cpu-only winner latency", Html.ms(c.path("latency_ms").asDouble()) + " ms",
                "on " + Html.esc(r.cpu.name()) + "; " + Html.ms(c.path("edgetpu_latency_ms").asDouble()) + " ms on " + Html.esc(r.profile.name()));
        sb.append("</div>\n");
        sb.append("<table><tbody>");
        sb.append("<tr><th>Edge TPU winner</th><td class=\"blocks\">").append(blocks(w.path("blocks"))).append("</td><td>")
                .append(Html.types(w.path("types").asText())).append("</td></tr>");
        sb.append("<tr><th>cpu-only winner</th><td class=\"blocks\">").append(blocks(c.path("blocks"))).append("</td><td>")
                .append(Html.types(c.path("types").asText())).append("</td></tr>");
        sb.append("</tbody></table>\n");
        sb.append("<h3>Are the early stages fused on the Edge TPU and depthwise on the CPU?</h3>\n");
        sb.append(earlyStagesTable(r, s));
        sb.append("<p>").append(earlyStagesText(r, s)).append("</p>\n");
        if (s.path("cuts").isEmpty()) {
            sb.append("<div class=\"note ok\">Nothing was cut by the time budget: every stage did its full work.</div>\n");
        } else {
            sb.append("<div class=\"note\"><b>Cut by the time budget:</b><ul>");
            s.path("cuts").forEach(x -> sb.append("<li>").append(Html.esc(x.asText())).append("</li>"));
            sb.append("</ul>Results of a cut run depend on the machine's speed; with nothing cut, the same seed gives the same results.</div>\n");
        }
        close(sb);
    }

    /** Stages 1..EARLY_STAGES: each winner's type, the latency change of flipping it, and the fused share among each search's best. */
    static String earlyStagesTable(Run r, JsonNode s) {
        JsonNode e = s.path("early_stages");
        String[] h = new String[EARLY_STAGES + 1];
        h[0] = "";
        for (int i = 1; i <= EARLY_STAGES; i++) h[i] = "#stage " + i;
        Html.Table t = new Html.Table(h);
        t.row(cells("Edge TPU winner: type", split(e.path("edgetpu_winner_types").asText()), x -> Html.types(x)));
        t.row(cells("Edge TPU winner: Δ ms if flipped, on " + r.profile.name(), list(e.path("edgetpu_winner_flip_on_edgetpu_ms")),
                x -> Html.signedMs(Double.parseDouble(x))));
        t.row(cells("cpu-only winner: type", split(e.path("cpu_winner_types").asText()), x -> Html.types(x)));
        t.row(cells("cpu-only winner: Δ ms if flipped, on " + r.cpu.name(), list(e.path("cpu_winner_flip_on_cpu_ms")),
                x -> Html.signedMs(Double.parseDouble(x))));
        t.row(cells("fused among the Edge TPU search's " + SearchStage.TOP + " best", list(e.path("edgetpu_top_fused_share")),
                x -> Html.pct(Double.parseDouble(x))));
        t.row(cells("fused among the cpu-only search's " + SearchStage.TOP + " best", list(e.path("cpu_top_fused_share")),
                x -> Html.pct(Double.parseDouble(x))));
        return t.toString();
    }

    private static Object[] cells(String label, List<String> values, java.util.function.Function<String, String> f) {
        Object[] c = new Object[EARLY_STAGES + 1];
        c[0] = Html.esc(label);
        for (int i = 0; i < EARLY_STAGES; i++) c[i + 1] = i < values.size() ? f.apply(values.get(i)) : "";
        return c;
    }

    private static List<String> split(String types) {
        return List.of(types.trim().split("\\s+"));
    }

    private static List<String> list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** The answer to "are the Edge TPU winner's early stages fused and the cpu-only winner's depthwise?", in words. */
    static String earlyStagesText(Run r, JsonNode s) {
        JsonNode e = s.path("early_stages");
        int fused = e.path("edgetpu_winner_fused").asInt(), dw = e.path("cpu_winner_depthwise").asInt();
        int cpuE1 = e.path("cpu_winner_fused_e1").asInt(), etE1 = e.path("edgetpu_winner_fused_e1").asInt();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "The Edge TPU winner has %d of its first %d stages fused (the seed expects "
                + "fused); the cpu-only winner has %d of %d depthwise (expected depthwise). A positive &Delta; means the winner's type is the faster one "
                + "on that profile; a negative one, that the other type would have been faster.", fused, EARLY_STAGES, dw, EARLY_STAGES));
        if (cpuE1 + etE1 > 0) {
            sb.append(String.format(Locale.ROOT, " Of the fused early stages, %d (Edge TPU winner) and %d (cpu-only winner) have expansion 1: such a "
                    + "block (tensorflow/tpu's MBConvBlockWithoutDepthwise) has no 3&times;3 conv at all, only the strided 1&times;1 projection, which "
                    + "is cheaper than a depthwise block on any hardware; that is a &ldquo;fused&rdquo; stage a CPU search can prefer.", etE1, cpuE1));
        }
        sb.append(String.format(Locale.ROOT, "</p>\n<p class=\"muted\">Why a winner can disagree with the seed: under the MnasNet reward (w = &minus;0.07) a 2&times; faster "
                + "network scores only 5%% higher, so the winner is mostly the best proxy accuracy; the proxy (%d steps on %d images) ranks candidates "
                + "only weakly (the default 30-step proxy: Spearman 0.36 against 5&times; longer training, training/README.md); and %d evaluations from a "
                + "random population of %d leave most of the space unseen. The fused shares among each search's best candidates say more than one winner.",
                r.settings.proxySteps(), r.settings.proxyTrainImages(), r.settings.budget(), r.settings.population()));
        return sb.toString();
    }

    private static String joinMs(JsonNode a) {
        List<String> s = new ArrayList<>();
        a.forEach(x -> s.add(Html.signedMs(x.asDouble())));
        return String.join(", ", s);
    }

    private static String joinPct(JsonNode a) {
        List<String> s = new ArrayList<>();
        a.forEach(x -> s.add(String.format(Locale.ROOT, "%.0f%%", 100 * x.asDouble())));
        return String.join(" / ", s);
    }

    private static String blocks(JsonNode a) {
        List<String> s = new ArrayList<>();
        a.forEach(x -> s.add(Html.code(x.asText())));
        return String.join(" ", s);
    }

    private static void referenceSection(StringBuilder sb, Run r, Inputs in) {
        open(sb, "reference", "Reference models");
        sb.append("<p class=\"muted\">The deployed (int8) networks of the model zoo at 224&times;224, simulated warm on ").append(Html.code(r.profile.name()))
                .append(" under both compiler versions and on ").append(Html.code(r.cpu.name())).append(".</p>\n");
        Html.Table t = new Html.Table("model", "profile", "compiler", "#MACs", "#params", "#ops TPU / CPU", "#cached", "#streamed", "#latency ms");
        for (JsonNode x : in.reference.path("rows")) {
            t.row(Html.code(x.path("model").asText()), Html.esc(x.path("profile").asText()), Html.esc(x.path("compiler").asText()),
                    Html.si(x.path("macs").asDouble()), Html.si(x.path("params").asDouble()), x.path("tpu_ops").asInt() + " / " + x.path("cpu_ops").asInt(),
                    Html.bytes(x.path("onchip_used_bytes").asDouble()), Html.bytes(x.path("streamed_bytes").asDouble()),
                    "<b>" + Html.ms(x.path("latency_ms").asDouble()) + "</b>");
        }
        sb.append(t);
        close(sb);
    }

    private static void searchSection(StringBuilder sb, Run r, Inputs in) {
        open(sb, "search", "Searches");
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">Regularized evolution on the <code>edgetpu</code> space (6 stages: c0/c1, kernel 3/5, "
                + "expansion 1/4/8, repeats 1&ndash;6, width 0.75/1/1.25%s), population %d, tournament %d, batches of 8, MnasNet soft reward "
                + "acc&middot;(lat/T)<sup>&minus;0.07</sup> with T the median latency of 256 random genomes on the profile. Latency is simulated on the "
                + "full 224&times;224 network; accuracy is the proxy: %d SGD steps of %d on %d Fashion-MNIST images at width &times;%s, held-out accuracy on "
                + "%d images. Both searches use the same seed and space, so they start from the same random population, whose proxy "
                + "accuracies the cpu-only search reuses.</p>\n", r.swishAndSe() ? "; swish and SE allowed: the compiler maps them" : "",
                r.settings.population(), r.settings.sample(), r.settings.proxySteps(), r.settings.proxyBatch(), r.settings.proxyTrainImages(),
                Html.f("%s", r.settings.proxyBudget().widthFactor()), r.settings.proxyEvalImages()));
        sb.append("<div class=\"grid2\">");
        figure(sb, r.dir.resolve(in.searchEt.path("pareto_png").asText()), String.format(Locale.ROOT, "Edge TPU search on %s: %d candidates, "
                + "proxy accuracy vs simulated latency", r.profile.name(), in.searchEt.path("search").path("evaluations").asInt()));
        figure(sb, r.dir.resolve(in.searchCpu.path("pareto_png").asText()), String.format(Locale.ROOT, "cpu-only search: %d candidates, proxy "
                + "accuracy vs simulated latency", in.searchCpu.path("search").path("evaluations").asInt()));
        sb.append("</div>\n");
        Html.Table t = new Html.Table("search", "profile", "#evaluated", "#failed", "#proxy trained / reused", "#target ms",
                "#best accuracy", "#best latency ms", "#wall s");
        for (JsonNode st : List.of(in.searchEt, in.searchCpu)) {
            JsonNode s = st.path("search"), b = s.path("best");
            t.row(st == in.searchEt ? "Edge TPU" : "cpu-only", "<span class=\"nw\">" + Html.esc(st.path("profile").asText()) + "</span>",
                    s.path("evaluations").asInt() + " of " + st.path("budget_requested").asInt(), s.path("failed").asInt(),
                    st.path("proxy_trained").asInt() + " / " + st.path("proxy_reused").asInt(), Html.ms(s.path("target_ms").asDouble()),
                    Html.f("%.3f", b.path("accuracy").asDouble()), Html.ms(b.path("latency_ms").asDouble()), Html.f("%.0f", s.path("wall_s").asDouble()));
        }
        sb.append(t);
        for (JsonNode st : List.of(in.searchEt, in.searchCpu)) {
            sb.append("<details><summary>").append(st == in.searchEt ? "Edge TPU" : "cpu-only").append(" search: the ").append(SearchStage.TOP)
                    .append(" best candidates</summary>\n");
            Html.Table top = new Html.Table("#eval", "types", "genome", "#proxy acc", "#latency ms", "#reward");
            for (JsonNode c : st.path("top")) {
                top.row(c.path("eval").asInt(), Html.types(c.path("types").asText()), Html.code(c.path("genome").asText()),
                        Html.f("%.3f", c.path("accuracy").asDouble()), Html.ms(c.path("latency_ms").asDouble()), Html.f("%.4f", c.path("reward").asDouble()));
            }
            sb.append(top).append("</details>\n");
        }
        close(sb);
    }

    private static void figure(StringBuilder sb, Path png, String caption) {
        sb.append("<figure>");
        try {
            sb.append(Html.png(Files.readAllBytes(png), caption));
        } catch (IOException e) {
            sb.append("<p class=\"muted\">(plot missing: ").append(Html.esc(png.getFileName().toString())).append(")</p>");
        }
        sb.append("<figcaption>").append(Html.esc(caption)).append("</figcaption></figure>");
    }

    private static void stagesSection(StringBuilder sb, Run r, JsonNode s, Inputs in) {
        open(sb, "stages", "Edge TPU winner vs cpu-only winner, stage by stage");
        sb.append("<p class=\"muted\">c1: fused MBConv (a full 3&times;3 expansion conv, then a 1&times;1 projection with the stride; with expansion 1 "
                + "(<code>e1</code>) only the strided 1&times;1 projection, as in tensorflow/tpu); c0: MBConv with a depthwise conv. "
                + "&Delta; ms: the simulated latency change when only that stage's type is flipped (everything else kept), for the Edge TPU winner on "
                + Html.code(r.profile.name()) + " and for the cpu-only winner on " + Html.code(r.cpu.name()) + ". S: EfficientNet-EdgeTPU-S's "
                + "choice, for reference.</p>\n");
        Html.Table t = new Html.Table("stage", "#stride", "Edge TPU winner", "type", "#Δ ms", "cpu-only winner", "type", "#Δ ms", "S");
        for (JsonNode x : in.compare.path("stages")) {
            t.row(x.path("stage").asInt(), x.path("stride").asInt(), Html.code(x.path("edgetpu_block").asText()), Html.types(x.path("edgetpu_type").asText()),
                    Html.signedMs(x.path("edgetpu_winner_flip_on_edgetpu_ms").asDouble()), Html.code(x.path("cpu_block").asText()),
                    Html.types(x.path("cpu_type").asText()), Html.signedMs(x.path("cpu_winner_flip_on_cpu_ms").asDouble()),
                    Html.types(x.path("reference_s_type").asText()));
        }
        sb.append(t);
        JsonNode w = in.compare.path("winners");
        Html.Table x = new Html.Table("winner", "types", "#MACs", "#params", "#latency on " + r.profile.name() + " ms", "#latency on " + r.cpu.name() + " ms",
                "#proxy accuracy");
        for (String k : List.of("edgetpu", "cpu")) {
            JsonNode n = w.path(k);
            x.row(k.equals("edgetpu") ? "Edge TPU" : "cpu-only", Html.types(n.path("types").asText()), Html.si(n.path("macs").asDouble()),
                    Html.si(n.path("params").asDouble()), Html.ms(n.path("latency_ms").path(r.profile.name()).asDouble()),
                    Html.ms(n.path("latency_ms").path(r.cpu.name()).asDouble()), Html.f("%.3f", n.path("proxy_accuracy").asDouble()));
        }
        sb.append(x);
        Html.Table share = new Html.Table("search", "#stage 1", "#stage 2", "#stage 3", "#stage 4", "#stage 5", "#stage 6");
        for (JsonNode st : List.of(in.searchEt, in.searchCpu)) {
            List<Object> cells = new ArrayList<>();
            cells.add(st == in.searchEt ? "Edge TPU, " + SearchStage.TOP + " best" : "cpu-only, " + SearchStage.TOP + " best");
            st.path("fused_share_top").forEach(v -> cells.add(Html.pct(v.asDouble())));
            share.row(cells.toArray());
        }
        for (JsonNode st : List.of(in.searchEt, in.searchCpu)) {
            List<Object> cells = new ArrayList<>();
            cells.add(st == in.searchEt ? "Edge TPU, all evaluated" : "cpu-only, all evaluated");
            st.path("fused_share_all").forEach(v -> cells.add(Html.pct(v.asDouble())));
            share.row(cells.toArray());
        }
        sb.append("<h3>Share of fused (c1) stages among the candidates</h3>\n").append(share);
        close(sb);
    }

    private static void latencySection(StringBuilder sb, Run r, Inputs in) {
        JsonNode b = in.compare.path("edgetpu_winner_breakdown");
        open(sb, "latency", "Where the Edge TPU winner's time goes");
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">Simulated warm inference on %s: %s ms = Edge TPU %s + CPU %s + transfers %s + overhead %s. "
                + "Chrome traces (open in Perfetto or chrome://tracing) are listed under <a href=\"#files\">Files</a>.</p>\n", Html.code(r.profile.name()),
                Html.ms(b.path("latency_ms").asDouble()), Html.ms(b.path("tpu_ms").asDouble()), Html.ms(b.path("cpu_ms").asDouble()),
                Html.ms(b.path("transfer_ms").asDouble()), Html.ms(b.path("overhead_ms").asDouble())));
        double total = b.path("latency_ms").asDouble();
        JsonNode bc = in.compare.path("cpu_winner_breakdown");
        Html.Table t = new Html.Table("part", "#ops", "#ms", "share", "#link bytes", "#cpu-only winner on " + r.cpu.name() + " ms");
        for (int i = 0; i < b.path("by_part").size(); i++) {
            JsonNode p = b.path("by_part").get(i);
            JsonNode q = i < bc.path("by_part").size() ? bc.path("by_part").get(i) : null;
            double ms = p.path("ms").asDouble();
            t.row(Html.esc(p.path("part").asText()), p.path("ops").asInt(), Html.ms(ms), Html.bar(total > 0 ? ms / total : 0, Html.pct(total > 0 ? ms / total : 0)),
                    Html.bytes(p.path("link_bytes").asDouble()), q == null ? "" : Html.ms(q.path("ms").asDouble()));
        }
        sb.append("<h3>By part</h3>").append(t);
        Html.Table k = new Html.Table("op (where)", "#count", "#ms", "share");
        for (JsonNode o : b.path("by_op")) {
            double ms = o.path("ms").asDouble();
            k.row(Html.esc(o.path("op").asText()), o.path("count").asInt(), Html.ms(ms), Html.bar(total > 0 ? ms / total : 0, Html.pct(total > 0 ? ms / total : 0)));
        }
        Html.Table tot = new Html.Table("quantity", "#value");
        JsonNode w = in.compare.path("winners").path("edgetpu");
        tot.row("ops on the Edge TPU / CPU", w.path("tpu_ops").asInt() + " / " + w.path("cpu_ops").asInt());
        tot.row("parameters cached on chip", Html.bytes(w.path("onchip_used_bytes").asDouble()));
        tot.row("parameters streamed per inference", Html.bytes(w.path("streamed_bytes").asDouble()));
        tot.row("MACs / parameters", Html.si(w.path("macs").asDouble()) + " / " + Html.si(w.path("params").asDouble()));
        tot.row("Edge TPU / CPU / transfers / overhead", Html.ms(b.path("tpu_ms").asDouble()) + " / " + Html.ms(b.path("cpu_ms").asDouble()) + " / "
                + Html.ms(b.path("transfer_ms").asDouble()) + " / " + Html.ms(b.path("overhead_ms").asDouble()) + " ms");
        sb.append("<div class=\"grid2\"><div><h3>By op</h3>").append(k).append("</div><div><h3>Totals</h3>").append(tot).append("</div></div>\n");
        Html.Table top = new Html.Table("#op", "kind", "name", "unit", "#cycles", "#stall cycles", "#utilization", "#link bytes", "#streamed", "#ms");
        for (JsonNode o : b.path("top_ops")) {
            top.row(o.path("index").asInt(), o.path("op").asText(), Html.code(o.path("name").asText()), Html.esc(o.path("placement").asText() + "/"
                    + o.path("unit").asText()), o.path("cycles").asLong(), o.path("stall_cycles").asLong(), Html.f("%.2f", o.path("utilization").asDouble()),
                    Html.bytes(o.path("link_bytes").asDouble()), Html.bytes(o.path("streamed_bytes").asDouble()), Html.ms(o.path("ms").asDouble()));
        }
        sb.append("<h3>The ").append(CompareStage.TOP_OPS).append(" slowest ops</h3>\n").append(top);
        close(sb);
        open(sb, "compile", "Compile report of the Edge TPU winner");
        if (in.compare.has("compile_report")) {
            sb.append("<p class=\"muted\">What the compiler model prints for the winner (as <code>edgetpu_compiler -s</code> would), on ")
                    .append(Html.code(r.profile.name())).append(".</p>\n<pre>").append(Html.esc(in.compare.path("compile_report").asText())).append("</pre>\n");
        } else {
            sb.append("<p>The profile has no accelerator: nothing is compiled.</p>\n");
        }
        close(sb);
    }

    private static void familySection(StringBuilder sb, Run r, Inputs in) {
        open(sb, "family", "Scaled family of the Edge TPU winner");
        JsonNode sc = in.scale, base = sc.path("base");
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">Compound scaling (depth &alpha;<sup>&phi;</sup>, width &beta;<sup>&phi;</sup>, resolution "
                + "&gamma;<sup>&phi;</sup>; &alpha; %s, &beta; %s, &gamma; %s; round_filters / round_repeats as tensorflow/tpu) to %sx, %sx and %sx the winner's "
                + "latency; for each target the slowest member that meets it (phi on a 0.001 grid, the resolution fine-tuned in steps of 8 where that gets "
                + "closer). Proxy accuracy is at 28&times;28 (the proxy cannot see resolution).</p>\n", sc.path("alpha").asText(), sc.path("beta").asText(),
                sc.path("gamma").asText(), ScaleStage.T1, ScaleStage.T2, ScaleStage.T3));
        Html.Table t = new Html.Table("member", "#target ms", "#phi", "#depth", "#width", "#resolution", "#MACs", "#params", "#latency ms", "#distance",
                "#proxy accuracy");
        t.row("winner (base)", "", "0", "1.000", "1.000", base.path("resolution").asInt(), Html.si(base.path("macs").asDouble()),
                Html.si(base.path("params").asDouble()), Html.ms(base.path("latency_ms").asDouble()), "", Html.f("%.3f", base.path("proxy_accuracy").asDouble(Double.NaN)));
        int k = 1;
        for (JsonNode m : sc.path("members")) {
            t.row("member " + k++, Html.ms(m.path("target_ms").asDouble()), m.path("phi").isNull() ? "-" : Html.f("%.3f", m.path("phi").asDouble()),
                    Html.f("%.3f", m.path("depth_coefficient").asDouble()), Html.f("%.3f", m.path("width_coefficient").asDouble()),
                    m.path("resolution").asInt() + (m.path("resolution_fine_tuned").asBoolean() ? "*" : ""), Html.si(m.path("macs").asDouble()),
                    Html.si(m.path("params").asDouble()), "<b>" + Html.ms(m.path("latency_ms").asDouble()) + "</b>",
                    Html.f("%+.1f%%", 100 * m.path("distance_to_target").asDouble()),
                    m.path("proxy_accuracy").isNull() ? "-" : Html.f("%.3f", m.path("proxy_accuracy").asDouble()));
        }
        sb.append(t);
        sb.append("<p class=\"muted\">* resolution moved off &gamma;<sup>&phi;</sup>. Block strings (each member's <code>.blocks</code> file is in ")
                .append("<code>family/</code>):</p>\n<ul>");
        k = 1;
        for (JsonNode m : sc.path("members")) {
            sb.append("<li>member ").append(k++).append(" (").append(m.path("resolution").asInt()).append("&times;").append(m.path("resolution").asInt())
                    .append("): <span class=\"blocks\">").append(blocks(m.path("blocks"))).append("</span>");
            if (!m.path("reason").isNull() && !m.path("reason").asText().isEmpty()) sb.append("<br><span class=\"muted\">").append(Html.esc(m.path("reason").asText()))
                    .append("</span>");
            sb.append("</li>");
        }
        sb.append("</ul>\n");
        close(sb);
    }

    private static void accuracySection(StringBuilder sb, Inputs in) {
        open(sb, "accuracy", "Training and int8 quantization (Fashion-MNIST proxy task)");
        JsonNode t = in.train, q = in.quantize;
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">The Edge TPU winner adapted to Fashion-MNIST (28&times;28&times;1 input, 10 classes, early "
                + "strides reduced, widths &times;%s: %s parameters, %s MACs per image) and trained for %d of %d steps (%d epochs planned over %d seeded "
                + "training images, batch %d, SGD Nesterov, peak lr %s, cosine). This is a proxy task, <b>not ImageNet</b>: the accuracies below say how "
                + "the architecture trains on small grey images, and what int8 costs it.</p>\n", Html.f("%s", t.path("width_factor").asDouble()),
                Html.si(t.path("params").asDouble()), Html.si(t.path("macs_per_image").asDouble()), t.path("steps_run").asInt(),
                t.path("steps_planned").asInt(), t.path("epochs_planned").asInt(), t.path("train_images").asInt(), t.path("batch").asInt(),
                t.path("learning_rate").asText()));
        sb.append("<div class=\"cards\">");
        card(sb, "Float accuracy", Html.f("%.4f", q.path("float_accuracy").asDouble()), "BN folded, " + q.path("test_images").asInt() + " test images");
        card(sb, "Int8 accuracy", Html.f("%.4f", q.path("int8_accuracy").asDouble()), "integer interpreter, TFLite int8 scheme");
        card(sb, "Drop", Html.f("%+.2f", 100 * q.path("top1_drop").asDouble()) + " pp", "agreement " + Html.f("%.4f", q.path("agreement").asDouble()));
        card(sb, "Model size", Html.bytes(q.path("int8_bytes").asDouble()), "int8; float " + Html.bytes(q.path("float_bytes").asDouble()));
        sb.append("</div>\n");
        Html.Table h = new Html.Table("#epoch", "#train loss", "#train accuracy", "#test loss", "#test accuracy", "#seconds", "#samples/s");
        for (JsonNode e : t.path("history")) {
            h.row(e.path("epoch").asInt(), Html.f("%.4f", e.path("train_loss").asDouble()), Html.f("%.4f", e.path("train_accuracy").asDouble()),
                    Html.f("%.4f", e.path("test_loss").asDouble()), Html.f("%.4f", e.path("test_accuracy").asDouble()), Html.f("%.1f", e.path("train_s").asDouble()),
                    Html.f("%.0f", e.path("samples_per_s").asDouble()));
        }
        sb.append("<h3>Training</h3>").append(t.path("history").isEmpty()
                ? "<p class=\"muted\">No epoch finished (training was cut); the model was saved after step " + t.path("steps_run").asInt() + ".</p>" : h);
        Html.Table qt = new Html.Table("quantity", "value");
        qt.row("calibration", Html.esc(q.path("calibration").asText()));
        qt.row("per-layer SQNR (min / median / max)", Html.f("%.1f", q.path("sqnr_min_db").asDouble()) + " / " + Html.f("%.1f", q.path("sqnr_median_db").asDouble())
                + " / " + Html.f("%.1f", q.path("sqnr_max_db").asDouble()) + " dB");
        qt.row("layers", q.path("layers").asInt());
        qt.row("read-back check", q.path("readback_identical").asInt() + " of " + q.path("readback_samples").asInt() + " identical int8 outputs");
        sb.append("<h3>Quantization</h3>").append(qt);
        close(sb);
    }

    private static void validationSection(StringBuilder sb, Run r, Inputs in) {
        open(sb, "validation", "Simulator validation");
        JsonNode v = in.validate, s = v.path("summary");
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">The simulator against the %s measurement set (published Coral latencies: benchmark pages, "
                + "models page, the 2019 FAQ, co-compilation references; several hosts and both compilers). %d rows: MAPE %s%%, %s within 10%%, %s within "
                + "20%%, Spearman %s, Kendall %s.</p>\n", Html.esc(v.path("measurement_set").asText()), s.path("n").asInt(), Html.f("%.1f", s.path("mape_pct").asDouble()),
                Html.pct(s.path("within10").asDouble()), Html.pct(s.path("within20").asDouble()), Html.f("%.3f", s.path("spearman").asDouble()),
                Html.f("%.3f", s.path("kendall").asDouble())));
        sb.append("<div class=\"grid2 narrow-left\">");
        figure(sb, r.dir.resolve(v.path("plot_png").asText()), "Predicted vs measured latency (log-log; y = x and ±20%)");
        Html.Table t = new Html.Table("profile", "#n", "#MAPE %", "#≤10%", "#≤20%", "#Spearman");
        JsonNode by = s.path("by_profile");
        by.fieldNames().forEachRemaining(k -> {
            JsonNode f = by.path(k);
            t.row(Html.esc(k), f.path("n").asInt(), Html.f("%.1f", f.path("mape_pct").asDouble()), Html.pct(f.path("within10").asDouble()),
                    Html.pct(f.path("within20").asDouble()), Html.f("%.3f", f.path("spearman").asDouble()));
        });
        sb.append("<div><h3>By profile</h3>").append(t).append("</div></div>\n");
        Html.Table rows = new Html.Table("model", "profile", "scenario", "#measured ms", "#predicted ms", "#error %");
        for (JsonNode x : v.path("rows")) {
            rows.row(Html.code(x.path("model").asText() + (x.has("compiler") ? " (" + x.path("compiler").asText() + ")" : "")), Html.esc(x.path("profile").asText()),
                    Html.esc(x.path("scenario").asText()), Html.ms(x.path("measured_ms").asDouble()), Html.ms(x.path("predicted_ms").asDouble(Double.NaN)),
                    Html.f("%+.1f", x.path("error_pct").asDouble(Double.NaN)));
        }
        sb.append("<details><summary>Error table: all ").append(v.path("rows").size()).append(" rows</summary>\n").append(rows).append("</details>\n");
        close(sb);
    }

    private static void claimsSection(StringBuilder sb, Inputs in) {
        open(sb, "claims", "The seed's claims, simulated");
        JsonNode c = in.reference.path("claims");
        sb.append("<h3>1. Fused early stages vs MBConv (EfficientNet-EdgeTPU-S, c1 &rarr; c0)</h3>\n");
        Html.Table t1 = new Html.Table("network", "profile", "#MACs", "#latency ms");
        for (JsonNode x : c.path("fused_vs_mbconv")) t1.row(Html.esc(x.path("network").asText()), Html.esc(x.path("profile").asText()),
                Html.si(x.path("macs").asDouble()), Html.ms(x.path("latency_ms").asDouble()));
        sb.append(t1);
        sb.append("<h3>2. c0/c1 per stage of S, all 64 combinations</h3>\n");
        Html.Table t2 = new Html.Table("profile", "S (types)", "#S ms", "fastest (types)", "#fastest ms", "flip stage 1..6 alone: Δ ms");
        for (JsonNode x : c.path("stage_choices")) {
            List<String> d = new ArrayList<>();
            x.path("flip_delta_ms").forEach(v -> d.add(Html.signedMs(v.asDouble())));
            t2.row(Html.esc(x.path("profile").asText()), Html.types(x.path("s_types").asText()), Html.ms(x.path("s_latency_ms").asDouble()),
                    Html.types(x.path("fastest_types").asText()), Html.ms(x.path("fastest_latency_ms").asDouble()), "<span class=\"mono\">" + String.join(", ", d) + "</span>");
        }
        sb.append(t2);
        sb.append("<h3>3. EfficientNet-B0 (swish + SE) under compiler 2.0 and 16.0</h3>\n");
        Html.Table t3 = new Html.Table("profile", "compiler", "#ops on Edge TPU", "#ops on CPU", "#latency ms");
        for (JsonNode x : c.path("b0_compilers")) t3.row(Html.esc(x.path("profile").asText()), Html.esc(x.path("compiler").asText()),
                x.path("tpu_ops").asInt(), x.path("cpu_ops").asInt(), Html.ms(x.path("latency_ms").asDouble()));
        sb.append(t3);
        sb.append("<h3>4. EfficientNet-EdgeTPU-S vs ResNet-50</h3>\n");
        Html.Table t4 = new Html.Table("network", "profile", "#MACs", "#latency ms");
        JsonNode rows = c.path("s_vs_resnet50");
        for (JsonNode x : rows) t4.row(Html.esc(x.path("network").asText()), Html.esc(x.path("profile").asText()), Html.si(x.path("macs").asDouble()),
                Html.ms(x.path("latency_ms").asDouble()));
        sb.append(t4);
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            sb.append(String.format(Locale.ROOT, "<p>ResNet-50 / S on %s: <b>%.2f&times;</b></p>\n", Html.esc(rows.get(i).path("profile").asText()),
                    rows.get(i + 1).path("latency_ms").asDouble() / rows.get(i).path("latency_ms").asDouble()));
        }
        close(sb);
    }

    private static void budgetSection(StringBuilder sb, Run r, JsonNode s) {
        open(sb, "budget", "Time budget and what was cut");
        sb.append(String.format(Locale.ROOT, "<p class=\"muted\">--time-budget %s, split by fixed shares; a stage must end by the sum of the shares up to it, so "
                + "time a stage leaves passes to the next ones. A search stops at a batch boundary, training at a step, quantization's evaluation at a test "
                + "image, scaling before a member's proxy training. Wall times are summed over %d process%s.</p>\n",
                PipelineCommand.formatDuration(r.timeBudgetS), s.path("processes").asInt(), s.path("processes").asInt() == 1 ? "" : "es"));
        Html.Table t = new Html.Table("stage", "what it does", "#share", "#budget s", "#wall s", "status", "cut");
        for (Stage st : Stage.values()) {
            JsonNode n = s.path("stages").path(st.id());
            List<String> cuts = new ArrayList<>();
            n.path("cuts").forEach(x -> cuts.add(Html.esc(x.asText())));
            t.row(Html.code(st.id()), Html.esc(st.description()), Html.pct(st.share()), Html.f("%.0f", n.path("budget_s").asDouble()),
                    Html.f("%.1f", n.path("wall_s").asDouble()), Html.esc(n.path("status").asText()), cuts.isEmpty() ? "nothing" : String.join("<br>", cuts));
        }
        t.row("<b>total</b>", "", "100%", Html.f("%.0f", r.timeBudgetS), "<b>" + Html.f("%.1f", s.path("wall_s").asDouble()) + "</b>", "", "");
        sb.append(t);
        close(sb);
    }

    private static void filesSection(StringBuilder sb, JsonNode s, Inputs in) {
        open(sb, "files", "Files");
        sb.append("<p class=\"muted\">Beside this page (relative links).</p>\n<ul>");
        JsonNode f = s.path("files");
        link(sb, SUMMARY, "the numbers of this page, machine-readable");
        link(sb, Manifest.FILE, "settings and stage states (what --resume reads)");
        link(sb, f.path("edgetpu_history_csv").asText(), "every candidate of the Edge TPU search");
        link(sb, f.path("cpu_history_csv").asText(), "every candidate of the cpu-only search");
        link(sb, f.path("edgetpu_best_blocks").asText(), "the Edge TPU winner as a .blocks file (every command takes it)");
        link(sb, f.path("cpu_best_blocks").asText(), "the cpu-only winner as a .blocks file");
        for (JsonNode t : f.path("traces")) link(sb, t.asText(), "Chrome trace (Perfetto, chrome://tracing)");
        link(sb, f.path("float_tflite").asText(), "the trained float model (Fashion-MNIST proxy task, BN folded)");
        link(sb, f.path("int8_tflite").asText(), "the int8 model (TFLite full-integer scheme)");
        link(sb, ProxyCache.FILE, "every proxy accuracy of the run");
        link(sb, in.validate.path("tables_md").asText(), "validation tables (Markdown)");
        sb.append("</ul>\n");
        close(sb);
    }

    private static void link(StringBuilder sb, String rel, String what) {
        sb.append("<li><a href=\"").append(Html.esc(rel)).append("\">").append(Html.esc(rel)).append("</a> &mdash; ").append(Html.esc(what)).append("</li>");
    }
}
