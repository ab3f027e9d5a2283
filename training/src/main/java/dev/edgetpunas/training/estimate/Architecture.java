package dev.edgetpunas.training.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A candidate architecture as an accuracy estimator sees it: the search space's name, the genome as
 * printed by the space (a block string list or a NAS-Bench-201 cell string), a JSON description (what
 * an external command receives on stdin) and the decoded training graph (float, with BATCH_NORM).
 * The graph is decoded on first use only (a table lookup never needs it) and then kept.
 *
 * <pre>{@code
 * Architecture a = Architecture.of("nasbench201", "|nor_conv_3x3~0|+|...|", json, graph);
 * Estimate e = estimator.estimate(a, 42L);
 * a.requestJson(42L);   // description + "seed", "macs", "params"
 * }</pre>
 */
public final class Architecture {
    private final String space;
    private final String genome;
    private final ObjectNode description;
    private final Supplier<Graph> decoder;
    private volatile Graph graph;

    /**
     * @param space the search space's name ({@code edgetpu}, {@code nasbench201})
     * @param genome the genome as the space prints it
     * @param description the architecture as a JSON object (copied)
     * @param decoder makes the training graph when it is first needed
     */
    public Architecture(String space, String genome, ObjectNode description, Supplier<Graph> decoder) {
        this.space = Objects.requireNonNull(space, "space");
        this.genome = Objects.requireNonNull(genome, "genome");
        this.description = Objects.requireNonNull(description, "description").deepCopy();
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (space.isBlank()) throw new IllegalArgumentException("space must not be blank");
        if (genome.isBlank()) throw new IllegalArgumentException("genome must not be blank");
    }

    /** An architecture whose graph is already decoded. */
    public static Architecture of(String space, String genome, ObjectNode description, Graph graph) {
        Objects.requireNonNull(graph, "graph");
        return new Architecture(space, genome, description, () -> graph);
    }

    public String space() {
        return space;
    }

    public String genome() {
        return genome;
    }

    /** The description (a copy). */
    public ObjectNode description() {
        return description.deepCopy();
    }

    /** A field of the description, or a missing node. */
    public JsonNode field(String key) {
        return description.path(key);
    }

    /** The training graph (decoded on first call). */
    public Graph graph() {
        Graph g = graph;
        if (g == null) {
            synchronized (this) {
                g = graph;
                if (g == null) {
                    g = Objects.requireNonNull(decoder.get(), "decoded graph");
                    graph = g;
                }
            }
        }
        return g;
    }

    /** The JSON an external command receives: the description plus {@code seed}, {@code macs} and {@code params}. */
    public ObjectNode requestJson(long seed) {
        ObjectNode o = description.deepCopy();
        o.put("seed", seed);
        if (!o.has("macs")) o.put("macs", graph().macs());
        if (!o.has("params")) o.put("params", graph().paramCount());
        return o;
    }

    @Override
    public String toString() {
        return "Architecture[" + space + ": " + genome + "]";
    }
}
