package dev.edgetpunas.nas.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

class ObjectiveTest {
    @Test
    void softRewardIsMnasNets() {
        Objective o = Objective.mnasSoft(5);
        assertEquals(0.8, o.reward(0.8, 5), 1e-15);
        assertEquals(0.8 * Math.pow(2, -0.07), o.reward(0.8, 10), 1e-15);
        assertTrue(o.reward(0.8, 2.5) > 0.8);
    }

    @Test
    void hardRewardIsAccuracyWithinTheTargetAndPenalizedAbove() {
        Objective o = Objective.mnasHard(5);
        assertEquals(0.8, o.reward(0.8, 1), 0);
        assertEquals(0.8, o.reward(0.8, 5), 0);
        assertEquals(0.4, o.reward(0.8, 10), 1e-15);
        assertTrue(o.feasible(5) && !o.feasible(5.0001));
    }

    /** Rewards rise with accuracy and never rise with latency. */
    @Test
    void rewardsAreMonotone() {
        for (Objective o : new Objective[] {Objective.mnasSoft(3), Objective.mnasHard(3), Objective.pareto(3)}) {
            qt().forAll(doubles().between(0, 1), doubles().between(0.01, 20), doubles().between(0, 1)).checkAssert((a, l, d) -> {
                assertTrue(o.reward(Math.min(1, a + d), l) >= o.reward(a, l));
                assertTrue(o.reward(a, l + d) <= o.reward(a, l));
            });
        }
    }

    @Test
    void badValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Objective.mnasSoft(0));
        assertThrows(IllegalArgumentException.class, () -> new Objective(Objective.Kind.MNAS_SOFT, 1, 0.1));
        assertEquals(Objective.Kind.PARETO, Objective.Kind.parse("Pareto"));
        assertThrows(IllegalArgumentException.class, () -> Objective.Kind.parse("nsga"));
    }
}
