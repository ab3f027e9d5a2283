package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline's state in {@code DIR/manifest.json}: the settings, and per stage its status
 * ({@code pending}, {@code running}, {@code done}, or {@code cut}: done with less work because the stage
 * reached its share of the time budget), wall time and what was cut. A stage's outputs are written
 * (atomically) before the manifest says it is done, so a killed run resumes at the first stage that is
 * not; a search resumes from its own checkpoint inside the stage.
 *
 * <pre>{@code
 * Manifest m = Manifest.read(dir).orElseGet(() -> Manifest.fresh(settings));
 * m.set(Stage.REFERENCE, new Manifest.StageState(Manifest.Status.DONE, 1.4, List.of()));
 * m.write(dir);
 * }</pre>
 */
final class Manifest {
    static final String FILE = "manifest.json";
    private static final String KIND = "edgetpu-nas pipeline manifest";

    enum Status {
        PENDING, RUNNING, DONE, CUT;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean finished() {
            return this == DONE || this == CUT;
        }

        static Status parse(String s) {
            for (Status x : values()) if (x.id().equals(s)) return x;
            throw new IllegalArgumentException("stage status must be pending, running, done or cut, but was '" + s + "'");
        }
    }

    /**
     * One stage's state.
     *
     * @param status where it is
     * @param wallS seconds spent in it (summed over the processes that worked on it, as far as recorded)
     * @param cuts what the time budget cut, one sentence each (empty unless {@code cut})
     */
    record StageState(Status status, double wallS, List<String> cuts) {
        StageState {
            Objects.requireNonNull(status, "status");
            cuts = List.copyOf(cuts);
        }

        static final StageState PENDING = new StageState(Status.PENDING, 0, List.of());
    }

    private final PipelineSettings settings;
    private final Map<Stage, StageState> stages = new EnumMap<>(Stage.class);
    private int processes;

    private Manifest(PipelineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (Stage s : Stage.values()) stages.put(s, StageState.PENDING);
    }

    static Manifest fresh(PipelineSettings settings) {
        return new Manifest(settings);
    }

    PipelineSettings settings() {
        return settings;
    }

    StageState state(Stage s) {
        return stages.get(s);
    }

    void set(Stage s, StageState st) {
        stages.put(s, Objects.requireNonNull(st, "state"));
    }

    /** Number of processes that worked on this run (1 for a run that was never resumed). */
    int processes() {
        return processes;
    }

    void startedProcess() {
        processes++;
    }

    /** The first stage that is not finished, if any. */
    Optional<Stage> firstUnfinished() {
        for (Stage s : Stage.values()) if (!stages.get(s).status().finished()) return Optional.of(s);
        return Optional.empty();
    }

    void write(Path dir) {
        ObjectNode o = Json.report();
        o.put("kind", KIND);
        o.set("settings", settings.toJson());
        o.put("processes", processes);
        ObjectNode st = o.putObject("stages");
        for (Stage s : Stage.values()) {
            StageState x = stages.get(s);
            ObjectNode n = st.putObject(s.id());
            n.put("status", x.status().id());
            n.put("wall_s", x.wallS());
            n.put("share", s.share());
            ArrayNode c = n.putArray("cuts");
            x.cuts().forEach(c::add);
        }
        AtomicFiles.writeString(dir.resolve(FILE), Json.pretty(o) + "\n");
    }

    /** The manifest in {@code dir}, if there is one; a file that is not a pipeline manifest is an error naming it. */
    static Optional<Manifest> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return Optional.empty();
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (o == null || !KIND.equals(o.path("kind").asText())) {
            throw new IllegalArgumentException(f + " is not a pipeline manifest (key 'kind' must be '" + KIND + "')");
        }
        try {
            Manifest m = new Manifest(PipelineSettings.fromJson(o.path("settings")));
            m.processes = o.path("processes").asInt(0);
            JsonNode st = o.path("stages");
            for (Stage s : Stage.values()) {
                JsonNode n = st.path(s.id());
                if (n.isMissingNode()) continue;
                List<String> cuts = new ArrayList<>();
                n.path("cuts").forEach(c -> cuts.add(c.asText()));
                m.stages.put(s, new StageState(Status.parse(n.path("status").asText("pending")), n.path("wall_s").asDouble(0), cuts));
            }
            return Optional.of(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }
}
