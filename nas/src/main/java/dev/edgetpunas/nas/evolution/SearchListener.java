package dev.edgetpunas.nas.evolution;

import java.nio.file.Path;

/**
 * Progress of a search, for a progress bar or a log. Called on the thread that runs the search, in
 * candidate order. All methods do nothing by default.
 *
 * <pre>{@code
 * engine.run(new SearchListener() {
 *     public void evaluated(Evaluation e, int done, int budget) { bar.stepTo(done); }
 * });
 * }</pre>
 */
public interface SearchListener {
    /** The search starts (or resumes) with {@code done} of {@code budget} evaluations behind it. */
    default void started(int done, int budget) {}

    /** Candidate {@code e} was evaluated; {@code done} evaluations of {@code budget} are finished. */
    default void evaluated(Evaluation e, int done, int budget) {}

    /**
     * Attempt {@code attempt} of candidate {@code eval} starts because the evaluation infrastructure
     * lost the previous one ({@code reason}: member left, timed out, ...).
     */
    default void retried(int eval, int attempt, String reason) {}

    /** A checkpoint with {@code done} evaluations was written to {@code file}. */
    default void checkpointed(Path file, int done) {}

    /** The search finished. */
    default void finished(SearchResult result) {}

    /** A listener that does nothing. */
    SearchListener NONE = new SearchListener() {};
}
