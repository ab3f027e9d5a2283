package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A named model of the zoo: builds its training graph at a given input resolution.
 *
 * <pre>{@code
 * ZooEntry e = ModelZoo.entry("mobilenet-v2");
 * Graph g = e.build(e.defaultResolution());
 * }</pre>
 *
 * @param name lower-case zoo name
 * @param description one line: what it is and where its definition comes from
 * @param defaultResolution input height and width when the name has no {@code @SIZE}
 * @param builder the training graph at a resolution
 */
public record ZooEntry(String name, String description, int defaultResolution, IntFunction<Graph> builder) {
    public ZooEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(builder, "builder");
        if (defaultResolution <= 0) throw new IllegalArgumentException("defaultResolution must be > 0, but was " + defaultResolution);
    }

    /** The training graph at {@code resolution} x {@code resolution}. */
    public Graph build(int resolution) {
        return builder.apply(resolution);
    }
}
