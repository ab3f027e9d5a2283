package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.LoadedModel;
import dev.edgetpunas.compiler.zoo.Models;
import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.sim.report.ChromeTrace;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import dev.edgetpunas.sim.report.ReportJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas simulate MODEL... [--profile P]...}: simulated latency of models on accelerator
 * profiles, as a table, JSON or a Chrome trace.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate the latency of one inference of each MODEL on each profile.")
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL",
            description = "Zoo name (optionally @SIZE), .blocks file, blocks:BLOCK,..., or a CPU .tflite file.")
    List<String> models;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Accelerator profile (repeatable: several give a comparison table; default edgetpu-usb3-max).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--compiler", paramLabel = "2.0|16.0", description = "Compiler version to model; overrides the profiles'.")
    String compiler;

    @Option(names = "--scenario", paramLabel = "S", defaultValue = "warm",
            description = "warm (default), cold, alternate or alternate-cocompiled (the MODELs run in turn).")
    String scenario;

    @Option(names = "--json", description = "Print the LatencyReport as JSON (a list under 'reports' when several).")
    boolean json;

    @Option(names = "--per-op", description = "Print the per-op table of each report.")
    boolean perOp;

    @Option(names = "--trace", paramLabel = "FILE.json", description = "Write a Chrome Trace Event file (opens in Perfetto).")
    Path trace;

    @Override
    public Integer call() throws Exception {
        List<Profile> ps = new ArrayList<>();
        for (String p : profiles.isEmpty() ? List.of(ProfileOption.DEFAULT_PROFILE) : profiles) {
            Profile loaded = ProfileLoader.load(p);
            if (compiler != null) loaded = loaded.withCompilerVersion(ProfileOption.compilerVersion(compiler));
            ps.add(loaded);
        }
        Scenario sc = Scenario.parse(scenario);
        List<Graph> graphs = new ArrayList<>();
        for (String m : models) {
            LoadedModel lm = Models.requireCpuModel(Models.load(m));
            graphs.add(lm.deployed());
        }
        List<LatencyReport> reports = new ArrayList<>();
        for (Profile p : ps) reports.addAll(new Simulator(p).simulateAll(graphs, sc));

        if (trace != null) {
            AtomicFiles.writeString(trace, Json.MAPPER.writeValueAsString(ChromeTrace.of(reports, Json.MAPPER)));
            System.err.println("edgetpu-nas: wrote " + trace + " (open it in https://ui.perfetto.dev or chrome://tracing)");
        }
        if (json) {
            if (reports.size() == 1) {
                System.out.println(Json.pretty(withHeader(ReportJson.toJson(reports.get(0), Json.MAPPER))));
            } else {
                ObjectNode root = Json.report();
                root.put("scenario", sc.id());
                if (sc.alternates()) {
                    ObjectNode totals = root.putObject("total_ms");
                    for (Profile p : ps) {
                        double t = 0;
                        for (LatencyReport r : reports) if (r.profile().equals(p.name())) t += r.latencyMs();
                        totals.put(p.name(), t);
                    }
                }
                ArrayNode arr = root.putArray("reports");
                for (LatencyReport r : reports) arr.add(ReportJson.toJson(r, Json.MAPPER));
                System.out.println(Json.pretty(root));
            }
            return 0;
        }
        System.out.print(summaryTable(reports));
        if (sc.alternates()) {
            for (Profile p : ps) {
                double t = 0;
                for (LatencyReport r : reports) if (r.profile().equals(p.name())) t += r.latencyMs();
                System.out.printf("%s, %s: one inference of each model in turn: %.3f ms%n", p.name(), sc.id(), t);
            }
        }
        if (perOp) for (LatencyReport r : reports) System.out.print("\n" + perOpTable(r));
        return 0;
    }

    private static ObjectNode withHeader(ObjectNode report) {
        ObjectNode root = Json.report();
        root.setAll(report);
        return root;
    }

    static String summaryTable(List<LatencyReport> reports) {
        TextTable t = new TextTable("model", "profile", "compiler", "scenario", "latency ms", "tpu ms", "cpu ms", "transfer ms",
                "overhead ms", "ops tpu/cpu", "cached", "streamed").rightAlign(4, 5, 6, 7, 8, 9, 10, 11);
        for (LatencyReport r : reports) {
            var c = r.compile();
            t.row(r.model(), r.profile(), c == null ? "-" : c.options().version().id(), r.scenario(), ms(r.latencyMs()), ms(r.tpuMs()),
                    ms(r.cpuMs()), ms(r.transferMs()), ms(r.overheadMs()),
                    c == null ? "0/" + r.ops().size() : c.tpuOpCount() + "/" + c.cpuOpCount(),
                    c == null ? "-" : TextTable.bytes(c.onchipUsedBytes()), c == null ? "-" : TextTable.bytes(c.offchipStreamedBytes()));
        }
        return t.toString();
    }

    static String perOpTable(LatencyReport r) {
        TextTable t = new TextTable("#", "op", "name", "where", "unit", "cycles", "stall", "util", "streamed", "ms")
                .rightAlign(0, 5, 6, 7, 8, 9);
        for (OpTiming o : r.ops()) {
            t.row(o.index(), o.op(), o.name(), o.placement(), o.unit(), o.cycles(), o.stallCycles(),
                    String.format("%.2f", o.utilization()), o.paramBytesStreamed() == 0 ? "" : TextTable.bytes(o.paramBytesStreamed()),
                    String.format("%.4f", o.ms()));
        }
        return r.model() + " on " + r.profile() + " (" + r.scenario() + "): " + ms(r.latencyMs()) + " ms\n" + t;
    }

    private static String ms(double v) {
        return String.format("%.3f", v);
    }
}
