package dev.edgetpunas.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibratedProfileYamlTest {

    @Test
    void theWrittenProfileLoadsBackWithTheFittedValuesAndNamesTheCalibrationSet() {
        Profile base = ProfileLoader.load("edgetpu-rpi4-usb3");
        List<Measurement> rows = List.of(
                new Measurement("mobilenet-v1-0.25", "edgetpu-rpi4-usb3", Device.EDGETPU, Scenario.WARM, Optional.empty(), 1.6, "s", "", "a:1"),
                new Measurement("squeezenet", "edgetpu-rpi4-usb3", Device.EDGETPU, Scenario.WARM, Optional.empty(), 3.1, "s", "", "a:2"));
        CalibrationResult r = new Calibrator().calibrate(base, rows, List.of("link.overheadUs", "compiler.reserveFixedBytes"),
                Calibrator.Options.defaults().withLeaveOneOut(false));
        String yaml = CalibratedProfileYaml.write(r, "edgetpu-rpi4-usb3", "my bench (2 rows)");
        Profile back = ProfileLoader.parse(yaml, "calibrated.yaml");
        assertEquals(r.fitted().get("link.overheadUs"), back.link().overheadUs(), Math.abs(back.link().overheadUs()) * 1e-3);
        assertEquals(Math.round(r.fitted().get("compiler.reserveFixedBytes")), back.compiler().reserveFixedBytes());
        assertEquals(base.host(), back.host(), "everything else is inherited");
        assertEquals("edgetpu-rpi4-usb3-calibrated", back.name());
        assertTrue(yaml.contains("overheadUs: "), yaml);
        assertTrue(yaml.contains("# calibrated on my bench (2 rows); was " + CalibratedProfileYaml.format(base.link().overheadUs())), yaml);
        assertTrue(yaml.startsWith("# Calibrated by `edgetpu-nas calibrate` on my bench (2 rows)\n"), yaml);
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertEquals("1234", CalibratedProfileYaml.format(1234.4));
        assertEquals("0.5", CalibratedProfileYaml.format(0.5));
        assertEquals("1.235e10", CalibratedProfileYaml.format(1.2345e10));
        assertEquals("0", CalibratedProfileYaml.format(0));
    }
}
