package dev.edgetpunas.scaling;

import java.util.Objects;
import java.util.Optional;

/**
 * The member found for one latency target, with the closest member on the other side of the target.
 * The member is the slowest one whose latency meets the target ({@code <= target}); when none does, it
 * is the fastest one found. When it is not within the tolerance, {@link #reason()} says why and
 * {@link #step()} is the jump around the target.
 *
 * <pre>{@code
 * TargetMatch t = scaler.meet(List.of(5.5), CompoundCoefficients.DEFAULT).get(0);
 * t.member().latencyMs(); t.distance();           // -0.012: 1.2 % under the target
 * t.otherSide();                                   // the fastest member above the target
 * t.reason().ifPresent(System.out::println);
 * }</pre>
 *
 * @param targetMs the target latency
 * @param member the member for the target
 * @param otherSide the closest member on the other side of the target, if any was found
 * @param distance {@code (latency - target) / target} of the member (negative: faster than the target)
 * @param withinTolerance {@code |distance| <= tolerance}
 * @param step the latency jump around the target (present when members on both sides were found)
 * @param reason why the member is not within the tolerance (present exactly when it is not)
 */
public record TargetMatch(double targetMs, Member member, Optional<Member> otherSide, double distance, boolean withinTolerance,
        Optional<Step> step, Optional<String> reason) {

    public TargetMatch {
        if (!(targetMs > 0)) throw new IllegalArgumentException("targetMs must be > 0, but was " + targetMs);
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(otherSide, "otherSide");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
        if (withinTolerance == reason.isPresent()) throw new IllegalArgumentException("a reason is given exactly when the member is not within tolerance");
    }

    /** True if the member's latency is at most the target. */
    public boolean meets() {
        return member.latencyMs() <= targetMs;
    }

    /** {@code (latency - target) / target} of the other-side member, if there is one. */
    public Optional<Double> otherSideDistance() {
        return otherSide.map(m -> (m.latencyMs() - targetMs) / targetMs);
    }
}
