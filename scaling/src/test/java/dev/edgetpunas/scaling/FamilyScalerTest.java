package dev.edgetpunas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.EfficientNetVariant;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FamilyScalerTest {
    private static final EfficientNetSpec BASE = EfficientNetSpec.EDGETPU_S.withName("s128").withResolution(128);
    private static final CompoundCoefficients C = CompoundCoefficients.DEFAULT;
    private static final ScalingOptions NO_FINE_TUNE = ScalingOptions.DEFAULT.withFineTuning(0.01, 0);

    @Test
    void eachTargetGetsTheSlowestMemberMeetingItAndTheFastestOneAboveOnePhiStepAway() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth(), NO_FINE_TUNE, ScalingListener.NONE);
        double base = s.baseMember().latencyMs();
        List<Double> targets = List.of(base * 2.5, base * 1.5, base * 4);
        List<TargetMatch> ms = s.meet(targets, C);
        assertEquals(3, ms.size());
        for (int i = 0; i < 3; i++) {
            TargetMatch t = ms.get(i);
            assertEquals(targets.get(i), t.targetMs(), "targets keep their order");
            assertTrue(t.meets(), "member meets its target");
            Member above = t.otherSide().orElseThrow();
            assertTrue(above.latencyMs() > t.targetMs());
            // latency grows with phi here, so the two sides of the step are 0.001 apart
            assertEquals(0.001, above.phi().getAsDouble() - t.member().phi().getAsDouble(), 1e-9);
            assertEquals((t.member().latencyMs() - t.targetMs()) / t.targetMs(), t.distance(), 1e-12);
            assertEquals(Math.abs(t.distance()) <= 0.05, t.withinTolerance());
            assertEquals(!t.withinTolerance(), t.reason().isPresent());
            assertFalse(t.member().resolutionFineTuned());
            // the printed phi rebuilds the member exactly
            assertEquals(t.member().spec().scaledBlocks(), s.member(t.member().phi().getAsDouble(), C).spec().scaledBlocks());
        }
        assertTrue(ms.get(0).member().phi().getAsDouble() < ms.get(2).member().phi().getAsDouble(), "a larger target, a larger member");
    }

    @Test
    void fineTuningTheResolutionNeverMovesAMemberAwayFromItsTarget() {
        FamilyScaler coarse = new FamilyScaler(BASE, FakeProbe.smooth(), NO_FINE_TUNE, ScalingListener.NONE);
        FamilyScaler fine = new FamilyScaler(BASE, FakeProbe.smooth());
        double base = coarse.baseMember().latencyMs();
        List<Double> targets = List.of(base * 1.3, base * 2.2, base * 3.7);
        List<TargetMatch> a = coarse.meet(targets, C), b = fine.meet(targets, C);
        boolean anyTuned = false;
        for (int i = 0; i < targets.size(); i++) {
            assertTrue(b.get(i).meets());
            assertTrue(b.get(i).member().latencyMs() >= a.get(i).member().latencyMs(), "never slower than needed, never further below");
            if (b.get(i).member().resolutionFineTuned()) {
                anyTuned = true;
                assertEquals(0, b.get(i).member().resolution() % 8);
                int compound = fine.member(b.get(i).member().phi().getAsDouble(), C).resolution();
                assertTrue(Math.abs(b.get(i).member().resolution() - compound) <= 8 * ScalingOptions.DEFAULT.fineTuneSteps(),
                        "fine tuning stays within fineTuneSteps steps of 8 of gamma^phi");
                assertTrue(b.get(i).member().label().contains("@" + b.get(i).member().resolution()));
            }
        }
        assertTrue(anyTuned, "three targets and not one fine-tuned member: the test lost its point");
    }

    @Test
    void aTargetInsideTheCacheCliffIsExplainedByTheStepAroundIt() {
        FakeProbe probe = new FakeProbe(6_000_000, 40);
        FamilyScaler s = new FamilyScaler(BASE, probe, NO_FINE_TUNE, ScalingListener.NONE);
        // find the cliff: the first coarse phi whose parameters stream
        double lo = 0;
        while (s.member(lo + 0.25, C).measurement().offchipStreamedBytes() == 0) lo += 0.25;
        double before = s.member(lo, C).latencyMs();
        double target = before + 20; // half-way up the 40 ms cliff
        TargetMatch t = s.meet(List.of(target), C).get(0);
        assertFalse(t.withinTolerance());
        Step step = t.step().orElseThrow();
        assertTrue(step.to().latencyMs() - step.from().latencyMs() > 40);
        assertTrue(step.causes().stream().anyMatch(c -> c.startsWith("parameters no longer fit on chip")), step.causes().toString());
        assertFalse(step.changes().isEmpty(), "the rounding that crossed the cliff is named");
        String reason = t.reason().orElseThrow();
        assertTrue(reason.startsWith("cannot get within 5%: the slowest member meeting"), reason);
        assertTrue(reason.contains("parameters no longer fit on chip"), reason);
    }

    @Test
    void aTargetBelowEveryMemberGetsTheFastestOneAndSaysSo() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth(), NO_FINE_TUNE.withPhiRange(-1, 1), ScalingListener.NONE);
        TargetMatch t = s.meet(List.of(1e-6), C).get(0);
        assertFalse(t.meets());
        assertTrue(t.otherSide().isEmpty());
        assertEquals(-1.0, t.member().phi().getAsDouble(), 1e-9);
        assertTrue(t.reason().orElseThrow().startsWith("no member meets 0.000 ms"), t.reason().get());
    }

    @Test
    void aTargetAboveThePhiRangeGetsTheLargestMemberAndSaysSo() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth(), NO_FINE_TUNE.withPhiRange(-1, 0.5), ScalingListener.NONE);
        TargetMatch t = s.meet(List.of(1e6), C).get(0);
        assertTrue(t.meets());
        assertEquals(0.5, t.member().phi().getAsDouble(), 1e-9);
        assertTrue(t.reason().orElseThrow().startsWith("every member up to phi 0.500 is faster"), t.reason().get());
    }

    @Test
    void eachDistinctNetworkIsMeasuredOnce() {
        FakeProbe probe = FakeProbe.smooth();
        FamilyScaler s = new FamilyScaler(BASE, probe);
        Member a = s.member(1.0, C);
        Member b = s.member(1.0004, C); // quantized to 1.000
        assertEquals(1.0, b.phi().getAsDouble());
        assertEquals(a, b);
        s.measure(a.spec().withName("renamed"), OptionalDouble.empty(), false);
        assertEquals(1, probe.calls.get());
        s.meet(List.of(a.latencyMs() * 1.2), C);
        assertEquals(probe.calls.get(), s.measuredCount(), "one probe call per distinct network");
    }

    @Test
    void badTargetsAreRejectedNamingTheValue() {
        FamilyScaler s = new FamilyScaler(BASE, FakeProbe.smooth());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.meet(List.of(-2.0), C));
        assertEquals("target must be a finite number of ms > 0, but was -2.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.meet(List.of(), C));
    }

    /** The real simulator: pins the structure of the answer, not its numbers (profiles are still being calibrated). */
    @Test
    void onTheSimulatorEveryTargetIsMetOrExplained() {
        FamilyScaler s = new FamilyScaler(EfficientNetSpec.EDGETPU_S, LatencyProbe.of(new Simulator(ProfileLoader.load("edgetpu-usb3-max"))),
                ScalingOptions.DEFAULT.withPhiRange(-1, 1.5).withCoarseStep(0.5), ScalingListener.NONE);
        Member base = s.baseMember();
        assertTrue(base.latencyMs() > 0);
        assertEquals(0, base.measurement().cpuOps(), "S maps whole on compiler 16");
        Member m = s.published(EfficientNetVariant.EDGETPU_M);
        assertEquals("efficientnet-edgetpu-m", m.name());
        assertTrue(m.macs() > base.macs());
        for (TargetMatch t : s.meet(List.of(base.latencyMs() * 1.5, base.latencyMs() * 2.5), C)) {
            assertTrue(t.meets() || t.reason().isPresent());
            assertEquals(!t.withinTolerance(), t.reason().isPresent());
            t.otherSide().ifPresent(o -> assertTrue(o.latencyMs() > t.targetMs()));
            t.step().ifPresent(st -> assertTrue(st.from().latencyMs() <= t.targetMs() && st.to().latencyMs() > t.targetMs()));
        }
    }
}
