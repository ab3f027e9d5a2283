package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.graph.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The text edgetpu_compiler prints for a compilation, reproduced from {@link CompileResult}s: the
 * console summary, the {@code %-31s%-11s%s} operator table grouped by (operator, status) and the
 * {@code .log} file, followed by notes of this model (sizes are estimates; modelling assumptions
 * that decided an op) that the real compiler does not print.
 *
 * <pre>{@code
 * CompileReport rep = CompileReport.of(result).withModelFile(0, "mynet.tflite", 1_234_567);
 * System.out.print(rep.console(true));   // like edgetpu_compiler -s
 * String log = rep.log(0);               // mynet_edgetpu.log
 * }</pre>
 */
public final class CompileReport {
    /** The header of the operator table. */
    public static final String TABLE_HEADER = String.format(Locale.ROOT, "%-31s%-11s%s", "Operator", "Count", "Status");
    /** The line the real compiler prints when some ops fall back to the CPU [M]. */
    public static final String FALLBACK_MESSAGE = "Model successfully compiled but not all operations are supported by the Edge TPU. "
            + "A percentage of the model will instead run on the CPU, which is slower. If possible, consider updating your model to "
            + "use only operations supported by the Edge TPU. For details, visit g.co/coral/model-reqs.";

    private final List<CompileResult> results;
    private final List<String> fileNames;
    private final long[] inputBytes;
    private final long elapsedMs;

    private CompileReport(List<CompileResult> results, List<String> fileNames, long[] inputBytes, long elapsedMs) {
        this.results = List.copyOf(results);
        this.fileNames = List.copyOf(fileNames);
        this.inputBytes = inputBytes.clone();
        this.elapsedMs = elapsedMs;
    }

    /** The report of one compilation. */
    public static CompileReport of(CompileResult result) {
        return of(List.of(Objects.requireNonNull(result, "result")));
    }

    /** The report of a co-compilation (results in the order the models were given). */
    public static CompileReport of(List<CompileResult> results) {
        if (results.isEmpty()) throw new IllegalArgumentException("results must not be empty");
        List<String> names = new ArrayList<>();
        long[] sizes = new long[results.size()];
        for (int k = 0; k < results.size(); k++) {
            names.add(fileName(results.get(k).graph().name()));
            sizes[k] = -1;
        }
        return new CompileReport(results, names, sizes, 0);
    }

    /** A file name for a model without a file: its name with characters outside [A-Za-z0-9._-] replaced, plus {@code .tflite}. */
    public static String fileName(String modelName) {
        String base = modelName.replaceAll("[^A-Za-z0-9._-]", "_");
        return base.endsWith(".tflite") ? base : base + ".tflite";
    }

    /**
     * This report with model {@code k}'s input file named {@code name} and, if {@code bytes >= 0}, of
     * that real size (otherwise the size is estimated).
     */
    public CompileReport withModelFile(int k, String name, long bytes) {
        Objects.checkIndex(k, results.size());
        if (name == null || name.isBlank()) throw new IllegalArgumentException("model file name must not be blank");
        List<String> names = new ArrayList<>(fileNames);
        names.set(k, name);
        long[] sizes = inputBytes.clone();
        sizes[k] = bytes;
        return new CompileReport(results, names, sizes, elapsedMs);
    }

    /** This report stating that compilation took {@code ms} milliseconds. */
    public CompileReport withElapsedMs(long ms) {
        if (ms < 0) throw new IllegalArgumentException("elapsed ms must be >= 0, but was " + ms);
        return new CompileReport(results, fileNames, inputBytes, ms);
    }

    public List<CompileResult> results() {
        return results;
    }

    /** The input file name of model {@code k}. */
    public String inputFileName(int k) {
        return fileNames.get(k);
    }

    /** The output file name of model {@code k}: {@code NAME_edgetpu.tflite}. */
    public String outputFileName(int k) {
        return stem(fileNames.get(k)) + "_edgetpu.tflite";
    }

    /** The operation log's file name of model {@code k}: {@code NAME_edgetpu.log}. */
    public String logFileName(int k) {
        return stem(fileNames.get(k)) + "_edgetpu.log";
    }

    private static String stem(String file) {
        String base = file.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.endsWith(".tflite") ? base.substring(0, base.length() - ".tflite".length()) : base;
    }

    /** True if model {@code k}'s input size is the real file's, not an estimate. */
    public boolean inputSizeKnown(int k) {
        return inputBytes[k] >= 0;
    }

    /** Model {@code k}'s input size: the real file's if given, else {@link SizeEstimate#tfliteBytes}. */
    public long inputSizeBytes(int k) {
        return inputBytes[k] >= 0 ? inputBytes[k] : SizeEstimate.tfliteBytes(results.get(k).graph());
    }

    /** Model {@code k}'s compiled size (an estimate). */
    public long outputSizeBytes(int k) {
        return SizeEstimate.compiledBytes(results.get(k), inputSizeBytes(k));
    }

    /** Formats bytes as edgetpu_compiler does: {@code 0.00B}, {@code 41.75KiB}, {@code 5.90MiB}. */
    public static String formatBytes(long b) {
        if (b >= 1L << 20) return String.format(Locale.ROOT, "%.2fMiB", b / (double) (1L << 20));
        if (b >= 1L << 10) return String.format(Locale.ROOT, "%.2fKiB", b / (double) (1L << 10));
        return String.format(Locale.ROOT, "%.2fB", (double) b);
    }

    /** The operator table of model {@code k}: header, blank line, one {@code %-31s%-11s%s} row per (operator, status). */
    public String operatorTable(int k) {
        CompileResult r = results.get(k);
        Map<String, Map<OpStatus, Integer>> counts = new TreeMap<>();
        for (OpPlacement p : r.ops()) {
            Op op = r.graph().op(p.index());
            counts.computeIfAbsent(op.opName(), x -> new java.util.EnumMap<>(OpStatus.class)).merge(p.status(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(TABLE_HEADER).append("\n\n");
        for (Map.Entry<String, Map<OpStatus, Integer>> e : counts.entrySet()) {
            for (Map.Entry<OpStatus, Integer> s : e.getValue().entrySet()) {
                sb.append(String.format(Locale.ROOT, "%-31s%-11s%s", e.getKey(), s.getValue(), s.getKey().text()).stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The console output, as {@code edgetpu_compiler} (with {@code -s} when {@code showOps}). */
    public String console(boolean showOps) {
        StringBuilder sb = new StringBuilder();
        CompileResult first = results.get(0);
        sb.append("Edge TPU Compiler version ").append(first.options().version().fullVersion()).append('\n');
        if (results.size() == 1) {
            sb.append("Model compiled successfully in ").append(elapsedMs).append(" ms.\n");
        } else {
            sb.append('\n').append("Models compiled successfully in ").append(elapsedMs).append(" ms.\n");
        }
        for (int k = 0; k < results.size(); k++) {
            if (results.size() > 1 || k > 0) sb.append('\n');
            summary(sb, k);
            CompileResult r = results.get(k);
            if (r.cpuOpCount() > 0) {
                sb.append('\n').append(FALLBACK_MESSAGE).append('\n');
                sb.append("Number of operations that will run on Edge TPU: ").append(r.tpuOpCount()).append('\n');
                sb.append("Number of operations that will run on CPU: ").append(r.cpuOpCount()).append('\n');
            }
            if (showOps) {
                sb.append('\n').append(operatorTable(k));
            } else {
                sb.append("See the operation log file for individual operation details.\n");
            }
        }
        sb.append(notes());
        return sb.toString();
    }

    private void summary(StringBuilder sb, int k) {
        CompileResult r = results.get(k);
        sb.append("Input model: ").append(inputFileName(k)).append('\n');
        sb.append("Input size: ").append(formatBytes(inputSizeBytes(k))).append('\n');
        sb.append("Output model: ").append(outputFileName(k)).append('\n');
        sb.append("Output size: ").append(formatBytes(outputSizeBytes(k))).append('\n');
        sb.append("On-chip memory used for caching model parameters: ").append(formatBytes(r.onchipUsedBytes())).append('\n');
        sb.append("On-chip memory remaining for caching model parameters: ").append(formatBytes(r.onchipRemainingBytes())).append('\n');
        sb.append("Off-chip memory used for streaming uncached model parameters: ").append(formatBytes(r.offchipStreamedBytes())).append('\n');
        sb.append("Number of Edge TPU subgraphs: ").append(r.tpuSegmentCount()).append('\n');
        sb.append("Total number of operations: ").append(r.graph().opCount()).append('\n');
        sb.append("Operation log: ").append(logFileName(k)).append('\n');
    }

    /** The notes of this model that the real compiler does not print: estimates, reserve, assumptions. */
    public String notes() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nNotes (edgetpu-nas compiler model, not edgetpu_compiler output):\n");
        List<String> estimated = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) if (!inputSizeKnown(k)) estimated.add(inputFileName(k));
        if (estimated.isEmpty()) {
            sb.append("- Output size is an estimate (input size + executable per segment and per mapped op).\n");
        } else {
            sb.append("- Input size is an estimate (parameters + per-tensor/per-op overhead of a .tflite file), and so is output size\n")
                    .append("  (input size + executable per segment and per mapped op).\n");
        }
        CompileResult r = results.get(0);
        CompilerOptions o = r.options();
        sb.append(String.format(Locale.ROOT, "- Parameter cache: %s SRAM - reserve %s (%s fixed + %.3g x %s peak live activations) = %s,%n"
                + "  filled with whole tensors in execution order (%s placement).%n",
                formatBytes(o.sramBytes()), formatBytes(r.reserveBytes()), formatBytes(o.reserveFixedBytes()), o.reserveActivationFactor(),
                formatBytes(r.peakActivationBytes()), formatBytes(r.totalBudgetBytes()), o.placement().id()));
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (CompileResult x : results) for (String a : x.assumptions()) seen.put(a, true);
        for (String a : seen.keySet()) sb.append("- Assumption: ").append(a).append(".\n");
        return sb.toString();
    }

    /** The {@code .log} text of model {@code k}: header, operator table, then every op with its status and reason. */
    public String log(int k) {
        CompileResult r = results.get(k);
        StringBuilder sb = new StringBuilder();
        sb.append("Edge TPU Compiler version ").append(r.options().version().fullVersion()).append('\n');
        sb.append("Input: ").append(inputFileName(k)).append('\n');
        sb.append("Output: ").append(outputFileName(k)).append("\n\n");
        sb.append(operatorTable(k));
        sb.append("\nOperations (edgetpu-nas compiler model):\n\n");
        sb.append(String.format(Locale.ROOT, "%-7s%-31s%-5s%s", "Index", "Operator", "On", "Status")).append("\n\n");
        for (OpPlacement p : r.ops()) {
            Op op = r.graph().op(p.index());
            String name = op instanceof Op.Custom c ? "CUSTOM(" + c.customCode() + ")" : op.opName();
            sb.append(String.format(Locale.ROOT, "%-7d%-31s%-5s%s", p.index(), name, p.where().id(), p.status().text())).append('\n');
            if (!p.reason().isEmpty()) sb.append("       ").append(p.reason()).append('\n');
        }
        sb.append(notes());
        return sb.toString();
    }
}
