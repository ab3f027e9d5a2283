package dev.edgetpunas.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgetpunas.training.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {
    @Test
    void momentumAccumulatesAndWeightDecaySkipsParametersThatDoNotDecay() {
        Param w = new Param("w", new int[] {1}, true);
        Param b = new Param("b", new int[] {1}, false);
        w.value()[0] = 1f;
        b.value()[0] = 1f;
        Sgd sgd = new Sgd(List.of(w, b), 0.5f, false, 0.1f);
        w.grad()[0] = 1f;
        b.grad()[0] = 1f;
        sgd.step(0.1f);
        assertEquals(1f - 0.1f * 1.1f, w.value()[0], 1e-7, "g' = g + wd * w");
        assertEquals(0.9f, b.value()[0], 1e-7, "no decay on b");
        sgd.step(0.1f);
        float v1 = 1.1f;
        float w1 = 1f - 0.1f * v1;
        float v2 = 0.5f * v1 + (1f + 0.1f * w1);
        assertEquals(w1 - 0.1f * v2, w.value()[0], 1e-6, "v = mu v + g'");
        assertEquals(0.9f - 0.1f * 1.5f, b.value()[0], 1e-6);
    }

    @Test
    void nesterovLooksAhead() {
        Param p = new Param("p", new int[] {1}, false);
        Sgd sgd = new Sgd(List.of(p), 0.9f, true, 0f);
        p.grad()[0] = 1f;
        sgd.step(1f);
        assertEquals(-(1f + 0.9f * 1f), p.value()[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0f, true, 0f));
        assertThrows(IllegalArgumentException.class, () -> sgd.step(Float.NaN));
    }

    @Test
    void cosineScheduleWarmsUpLinearlyThenDecaysToTheFloor() {
        CosineSchedule s = new CosineSchedule(0.1, 0.01, 10, 110);
        assertEquals(0.01, s.at(0), 1e-12);
        assertEquals(0.1, s.at(9), 1e-12);
        assertEquals(0.1, s.at(10), 1e-12);
        assertEquals(0.055, s.at(60), 1e-12, "half-way is the mid-point");
        assertEquals(0.01, s.at(110), 1e-12);
        assertEquals(0.01, s.at(500), 1e-12);
        for (int i = 11; i < 110; i++) assertEquals(true, s.at(i) <= s.at(i - 1), "monotone after warm-up");
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0.2, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0, 11, 10));
    }
}
