package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a stage produced: its result (written to {@code DIR/stages/ID.json}), what the time budget
 * cut (one sentence each; empty if nothing), and a one-line summary for stderr.
 *
 * @param result the stage's JSON result
 * @param cuts what was cut
 * @param line a short summary
 */
record StageOutcome(ObjectNode result, List<String> cuts, String line) {
    StageOutcome {
        Objects.requireNonNull(result, "result");
        cuts = List.copyOf(cuts);
        Objects.requireNonNull(line, "line");
    }
}
