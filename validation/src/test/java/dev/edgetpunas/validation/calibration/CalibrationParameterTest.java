package dev.edgetpunas.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

class CalibrationParameterTest {

    @Test
    void linkCeilingsFollowTheBus() {
        assertEquals(500, CalibrationParameters.of("link.bandwidthMBps", ProfileLoader.load("edgetpu-usb3-max")).upper());
        assertEquals(500, CalibrationParameters.of("link.bandwidthMBps", ProfileLoader.load("edgetpu-devboard")).upper());
        assertEquals(40, CalibrationParameters.of("link.bandwidthMBps", ProfileLoader.load("edgetpu-rpi3-usb2")).upper());
        CalibrationParameter overlap = CalibrationParameters.of("link.streamOverlap", ProfileLoader.load("edgetpu-usb3-max"));
        assertEquals(0, overlap.lower());
        assertEquals(1, overlap.upper());
    }

    @Test
    void everyListedKeyIsAProfileKeyWithItsCurrentValueInsideItsBounds() {
        for (String bundled : new String[] {"edgetpu-usb3-max", "edgetpu-usb3-std", "edgetpu-devboard", "edgetpu-rpi4-usb3", "edgetpu-rpi3-usb2", "cpu-only"}) {
            Profile p = ProfileLoader.load(bundled);
            for (String k : CalibrationParameters.KEYS) {
                CalibrationParameter c = CalibrationParameters.of(k, p);
                double v = ((Number) p.valueAt(k)).doubleValue();
                assertTrue(v >= c.lower() && v <= c.upper(), bundled + " " + k + " = " + v + " outside [" + c.lower() + ", " + c.upper() + "]");
                p.withOverrides(java.util.Map.of(k, c.profileValue(c.fromUnit(0.5))));   // a value the profile accepts
            }
        }
    }

    @Test
    void unitPositionsRoundTripOnBothScales() {
        CalibrationParameter log = new CalibrationParameter("k", 1e7, 1e12, true, false, "");
        CalibrationParameter lin = new CalibrationParameter("k", 0, 10_000, false, false, "");
        qt().forAll(doubles().between(0, 1)).checkAssert(u -> {
            assertEquals(u, log.toUnit(log.fromUnit(u)), 1e-9);
            assertEquals(u, lin.toUnit(lin.fromUnit(u)), 1e-12);
            assertTrue(log.fromUnit(u) >= log.lower() && log.fromUnit(u) <= log.upper());
        });
        assertEquals(1e7, log.fromUnit(-3), "positions are clamped to the box");
        assertEquals(1.0, lin.toUnit(1e9));
    }

    @Test
    void integralKeysAreRounded() {
        CalibrationParameter p = new CalibrationParameter("k", 0, 10, false, true, "");
        assertEquals(3.0, p.fromUnit(0.31));
        assertEquals(3L, p.profileValue(3.0));
    }

    @Test
    void badBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationParameter("k", 1, 1, false, false, ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CalibrationParameter("k", 0, 1, true, false, ""));
        assertEquals("k: a log-scale lower bound must be > 0, but was 0.0", e.getMessage());
    }
}
