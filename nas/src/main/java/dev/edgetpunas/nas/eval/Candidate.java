package dev.edgetpunas.nas.eval;

import java.util.Objects;

/**
 * One candidate of a search as an {@link EvaluationService} receives it: its id (the 0-based candidate
 * index), the genome and its text form, and the seed of its accuracy estimate (derived from the
 * search seed and the index, so any machine reproduces it).
 *
 * <pre>{@code
 * Candidate<NasBench201Cell> c = new Candidate<>(17, cell, space.encode(cell), seed);
 * service.submit(c, RetryListener.NONE);
 * }</pre>
 *
 * @param eval the candidate index (its id; results are keyed by it)
 * @param genome the genome
 * @param genomeText the genome as the space prints it (what crosses the network)
 * @param seed the seed of the accuracy estimate
 * @param <G> the genome type
 */
public record Candidate<G>(int eval, G genome, String genomeText, long seed) {
    public Candidate {
        if (eval < 0) throw new IllegalArgumentException("eval must be >= 0, but was " + eval);
        Objects.requireNonNull(genome, "genome");
        Objects.requireNonNull(genomeText, "genomeText");
    }
}
