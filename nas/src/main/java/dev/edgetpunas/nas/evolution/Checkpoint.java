package dev.edgetpunas.nas.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A search's state on disk: its settings and its history. The population, the result cache and the
 * Pareto archive are functions of the history, so nothing else is needed to continue exactly where
 * the search stopped. Written atomically (temporary file, then move) as JSON.
 *
 * <pre>{@code
 * Checkpoint c = Checkpoint.read(Path.of("search.ckpt.json"));
 * SearchResult r = engine.resume(c, listener);   // same history as an uninterrupted run
 * }</pre>
 *
 * @param settings the settings the history depends on
 * @param budget the budget of the run that wrote it
 * @param history every candidate so far
 * @param wallSeconds wall time so far
 */
public record Checkpoint(EngineSettings settings, int budget, List<Evaluation> history, double wallSeconds) {
    /** Version of the checkpoint format. */
    public static final int FORMAT_VERSION = 1;
    private static final String KIND = "edgetpu-nas search checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Checkpoint {
        Objects.requireNonNull(settings, "settings");
        history = List.copyOf(history);
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).eval() != i) {
                throw new IllegalArgumentException("checkpoint history[" + i + "] has eval " + history.get(i).eval() + ", expected " + i);
            }
        }
    }

    /** Writes this checkpoint to {@code file} atomically. */
    public void write(Path file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", KIND);
        o.put("format_version", FORMAT_VERSION);
        ObjectNode s = o.putObject("settings");
        s.put("space", settings.space());
        s.put("accuracy", settings.accuracy());
        s.put("algorithm", settings.algorithm().id());
        s.put("seed", settings.seed());
        s.put("population", settings.population());
        s.put("sample", settings.sample());
        s.put("batch_size", settings.batchSize());
        s.put("objective", settings.objective().kind().id());
        s.put("target_ms", settings.objective().targetMs());
        s.put("reward_exponent", settings.objective().exponent());
        o.put("budget", budget);
        o.put("evaluations", history.size());
        o.put("wall_s", wallSeconds);
        ArrayNode h = o.putArray("history");
        for (Evaluation e : history) {
            ObjectNode r = h.addObject();
            r.put("eval", e.eval());
            r.put("genome", e.genome());
            number(r, "accuracy", e.accuracy());
            number(r, "latency_ms", e.latencyMs());
            number(r, "reward", e.reward());
            r.put("status", e.status().id());
            if (!e.reason().isEmpty()) r.put("reason", e.reason());
            if (!e.warnings().isEmpty()) {
                ArrayNode w = r.putArray("warnings");
                e.warnings().forEach(w::add);
            }
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(o);
            AtomicFiles.writeBytes(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void number(ObjectNode r, String key, double v) {
        if (Double.isNaN(v)) r.putNull(key);
        else r.put(key, v);
    }

    /** Reads a checkpoint; errors name the file and the key. */
    public static Checkpoint read(Path file) {
        JsonNode o;
        try {
            o = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        String where = "checkpoint " + file + ": ";
        if (o == null || !o.isObject() || !KIND.equals(o.path("kind").asText())) {
            throw new IllegalArgumentException(where + "not an edgetpu-nas search checkpoint (key 'kind' must be '" + KIND + "')");
        }
        if (o.path("format_version").asInt(-1) != FORMAT_VERSION) {
            throw new IllegalArgumentException(where + "format_version must be " + FORMAT_VERSION + ", but was " + o.path("format_version"));
        }
        try {
            JsonNode s = req(o, "settings", where);
            Objective obj = new Objective(Objective.Kind.parse(req(s, "objective", where).asText()), req(s, "target_ms", where).asDouble(),
                    req(s, "reward_exponent", where).asDouble());
            EngineSettings settings = new EngineSettings(req(s, "space", where).asText(), req(s, "accuracy", where).asText(),
                    Algorithm.parse(req(s, "algorithm", where).asText()), req(s, "seed", where).asLong(), req(s, "population", where).asInt(),
                    req(s, "sample", where).asInt(), req(s, "batch_size", where).asInt(), obj);
            List<Evaluation> history = new ArrayList<>();
            JsonNode h = req(o, "history", where);
            if (!h.isArray()) throw new IllegalArgumentException("history must be an array");
            for (int i = 0; i < h.size(); i++) {
                JsonNode r = h.get(i);
                String w = "history[" + i + "]";
                List<String> warnings = new ArrayList<>();
                r.path("warnings").forEach(x -> warnings.add(x.asText()));
                history.add(new Evaluation(req(r, "eval", w).asInt(), req(r, "genome", w).asText(), num(r, "accuracy"), num(r, "latency_ms"),
                        num(r, "reward"), Status.parse(req(r, "status", w).asText()), r.path("reason").asText(""), warnings));
            }
            return new Checkpoint(settings, req(o, "budget", where).asInt(), history, o.path("wall_s").asDouble(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + e.getMessage(), e);
        }
    }

    private static JsonNode req(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) throw new IllegalArgumentException(where + (where.endsWith(": ") ? "" : ": ") + "missing key '" + key + "'");
        return v;
    }

    private static double num(JsonNode r, String key) {
        JsonNode v = r.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
