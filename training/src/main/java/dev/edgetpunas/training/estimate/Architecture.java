package dev.edgetpunas.training.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import java.util.Objects;

/**
 * A candidate architecture as an accuracy estimator sees it: the search space's name, the genome as
 * printed by the space (a block string list or a NAS-Bench-201 cell string), a JSON description (what
 * an external command receives on stdin) and the decoded training graph (float, with BATCH_NORM).
 *
 * <pre>{@code
 * Architecture a = new Architecture("nasbench201", "|nor_conv_3x3~0|+|...|", json, graph);
 * Estimate e = estimator.estimate(a, 42L);
 * }</pre>
 *
 * @param space the search space's name ({@code edgetpu}, {@code nasbench201})
 * @param genome the genome as the space prints it
 * @param description the architecture as JSON (an object; copied)
 * @param graph the decoded training graph
 */
public record Architecture(String space, String genome, ObjectNode description, Graph graph) {

    public Architecture {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(genome, "genome");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(graph, "graph");
        if (space.isBlank()) throw new IllegalArgumentException("space must not be blank");
        if (genome.isBlank()) throw new IllegalArgumentException("genome must not be blank");
        description = description.deepCopy();
    }

    /** The description (a copy: the record stays immutable). */
    @Override
    public ObjectNode description() {
        return description.deepCopy();
    }

    /** The description with {@code seed} added: the JSON an external command receives. */
    public ObjectNode requestJson(long seed) {
        ObjectNode o = description.deepCopy();
        o.put("seed", seed);
        return o;
    }

    /** A field of the description, or a missing node. */
    public JsonNode field(String key) {
        return description.path(key);
    }
}
