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
        writeSettings(o.putObject("settings"), settings);
        o.put("budget", budget);
        o.put("evaluations", history.size());
        o.put("wall_s", wallSeconds);
        ArrayNode h = o.putArray("history");
        for (Evaluation e : history) writeRow(h.addObject(), e);
        try {
            byte[] bytes = JSON.writeValueAsBytes(o);
            AtomicFiles.writeBytes(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The settings as JSON keys (shared with the {@link Journal}). */
    static void writeSettings(ObjectNode s, EngineSettings settings) {
        s.put("space", settings.space());
        s.put("accuracy", settings.accuracy());
        s.put("algorithm", settings.algorithm().id());
        s.put("seed", settings.seed());
        s.put("population", settings.population());
        s.put("sample", settings.sample());
        Schedule sch = settings.schedule();
        if (sch.mode() == Schedule.Mode.BATCHED) {
            s.put("batch_size", sch.size());
        } else {
            s.put("mode", sch.mode().id());
            s.put("in_flight", sch.size());
        }
        s.put("objective", settings.objective().kind().id());
        s.put("target_ms", settings.objective().targetMs());
        s.put("reward_exponent", settings.objective().exponent());
    }

    /** Reads what {@link #writeSettings} wrote; {@code where} prefixes error messages. */
    static EngineSettings readSettings(JsonNode s, String where) {
        Objective obj = new Objective(Objective.Kind.parse(req(s, "objective", where).asText()), req(s, "target_ms", where).asDouble(),
                req(s, "reward_exponent", where).asDouble());
        Schedule schedule;
        JsonNode mode = s.get("mode");
        if (mode == null || mode.isNull() || Schedule.Mode.parse(mode.asText()) == Schedule.Mode.BATCHED) {
            schedule = Schedule.batched(req(s, "batch_size", where).asInt());
        } else {
            schedule = new Schedule(Schedule.Mode.parse(mode.asText()), req(s, "in_flight", where).asInt());
        }
        return new EngineSettings(req(s, "space", where).asText(), req(s, "accuracy", where).asText(),
                Algorithm.parse(req(s, "algorithm", where).asText()), req(s, "seed", where).asLong(), req(s, "population", where).asInt(),
                req(s, "sample", where).asInt(), schedule, obj);
    }

    /** One history row as JSON keys (shared with the {@link Journal}). */
    static void writeRow(ObjectNode r, Evaluation e) {
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

    /** Reads what {@link #writeRow} wrote; {@code w} names the row in error messages. */
    static Evaluation readRow(JsonNode r, String w) {
        List<String> warnings = new ArrayList<>();
        r.path("warnings").forEach(x -> warnings.add(x.asText()));
        return new Evaluation(req(r, "eval", w).asInt(), req(r, "genome", w).asText(), num(r, "accuracy"), num(r, "latency_ms"),
                num(r, "reward"), Status.parse(req(r, "status", w).asText()), r.path("reason").asText(""), warnings);
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
            EngineSettings settings = readSettings(req(o, "settings", where), where);
            List<Evaluation> history = new ArrayList<>();
            JsonNode h = req(o, "history", where);
            if (!h.isArray()) throw new IllegalArgumentException("history must be an array");
            for (int i = 0; i < h.size(); i++) history.add(readRow(h.get(i), "history[" + i + "]"));
            return new Checkpoint(settings, req(o, "budget", where).asInt(), history, o.path("wall_s").asDouble(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + e.getMessage(), e);
        }
    }

    static JsonNode req(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) throw new IllegalArgumentException(where + (where.endsWith(": ") ? "" : ": ") + "missing key '" + key + "'");
        return v;
    }

    static double num(JsonNode r, String key) {
        JsonNode v = r.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
