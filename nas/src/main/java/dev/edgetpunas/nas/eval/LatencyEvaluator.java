package dev.edgetpunas.nas.eval;

import dev.edgetpunas.compiler.graph.Graph;

/**
 * The latency of a deployed (BN-folded, int8) network in milliseconds: the simulator under a
 * profile, compiler and scenario, or any other model. Implementations must be deterministic and
 * thread-safe; the search calls them from several threads and caches the result per genome.
 *
 * <pre>{@code
 * LatencyEvaluator lat = deployed -> simulator.simulate(deployed).totalMs();
 * double ms = lat.latencyMs(Deploy.apply(space.decode(genome)));
 * }</pre>
 */
@FunctionalInterface
public interface LatencyEvaluator {

    /** Latency of one inference of {@code deployed}, in ms (finite, > 0). */
    double latencyMs(Graph deployed);
}
