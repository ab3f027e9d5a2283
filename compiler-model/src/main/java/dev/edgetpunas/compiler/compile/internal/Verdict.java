package dev.edgetpunas.compiler.compile.internal;

import dev.edgetpunas.compiler.compile.OpStatus;
import java.util.Objects;

/**
 * The rules' decision for one op, before partitioning: mapped, or a status with a reason; {@code
 * assumption} is non-empty when a check flagged as a modelling assumption decided it.
 *
 * <pre>{@code
 * Verdict v = rules.check(graph, op);
 * v.mapped();
 * }</pre>
 */
public record Verdict(OpStatus status, String reason, String assumption) {
    /** The verdict of an op that maps. */
    public static final Verdict MAPPED = new Verdict(OpStatus.MAPPED, "", "");

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(assumption, "assumption");
    }

    public boolean mapped() {
        return status == OpStatus.MAPPED;
    }
}
