package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

class EfficientNetSpecLookupTest {

    @Test
    void inputChannelsChangeOnlyTheStemFilter() {
        Graph rgb = EfficientNet.build(EfficientNetSpec.EDGETPU_S);
        Graph grey = EfficientNet.build(EfficientNetSpec.EDGETPU_S, 1);
        assertEquals(Shape.of(1, 224, 224, 1), grey.tensor(grey.inputs().get(0)).shape());
        assertEquals(rgb.opCount(), grey.opCount());
        assertEquals(rgb.paramCount() - 2 * 3 * 3 * 32, grey.paramCount(), "stem filter 32x3x3x3 -> 32x3x3x1");
        assertEquals(rgb.digest(), EfficientNet.build(EfficientNetSpec.EDGETPU_S, 3).digest());
        assertThrows(IllegalArgumentException.class, () -> EfficientNet.build(EfficientNetSpec.B0, 0));
    }

    @Test
    void zooEfficientNetsExposeTheirSpecWithTheSizeAsResolution() {
        assertEquals(EfficientNetSpec.EDGETPU_S, Models.efficientNetSpec("efficientnet-edgetpu-s").orElseThrow());
        assertEquals(256, Models.efficientNetSpec("efficientnet-edgetpu-m@256").orElseThrow().resolution());
        EfficientNetSpec b3 = Models.efficientNetSpec("efficientnet-b3").orElseThrow();
        assertEquals(1.2, b3.width());
        assertEquals(ModelZoo.build("efficientnet-b3").digest(), EfficientNet.build(b3).digest());
        assertTrue(Models.efficientNetSpec("mobilenet-v2").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Models.efficientNetSpec("no-such-model"));
        assertThrows(IllegalArgumentException.class, () -> Models.efficientNetSpec("efficientnet-b0@big"));
    }
}
