package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.compile.CompileReport;
import dev.edgetpunas.compiler.compile.CompileResult;
import dev.edgetpunas.compiler.compile.CompilerOptions;
import dev.edgetpunas.compiler.compile.CompilerVersion;
import dev.edgetpunas.compiler.compile.EdgeTpuCompiler;
import dev.edgetpunas.compiler.compile.OpPlacement;
import dev.edgetpunas.compiler.compile.Placement;
import dev.edgetpunas.compiler.compile.Segment;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas compile MODEL...}: what edgetpu_compiler would decide for the model(s), printed
 * as the compiler prints it. Several models are co-compiled (they share the parameter cache, first
 * model first).
 *
 * <pre>{@code
 * ./edgetpu-nas compile efficientnet-b0 --compiler 2019 -s
 * ./edgetpu-nas compile mobilenet-v1 mobilenet-v2 --json
 * ./edgetpu-nas compile mynet.blocks --out build/compiled
 * }</pre>
 */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Model edgetpu_compiler: which ops map to the Edge TPU, the segments, and which parameters are cached",
            "on chip or streamed. Several MODELs are co-compiled (they share the cache, first model first)."})
public final class CompileCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL",
            description = "A zoo name (optionally @SIZE), a .blocks file, blocks:BLOCK,..., or a .tflite file.")
    List<String> models;

    // ---- PROFILE HOOK -------------------------------------------------------------------------
    // `--profile P` plugs in here (the lead wires dev.edgetpunas.cli.ProfileOption): the profile gives
    // accelerator.sramBytes and compiler.{version, reserveFixedBytes, reserveActivationFactor,
    // placement}; see baseOptions(). Until then --compiler, --sram-bytes and --placement have the
    // defaults of CompilerOptions.defaults(). Options given on the command line override the profile.
    // ---------------------------------------------------------------------------------------------

    @Option(names = "--compiler", paramLabel = "VERSION", description = "Compiler version: 2.0 (alias 2019) or 16.0 (default: 16.0).")
    String compiler;

    @Option(names = "--sram-bytes", paramLabel = "BYTES", description = "On-chip SRAM, e.g. 8388608, 8MiB, 512KiB (default: 8MiB).")
    String sramBytes;

    @Option(names = "--placement", paramLabel = "RULE", description = "Parameter placement: prefix or first-fit (default: prefix).")
    String placement;

    @Option(names = "-a", description = "Allow several Edge TPU subgraphs (edgetpu_compiler -a).")
    boolean multipleSubgraphs;

    @Option(names = "-s", description = "Show the operator table (edgetpu_compiler -s).")
    boolean showOps;

    @Option(names = "--out", paramLabel = "DIR", description = "Write each model's operation log (NAME_edgetpu.log) to DIR.")
    Path out;

    @Option(names = "--json", description = "Print JSON: segments, ops (index, op, placement, status, reason), onchip_used_bytes, "
            + "onchip_remaining_bytes, offchip_streamed_bytes; several models under 'models'.")
    boolean json;

    /** The options before command-line overrides: the profile's values once --profile is wired, else the fitted defaults. */
    CompilerOptions baseOptions() {
        return CompilerOptions.defaults();
    }

    CompilerOptions options() {
        CompilerOptions o = baseOptions();
        if (compiler != null) o = o.withVersion(CompilerVersion.parse(compiler));
        if (sramBytes != null) o = o.withSramBytes(parseBytes(sramBytes, "--sram-bytes"));
        if (placement != null) o = o.withPlacement(Placement.parse(placement));
        if (multipleSubgraphs) o = o.withMultipleSubgraphs(true);
        return o;
    }

    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    /** Parses {@code 8388608}, {@code 8MiB}, {@code 512KiB}, {@code 0.5MiB}. */
    static long parseBytes(String s, String option) {
        Matcher m = BYTES.matcher(s.trim());
        if (!m.matches()) throw new BadInputException(option + " must be a byte count like 8388608, 8MiB or 512KiB, but was '" + s + "'");
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long mult = switch (unit) {
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> 1L;
        };
        double v = Double.parseDouble(m.group(1)) * mult;
        if (v > Long.MAX_VALUE / 2) throw new BadInputException(option + " is too large: '" + s + "'");
        return Math.round(v);
    }

    @Override
    public Integer call() throws IOException {
        CompilerOptions o = options();
        List<Graph> graphs = new ArrayList<>();
        for (String m : models) graphs.add(Models.load(m).deployed());
        long t0 = System.nanoTime();
        List<CompileResult> results = EdgeTpuCompiler.coCompile(graphs, o);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CompileReport report = CompileReport.of(results).withElapsedMs(ms);
        for (int k = 0; k < models.size(); k++) {
            String m = models.get(k);
            Path p = Path.of(m);
            if (m.toLowerCase(Locale.ROOT).endsWith(".tflite") && Files.isRegularFile(p)) {
                report = report.withModelFile(k, p.getFileName().toString(), Files.size(p));
            }
        }
        if (out != null) {
            for (int k = 0; k < results.size(); k++) AtomicFiles.writeString(out.resolve(report.logFileName(k)), report.log(k));
        }
        if (json) {
            System.out.println(Json.pretty(toJson(report)));
        } else {
            System.out.print(report.console(showOps));
            if (out != null) System.err.println("wrote " + results.size() + " operation log(s) to " + out);
        }
        return 0;
    }

    static ObjectNode toJson(CompileReport report) {
        List<CompileResult> rs = report.results();
        CompilerOptions o = rs.get(0).options();
        ObjectNode root = Json.report();
        root.put("compiler_version", o.version().id());
        root.put("compiler_full_version", o.version().fullVersion());
        root.put("sram_bytes", o.sramBytes());
        root.put("reserve_fixed_bytes", o.reserveFixedBytes());
        root.put("reserve_activation_factor", o.reserveActivationFactor());
        root.put("placement", o.placement().id());
        root.put("multiple_subgraphs", o.multipleSubgraphs());
        if (rs.size() == 1) {
            model(root, report, 0);
        } else {
            ArrayNode arr = root.putArray("models");
            for (int k = 0; k < rs.size(); k++) model(arr.addObject(), report, k);
        }
        return root;
    }

    private static void model(ObjectNode n, CompileReport report, int k) {
        CompileResult r = report.results().get(k);
        Graph g = r.graph();
        n.put("model", g.name());
        n.put("input_model", report.inputFileName(k));
        n.put("input_size_bytes", report.inputSizeBytes(k));
        n.put("input_size_estimated", !report.inputSizeKnown(k));
        n.put("output_size_bytes", report.outputSizeBytes(k));
        n.put("onchip_used_bytes", r.onchipUsedBytes());
        n.put("onchip_remaining_bytes", r.onchipRemainingBytes());
        n.put("offchip_streamed_bytes", r.offchipStreamedBytes());
        n.put("peak_activation_bytes", r.peakActivationBytes());
        n.put("reserve_bytes", r.reserveBytes());
        n.put("budget_bytes", r.budgetBytes());
        n.put("edgetpu_subgraphs", r.tpuSegmentCount());
        n.put("total_ops", g.opCount());
        n.put("ops_on_tpu", r.tpuOpCount());
        n.put("ops_on_cpu", r.cpuOpCount());
        ArrayNode as = n.putArray("assumptions");
        for (String a : r.assumptions()) as.add(a);
        ArrayNode segs = n.putArray("segments");
        for (Segment s : r.segments()) {
            ObjectNode j = segs.addObject();
            j.put("index", s.index());
            j.put("placement", s.where().id());
            j.put("first_op", s.firstOp());
            j.put("last_op", s.lastOp());
            ArrayNode ops = j.putArray("ops");
            for (int i : s.ops()) ops.add(i);
        }
        ArrayNode ops = n.putArray("ops");
        for (OpPlacement p : r.ops()) {
            Op op = g.op(p.index());
            ObjectNode j = ops.addObject();
            j.put("index", p.index());
            j.put("op", op.opName());
            if (op instanceof Op.Custom c) j.put("custom_code", c.customCode());
            j.put("placement", p.where().id());
            j.put("status", p.status().text());
            j.put("reason", p.reason());
            j.put("param_bytes", p.paramBytes());
            j.put("cached_param_bytes", p.cachedParamBytes());
            j.put("streamed_param_bytes", p.streamedParamBytes());
        }
    }
}
