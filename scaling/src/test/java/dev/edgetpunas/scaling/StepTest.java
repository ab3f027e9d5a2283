package dev.edgetpunas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StepTest {

    private static Member member(EfficientNetSpec s, double phi, double ms, long streamed, long link, int cpu) {
        return new Member(s, OptionalDouble.of(phi), false, 1, 1, new Measurement(ms, 1000, streamed, link, cpu), Optional.empty());
    }

    @Test
    void aStepNamesTheRoundingThatChangedAndWhatItDidOnTheAccelerator() {
        EfficientNetSpec a = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 0.0, CompoundCoefficients.DEFAULT);
        EfficientNetSpec b = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 0.001, CompoundCoefficients.DEFAULT).withResolution(232);
        Step s = Step.between(member(b, 0.001, 9.5, 2 << 20, 4096, 1), member(a, 0.0, 3.25, 0, 0, 0));
        assertEquals(3.25, s.from().latencyMs(), "ordered by latency");
        assertEquals(List.of("stage 1 repeats 1 -> 2", "stage 2 repeats 2 -> 3", "stage 3 repeats 4 -> 5", "stage 4 repeats 5 -> 6",
                "stage 5 repeats 4 -> 5", "and 2 more changes"), s.changes());
        assertEquals(List.of("parameters no longer fit on chip (2.00 MiB streamed per inference)",
                "activations no longer fit on chip (4.00 KiB cross the link)", "CPU ops 0 -> 1"), s.causes());
        assertEquals(6.25, s.jumpMs(), 1e-12);
        assertTrue(s.describe().startsWith("latency steps from 3.250 ms (phi 0.000, 224x224) to 9.500 ms (phi 0.001, 232x232): stage 1 repeats"),
                s.describe());
    }

    @Test
    void widthRoundingAndGrowingStreamsAreNamed() {
        EfficientNetSpec a = EfficientNetSpec.EDGETPU_S.withCoefficients(1.2, 1.0, 224);
        EfficientNetSpec b = EfficientNetSpec.EDGETPU_S.withCoefficients(1.3, 1.0, 224);
        Step s = Step.between(member(a, 1, 5, 100, 0, 0), member(b, 2, 6, 5000, 0, 0));
        // round_filters: 32 * 1.2 and 32 * 1.3 both give a 40-wide stem, 24 * 1.2 and 24 * 1.3 both 32, ...
        assertEquals(List.of("stage 3 filters 56 -> 64", "stage 4 filters 112 -> 128", "stage 5 filters 176 -> 184", "stage 6 filters 232 -> 248",
                "head 1536 -> 1664"), s.changes());
        assertEquals(List.of("streamed parameters 100 B -> 4.88 KiB"), s.causes());
    }

    @Test
    void coefficientsParseAndRejectWithTheFieldNamed() {
        assertEquals(new CompoundCoefficients(1.15, 1.1, 1.2), CompoundCoefficients.parse(" 1.15, 1.1 ,1.2"));
        assertEquals("coefficients must be ALPHA,BETA,GAMMA (three numbers), but was '1.2,1.1'",
                assertThrows(IllegalArgumentException.class, () -> CompoundCoefficients.parse("1.2,1.1")).getMessage());
        assertEquals("coefficients: beta must be a number, but was 'x'",
                assertThrows(IllegalArgumentException.class, () -> CompoundCoefficients.parse("1.2,x,1")).getMessage());
        assertEquals("gamma must be a finite number > 0, but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> CompoundCoefficients.parse("1.2,1.1,0")).getMessage());
        assertEquals(1.92, CompoundCoefficients.DEFAULT.flopsFactor(), 0.001);
        assertEquals("alpha 1.2, beta 1.1, gamma 1.15", CompoundCoefficients.DEFAULT.toString());
    }

    @Test
    void optionsRejectBadValuesNamingThem() {
        assertEquals("tolerance must be in (0, 1), but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> ScalingOptions.DEFAULT.withTolerance(0)).getMessage());
        assertEquals("phi range must contain 0, but was [0.5, 2.0]",
                assertThrows(IllegalArgumentException.class, () -> ScalingOptions.DEFAULT.withPhiRange(0.5, 2)).getMessage());
    }
}
