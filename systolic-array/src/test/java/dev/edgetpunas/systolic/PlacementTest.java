package dev.edgetpunas.systolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import org.junit.jupiter.api.Test;

class PlacementTest {
    @Test
    void activationsGoOnChipOnlyWhenTheyFitTheCapacity() {
        ConvWorkload c = ConvWorkload.same(112, 112, 1, 1, 24, 192, 1);   // in 301,056 B, out 2,408,448 B
        assertEquals(new Placement(true, true, true), Placement.fitting(c, true, 3_000_000));
        assertEquals(new Placement(false, true, false), Placement.fitting(c, false, 1_000_000));
        assertEquals(new Placement(true, false, false), Placement.fitting(c, true, 100_000));
        assertThrows(IllegalArgumentException.class, () -> Placement.fitting(c, true, -1));
    }

    @Test
    void paramsRejectBadValuesNamingTheField() {
        EdgeTpuParams d = EdgeTpuParams.defaults();
        assertEquals("sramBandwidthBytesPerCycle must be > 0, but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> d.withSramBandwidthBytesPerCycle(0)).getMessage());
        assertEquals("linkBandwidthBytesPerCycle must be > 0, but was NaN",
                assertThrows(IllegalArgumentException.class, () -> d.withLinkBandwidthBytesPerCycle(Double.NaN)).getMessage());
        assertEquals("foldOverheadCycles must be >= 0, but was -1",
                assertThrows(IllegalArgumentException.class, () -> d.withFoldOverheadCycles(-1)).getMessage());
        assertEquals(0.84, EdgeTpuParams.bytesPerCycle(420, 500), 1e-12);
        assertEquals("rows must be > 0, but was 0",
                assertThrows(IllegalArgumentException.class, () -> new ArrayConfig(0, 64, Dataflow.WS, 500)).getMessage());
        assertEquals(DepthwiseMapping.CHANNEL_SERIAL, DepthwiseMapping.parse("channel-serial"));
        assertEquals(Dataflow.IS, Dataflow.parse("is"));
        assertThrows(IllegalArgumentException.class, () -> Dataflow.parse("xs"));
    }
}
