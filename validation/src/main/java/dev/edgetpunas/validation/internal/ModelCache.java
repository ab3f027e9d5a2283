package dev.edgetpunas.validation.internal;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.Models;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deployed graphs by MODEL argument, built once (zoo builds and .tflite reads are the slow part of a validation).
 *
 * <pre>{@code
 * ModelCache cache = new ModelCache();
 * Graph g = cache.deployed("mobilenet-v1");   // built and deployed once, then shared
 * }</pre>
 */
public final class ModelCache {
    private final Map<String, Graph> graphs = new ConcurrentHashMap<>();

    /** The deployed graph of {@code spec} (a resolved MODEL argument of one model). */
    public Graph deployed(String spec) {
        Graph g = graphs.get(spec);
        if (g != null) return g;
        g = Models.requireCpuModel(Models.load(spec)).deployed();
        Graph prev = graphs.putIfAbsent(spec, g);
        return prev == null ? g : prev;
    }
}
