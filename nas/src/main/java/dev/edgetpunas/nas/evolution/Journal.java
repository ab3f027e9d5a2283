package dev.edgetpunas.nas.evolution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search driver's append-only journal: one JSON object per line, flushed line by line, so a
 * driver killed at any moment leaves a journal that {@link Engine#resume(Replay, SearchListener)}
 * continues from, on any machine. Nothing of the search lives only in the workers.
 *
 * <pre>{@code
 * {"event":"search","kind":"edgetpu-nas search journal","format_version":1,"settings":{...},"budget":40}
 * {"event":"submitted","eval":0,"genome":"|nor_conv_3x3~0|+|...|","seed":-4417...}
 * {"event":"retried","eval":5,"attempt":2,"reason":"member left"}
 * {"event":"finished","eval":0,"genome":"...","accuracy":0.91,"latency_ms":0.61,"reward":0.92,"status":"ok","wall_s":0.4}
 * {"event":"failed","eval":3,"genome":"...","latency_ms":0.7,"status":"failed","reason":"exit code 1: ...","wall_s":0.5}
 * {"event":"resumed","budget":40,"rows":17}
 * }</pre>
 *
 * <p>{@code finished} rows have status {@code ok} or {@code cached}; {@code failed} rows {@code failed}
 * (the candidate failed by itself) or {@code lost} (the infrastructure gave up after its retries).
 * A candidate evaluated remotely gets its row when its result arrives (so results that arrived before
 * a crash are not evaluated again); a reused result ({@code cached}) when it is applied. In an async
 * search the rows' order is the order results were applied. The journal holds no host names and no
 * absolute paths: reasons and warnings are {@linkplain #scrub scrubbed} of IPv4 addresses and of
 * directories of absolute paths. A truncated last line (a driver killed mid-write) is ignored when
 * read; for the same candidate the first row wins.
 */
public final class Journal {
    /** Version of the journal format. */
    public static final int FORMAT_VERSION = 1;
    static final String KIND = "edgetpu-nas search journal";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.~:/-])/(?:[^\\s/'\"`:;,()\\[\\]]+/)+");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b");

    private Journal() {}

    /**
     * Starts a new journal at {@code file} (created, or an existing empty file) with its header line.
     *
     * @throws IllegalArgumentException if the file has content (resume it, or remove it)
     */
    public static Writer create(Path file, EngineSettings settings, int budget) {
        Objects.requireNonNull(settings, "settings");
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                throw new IllegalArgumentException("journal " + file + " already exists: resume it (--resume) or remove it");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal " + file + ": " + e.getMessage(), e);
        }
        Writer w = new Writer(file);
        ObjectNode o = event("search");
        o.put("kind", KIND);
        o.put("format_version", FORMAT_VERSION);
        Checkpoint.writeSettings(o.putObject("settings"), settings);
        o.put("budget", budget);
        w.write(o);
        return w;
    }

    /** Opens an existing journal for appending (a resume). */
    public static Writer append(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("journal " + file + " does not exist");
        return new Writer(file);
    }

    /** Appends events; thread-safe; each line is flushed to the operating system as it is written. */
    public static final class Writer implements Closeable {
        private final Path file;
        private final OutputStream out;

        private Writer(Path file) {
            this.file = file;
            try {
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
            }
        }

        /** Candidate {@code eval} was sent for evaluation (or, with {@code copyOf >= 0}, waits for that candidate's result). */
        public void submitted(int eval, String genome, long seed, int copyOf) {
            ObjectNode o = event("submitted");
            o.put("eval", eval);
            o.put("genome", genome);
            o.put("seed", seed);
            if (copyOf >= 0) o.put("copy_of", copyOf);
            write(o);
        }

        /** Attempt {@code attempt} of candidate {@code eval} starts after the previous one was lost. */
        public void retried(int eval, int attempt, String reason) {
            ObjectNode o = event("retried");
            o.put("eval", eval);
            o.put("attempt", attempt);
            o.put("reason", scrub(reason));
            write(o);
        }

        /** The outcome of a candidate: {@code finished} (ok, cached) or {@code failed} (failed, lost). */
        public void row(Evaluation e, double wallSeconds) {
            ObjectNode o = event(e.succeeded() ? "finished" : "failed");
            Evaluation clean = new Evaluation(e.eval(), e.genome(), e.accuracy(), e.latencyMs(), e.reward(), e.status(), scrub(e.reason()),
                    e.warnings().stream().map(Journal::scrub).toList());
            Checkpoint.writeRow(o, clean);
            o.put("wall_s", wallSeconds);
            write(o);
        }

        /** A resumed driver continues with {@code rows} outcomes behind it. */
        public void resumed(int budget, int rows) {
            ObjectNode o = event("resumed");
            o.put("budget", budget);
            o.put("rows", rows);
            write(o);
        }

        synchronized void write(ObjectNode o) {
            try {
                out.write((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static ObjectNode event(String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", name);
        return o;
    }

    /**
     * What a journal says: the settings and budget of its search, the outcome rows in journal order
     * (first row per candidate), every submission (last per candidate), the number of retries and the
     * wall time so far.
     *
     * @param settings the search's settings (from the header)
     * @param budget the budget of the last run that wrote it
     * @param rows outcomes, in the order they were written
     * @param submissions candidate -> what was submitted for it
     * @param retries number of {@code retried} events
     * @param wallSeconds the largest {@code wall_s} of a row
     */
    public record Replay(EngineSettings settings, int budget, List<Evaluation> rows, Map<Integer, Submission> submissions, int retries,
            double wallSeconds) {
        public Replay {
            Objects.requireNonNull(settings, "settings");
            rows = List.copyOf(rows);
            submissions = Collections.unmodifiableMap(new LinkedHashMap<>(submissions));
        }
    }

    /**
     * A {@code submitted} event.
     *
     * @param eval the candidate
     * @param genome its genome text
     * @param seed its accuracy seed
     * @param copyOf the candidate whose result it copies, or -1 (evaluated itself)
     */
    public record Submission(int eval, String genome, long seed, int copyOf) {}

    /** Reads a journal; errors name the file, the line and the key. */
    public static Replay read(Path file) {
        List<String> lines;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean lastComplete = text.endsWith("\n");
        if (lastComplete) lines.remove(lines.size() - 1);
        EngineSettings settings = null;
        int budget = 0;
        List<Evaluation> rows = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Map<Integer, Submission> subs = new LinkedHashMap<>();
        int retries = 0;
        double wall = 0;
        for (int i = 0; i < lines.size(); i++) {
            String where = "journal " + file + " line " + (i + 1) + ": ";
            String line = lines.get(i);
            if (line.isBlank()) continue;
            boolean last = i == lines.size() - 1;
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                if (last && !lastComplete) break; // a driver killed mid-write: the line never finished
                throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage());
            }
            try {
                String ev = Checkpoint.req(o, "event", where).asText();
                if (settings == null && !ev.equals("search")) {
                    throw new IllegalArgumentException(where + "not an edgetpu-nas search journal (the first line must be the 'search' event)");
                }
                switch (ev) {
                    case "search":
                        if (settings != null) throw new IllegalArgumentException(where + "a second 'search' header");
                        if (!KIND.equals(o.path("kind").asText())) {
                            throw new IllegalArgumentException(where + "key 'kind' must be '" + KIND + "', but was '" + o.path("kind").asText() + "'");
                        }
                        if (o.path("format_version").asInt(-1) != FORMAT_VERSION) {
                            throw new IllegalArgumentException(where + "format_version must be " + FORMAT_VERSION + ", but was " + o.path("format_version"));
                        }
                        settings = Checkpoint.readSettings(Checkpoint.req(o, "settings", where), where);
                        budget = Checkpoint.req(o, "budget", where).asInt();
                        break;
                    case "resumed":
                        budget = Checkpoint.req(o, "budget", where).asInt();
                        break;
                    case "submitted":
                        int eval = Checkpoint.req(o, "eval", where).asInt();
                        subs.put(eval, new Submission(eval, Checkpoint.req(o, "genome", where).asText(), Checkpoint.req(o, "seed", where).asLong(),
                                o.path("copy_of").asInt(-1)));
                        break;
                    case "retried":
                        retries++;
                        break;
                    case "finished":
                    case "failed":
                        Evaluation e = Checkpoint.readRow(o, where.substring(0, where.length() - 2));
                        if (e.succeeded() != ev.equals("finished")) {
                            throw new IllegalArgumentException(where + "event '" + ev + "' with status '" + e.status().id() + "'");
                        }
                        if (seen.add(e.eval())) rows.add(e); // first result wins
                        wall = Math.max(wall, o.path("wall_s").asDouble(0));
                        break;
                    default:
                        throw new IllegalArgumentException(where + "unknown event '" + ev + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("journal ") ? e.getMessage() : where + e.getMessage(), e);
            }
        }
        if (settings == null) throw new IllegalArgumentException("journal " + file + ": empty (no 'search' header)");
        return new Replay(settings, budget, rows, subs, retries, wall);
    }

    /**
     * {@code text} without host addresses and directories: IPv4 addresses (with a port) become
     * {@code <address>}, an absolute path keeps its file name only.
     *
     * <pre>{@code
     * Journal.scrub("cannot read /home/ann/data/x.csv from 10.0.0.7:5701");   // "cannot read x.csv from <address>"
     * }</pre>
     */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String s = IPV4.matcher(text).replaceAll("<address>");
        return ABSOLUTE_PATH.matcher(s).replaceAll("");
    }
}
