package dev.edgetpunas.nas.evolution;

import java.util.List;

/**
 * One batch of a search as {@link Engine#stream()} delivers it: the candidates generated from the
 * population as it was before the batch, evaluated, and inserted in candidate order.
 *
 * <pre>{@code
 * try (Stream<Batch> s = engine.stream()) {
 *     s.forEach(b -> System.out.println(b.done() + "/" + b.budget()));
 * }
 * }</pre>
 *
 * @param evaluations the batch's candidates, in order
 * @param done candidates evaluated so far (including this batch)
 * @param budget candidates asked for
 * @param paretoSize size of the Pareto front after the batch
 */
public record Batch(List<Evaluation> evaluations, int done, int budget, int paretoSize) {
    public Batch {
        evaluations = List.copyOf(evaluations);
    }
}
