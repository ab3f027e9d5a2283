package dev.edgetpunas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracySourceTest {

    @Test
    void theEstimatorSeesTheScaledNetworkAndNothingThatDoesNotDefineIt() {
        List<Architecture> seen = Collections.synchronizedList(new ArrayList<>());
        AccuracySource src = AccuracySource.seeingResolution((a, seed) -> {
            seen.add(a);
            return Estimate.ok(0.5);
        });
        EfficientNetSpec l = CompoundScaling.scale(EfficientNetSpec.EDGETPU_S, 2.0, CompoundCoefficients.DEFAULT);
        src.estimate(l, EfficientNetSpec.EDGETPU_S, 3L);
        Architecture a = seen.get(0);
        assertEquals("scaling", a.space());
        ObjectNode json = a.requestJson(3L);
        assertEquals(296, json.get("resolution").asInt());
        assertEquals(1552, json.get("head_filters").asInt());
        assertEquals(40, json.get("stem_filters").asInt());
        assertEquals("relu", json.get("activation").asText());
        assertEquals(CompoundScaling.blockStrings(l).get(3), json.get("blocks").get(3).asText());
        assertEquals(String.join(", ", CompoundScaling.blockStrings(l)), a.genome());
        assertFalse(json.has("depth_coefficient"), "two coefficient sets that round alike must send the same request");
        assertEquals(3L, json.get("seed").asLong());
        assertEquals(a.graph().macs(), json.get("macs").asLong());
    }

    @Test
    void eachNetworkIsEstimatedOnceAndABlindEstimatorIgnoresResolution() {
        List<Architecture> seen = Collections.synchronizedList(new ArrayList<>());
        AccuracySource blind = AccuracySource.blindToResolution((a, seed) -> {
            seen.add(a);
            return Estimate.ok(0.25);
        });
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S;
        blind.estimate(s.withResolution(256), s, 1L);
        blind.estimate(s.withResolution(320).withName("other"), s, 1L);
        assertEquals(1, seen.size());
        assertEquals(224, seen.get(0).field("resolution").asInt(), "estimated at the base's resolution");
        assertFalse(blind.seesResolution());
    }

    @Test
    void anEstimatorThatThrowsBecomesAFailedEstimate() {
        AccuracySource src = AccuracySource.seeingResolution((a, seed) -> {
            throw new IllegalStateException("boom");
        });
        Estimate e = src.estimate(EfficientNetSpec.EDGETPU_S, EfficientNetSpec.EDGETPU_S, 1L);
        assertTrue(e instanceof Estimate.Failed f && f.reason().equals("estimator threw IllegalStateException: boom"), e.toString());
    }
}
