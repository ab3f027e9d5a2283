package dev.edgetpunas.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The values the bundled profiles ship are what the documented calibrations give (docs/fidelity.md): each
 * calibration is re-run on its rows of the built-in set, from the shipped values, and must end where it
 * started (within 1%, or at the same bound). Evidence tier: about a minute.
 */
@Tag("evidence")
class ShippedCalibrationEvidenceTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "edgetpu-usb3-max  | edgetpu | warm | link.bandwidthMBps,link.overheadUs,accelerator.foldOverheadCycles",
        "cpu-only          | cpu     | warm | host.convMacsPerSecond,host.depthwiseMacsPerSecond",
        "edgetpu-devboard  | edgetpu | warm | link.bandwidthMBps,link.overheadUs",
        "edgetpu-devboard  | cpu     | warm | host.convMacsPerSecond,host.depthwiseMacsPerSecond",
        "edgetpu-rpi4-usb3 | edgetpu | warm | link.bandwidthMBps,link.overheadUs",
        "edgetpu-rpi4-usb3 | cpu     | warm | host.convMacsPerSecond,host.depthwiseMacsPerSecond",
        "edgetpu-rpi3-usb2 | edgetpu | warm | link.bandwidthMBps,link.overheadUs",
        "edgetpu-rpi3-usb2 | cpu     | warm | host.convMacsPerSecond,host.depthwiseMacsPerSecond",
    })
    void theShippedValuesAreTheCalibrationsOptimum(String profile, String device, String scenario, String keys) {
        List<Measurement> rows = MeasurementSet.builtIn().filter(m -> m.profile().equals(profile) && m.device() == Device.parse(device)
                && m.scenario() == Scenario.parse(scenario)).rows();
        var base = ProfileLoader.load(profile);
        CalibrationResult r = new Calibrator().calibrate(base, rows, List.of(keys.split(",")),
                Calibrator.Options.defaults().withLeaveOneOut(false).withThreads(2));
        for (String k : r.fitted().keySet()) {
            double shipped = r.initial().get(k), fitted = r.fitted().get(k);
            assertEquals(shipped, fitted, Math.max(1e-9, Math.abs(shipped) * 0.01), profile + " " + k);
        }
        assertEquals(Optional.empty(), r.leaveOneOut());
    }
}
