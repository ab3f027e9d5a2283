package dev.edgetpunas.nas.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.evolution.Schedule;
import dev.edgetpunas.nas.evolution.Status;
import dev.edgetpunas.nas.space.SearchSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a search's output directory ({@code --out DIR}), every file atomically:
 * <ul>
 *   <li>{@code history.csv}: every candidate ({@link HistoryCsv});</li>
 *   <li>{@code pareto.csv}: the Pareto front, same columns;</li>
 *   <li>{@code best.blocks} ({@code edgetpu}) or {@code best.cell} ({@code nasbench201});</li>
 *   <li>{@code pareto.png}, {@code pareto.svg};</li>
 *   <li>{@code summary.json}: {@code schema_version}, {@code tool_version}, {@code best}
 *       ({@code genome}, {@code accuracy}, {@code latency_ms}, {@code reward}, {@code eval},
 *       {@code feasible}), {@code evaluations}, {@code failed}, {@code cached}, {@code seed},
 *       {@code target_ms}, {@code target_source}, {@code wall_s}, and the settings.</li>
 * </ul>
 *
 * <pre>{@code
 * ObjectNode summary = SearchOutputs.write(outDir, space, result, SearchOutputs.Meta.of("1", "0.1.0"));
 * }</pre>
 */
public final class SearchOutputs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SearchOutputs() {}

    /**
     * What the summary needs beyond the result: versions (the CLI's ToolInfo), how the target was
     * chosen, and extra keys (profile, compiler, threads, ...) copied into the summary as given.
     *
     * @param schemaVersion the report schema version
     * @param toolVersion the tool version
     * @param targetSource how the target was chosen
     * @param extra extra summary keys, in order
     */
    public record Meta(String schemaVersion, String toolVersion, String targetSource, Map<String, Object> extra) {
        public Meta {
            Objects.requireNonNull(schemaVersion, "schemaVersion");
            Objects.requireNonNull(toolVersion, "toolVersion");
            Objects.requireNonNull(targetSource, "targetSource");
            extra = Map.copyOf(extra);
        }

        public static Meta of(String schemaVersion, String toolVersion) {
            return new Meta(schemaVersion, toolVersion, "given", Map.of());
        }
    }

    /** The summary JSON of {@code r}. */
    public static ObjectNode summary(SearchResult r, Meta meta) {
        ObjectNode o = JSON.createObjectNode();
        // a numeric schema version is written as a number, as every other report of the tool does
        if (meta.schemaVersion().matches("\\d{1,9}")) o.put("schema_version", Integer.parseInt(meta.schemaVersion()));
        else o.put("schema_version", meta.schemaVersion());
        o.put("tool_version", meta.toolVersion());
        o.put("space", r.settings().space());
        o.put("algorithm", r.settings().algorithm().id());
        o.put("objective", r.settings().objective().kind().id());
        o.put("accuracy", r.settings().accuracy());
        o.put("seed", r.settings().seed());
        o.put("budget", r.budget());
        o.put("evaluations", r.evaluations());
        o.put("failed", r.failed());
        if (r.lost() > 0 || r.settings().schedule().mode() != Schedule.Mode.BATCHED) {
            o.put("lost", r.lost());
        }
        o.put("cached", r.history().stream().filter(e -> e.status() == Status.CACHED).count());
        o.put("target_ms", r.settings().objective().targetMs());
        o.put("target_source", meta.targetSource());
        o.put("reward_exponent", r.settings().objective().exponent());
        o.put("population", r.settings().population());
        o.put("sample", r.settings().sample());
        Schedule sch = r.settings().schedule();
        if (sch.mode() == Schedule.Mode.BATCHED) {
            o.put("batch_size", sch.size());
        } else {
            o.put("mode", sch.mode().id());
            o.put("in_flight", sch.size());
        }
        o.put("wall_s", r.wallSeconds());
        o.put("pareto_size", r.pareto().size());
        meta.extra().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.set(e.getKey(), JSON.valueToTree(e.getValue())));
        if (r.best().isPresent()) {
            o.set("best", candidate(r.best().get(), r));
        } else {
            o.putNull("best");
        }
        if (r.bestFeasible().isPresent()) o.set("best_feasible", candidate(r.bestFeasible().get(), r));
        else o.putNull("best_feasible");
        return o;
    }

    private static ObjectNode candidate(Evaluation e, SearchResult r) {
        ObjectNode b = JSON.createObjectNode();
        b.put("genome", e.genome());
        b.put("accuracy", e.accuracy());
        b.put("latency_ms", e.latencyMs());
        b.put("reward", e.reward());
        b.put("eval", e.eval());
        b.put("feasible", r.settings().objective().feasible(e.latencyMs()));
        return b;
    }

    /** Writes all outputs into {@code dir} and returns the summary. */
    public static <G> ObjectNode write(Path dir, SearchSpace<G> space, SearchResult r, Meta meta) {
        AtomicFiles.writeString(dir.resolve("history.csv"), HistoryCsv.format(r.history()));
        AtomicFiles.writeString(dir.resolve("pareto.csv"), HistoryCsv.format(r.pareto()));
        r.best().ifPresent(b -> AtomicFiles.writeString(dir.resolve(space.bestFileName()), space.bestFileContent(space.parse(b.genome()))));
        String title = space.name() + ", " + r.settings().algorithm().id() + ", seed " + r.settings().seed() + " (" + r.evaluations() + " evaluations)";
        ParetoChart.write(r, title, dir.resolve("pareto"));
        ObjectNode summary = summary(r, meta);
        try {
            AtomicFiles.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summary;
    }

    /** Pretty JSON text of a node. */
    public static String pretty(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
