package dev.edgetpunas.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Calibration recovers parameter values from measurements the simulator itself produced with those values,
 * reports the error before and after, and keeps to the rules (at most 4 keys, known keys, physical bounds).
 */
class CalibratorTest {
    /** Small models with different input sizes, so that overhead and link speed are both identified. */
    static final List<String> MODELS = List.of("mobilenet-v1-0.25", "squeezenet", "mobilenet-v1-0.5");
    static final Profile BASE = ProfileLoader.load("edgetpu-usb3-max");

    /** Rows "measured" on {@code truth}. */
    static List<Measurement> synthetic(Profile truth) {
        List<Measurement> rows = new ArrayList<>();
        for (String m : MODELS) rows.add(new Measurement(m, "edgetpu-usb3-max", Device.EDGETPU, Scenario.WARM, Optional.empty(), 1, "synthetic", "", m));
        double[] ms = new Validator(ref -> truth).predict(rows);
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Measurement r = rows.get(i);
            out.add(new Measurement(r.model(), r.profile(), r.device(), r.scenario(), r.compiler(), ms[i], r.source(), "", r.origin()));
        }
        return out;
    }

    @Test
    void recoversTheValuesThatProducedTheMeasurements() {
        Profile truth = BASE.withOverrides(Map.of("link.overheadUs", 1234.0, "link.bandwidthMBps", 310.0));
        CalibrationResult r = new Calibrator().calibrate(BASE, synthetic(truth), List.of("link.overheadUs", "link.bandwidthMBps"),
                Calibrator.Options.defaults().withLeaveOneOut(false));
        assertEquals(1234.0, r.fitted().get("link.overheadUs"), 1234 * 0.01);
        assertEquals(310.0, r.fitted().get("link.bandwidthMBps"), 310 * 0.01);
        assertTrue(r.inSample().mapePct() < 0.5, "in-sample MAPE " + r.inSample().mapePct());
        assertTrue(r.before().mapePct() > 5, "the base profile was off: " + r.before().mapePct());
        assertTrue(r.rmsLogAfter() < r.rmsLogBefore());
        assertEquals(Map.of("link.overheadUs", BASE.link().overheadUs(), "link.bandwidthMBps", BASE.link().bandwidthMBps()), r.initial());
        assertEquals(1234.0, r.calibrated().link().overheadUs(), 1234 * 0.01);
        assertEquals(List.of(), r.insensitive());
    }

    @Test
    void leaveOneOutPredictsEachRowFromTheOthersAndDoesNotDependOnThreads() {
        Profile truth = BASE.withOverrides(Map.of("link.overheadUs", 700.0));
        List<Measurement> rows = synthetic(truth);
        Calibrator.Options one = Calibrator.Options.defaults().withThreads(1);
        CalibrationResult a = new Calibrator().calibrate(BASE, rows, List.of("link.overheadUs"), one);
        CalibrationResult b = new Calibrator().calibrate(BASE, rows, List.of("link.overheadUs"), one.withThreads(3));
        assertTrue(a.leaveOneOut().isPresent());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(a.rows().get(i).leaveOneOutMs(), b.rows().get(i).leaveOneOutMs(), 0.0, "row " + i);
            // with a model that can be exact, each held-out row is predicted from the others within the fit's tolerance
            assertEquals(rows.get(i).latencyMs(), a.rows().get(i).leaveOneOutMs(), rows.get(i).latencyMs() * 0.005);
        }
        double[] range = a.leaveOneOutRange("link.overheadUs");
        assertTrue(range[0] <= range[1] && Math.abs(range[0] - 700) < 7 && Math.abs(range[1] - 700) < 7, range[0] + ".." + range[1]);
    }

    @Test
    void aParameterTheRowsDoNotTouchIsReportedAsNotIdentified() {
        // no CPU op in these models: the host's depthwise rate changes nothing
        CalibrationResult r = new Calibrator().calibrate(BASE, synthetic(BASE), List.of("host.depthwiseMacsPerSecond", "link.overheadUs"),
                Calibrator.Options.defaults().withLeaveOneOut(false));
        assertEquals(List.of("host.depthwiseMacsPerSecond"), r.insensitive());
    }

    @Test
    void fittedValuesStayWithinThePhysicalBounds() {
        // "measured" far faster than any USB 2 link allows: the bandwidth stops at USB 2's ceiling
        Profile rpi3 = ProfileLoader.load("edgetpu-rpi3-usb2");
        List<Measurement> rows = new ArrayList<>();
        for (Measurement m : synthetic(BASE.withOverrides(Map.of("link.overheadUs", 0.0)))) {
            rows.add(new Measurement(m.model(), "edgetpu-rpi3-usb2", m.device(), m.scenario(), m.compiler(), m.latencyMs() / 4, m.source(), "", m.origin()));
        }
        CalibrationResult r = new Calibrator().calibrate(rpi3, rows, List.of("link.bandwidthMBps", "link.overheadUs"),
                Calibrator.Options.defaults().withLeaveOneOut(false));
        assertEquals(40.0, r.fitted().get("link.bandwidthMBps"), 1e-9);
        assertEquals(0.0, r.fitted().get("link.overheadUs"), 1e-9);
    }

    @Test
    void rejectsMoreThanFourKeysRepeatedOrUnknownKeysAndNoRows() {
        List<Measurement> rows = synthetic(BASE);
        Calibrator c = new Calibrator();
        Calibrator.Options o = Calibrator.Options.defaults();
        IllegalArgumentException five = assertThrows(IllegalArgumentException.class, () -> c.calibrate(BASE, rows, List.of("link.overheadUs",
                "link.bandwidthMBps", "link.streamOverlap", "link.transferLatencyUs", "host.perOpOverheadUs"), o));
        assertTrue(five.getMessage().startsWith("at most 4 free parameters per profile, but 5 were given"), five.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> c.calibrate(BASE, rows, List.of("link.overheadUs", "link.overheadUs"), o));
        assertEquals("params: 'link.overheadUs' is given twice", twice.getMessage());
        IllegalArgumentException clock = assertThrows(IllegalArgumentException.class, () -> c.calibrate(BASE, rows, List.of("accelerator.clockMhz"), o));
        assertTrue(clock.getMessage().startsWith("cannot calibrate 'accelerator.clockMhz': calibratable keys are link.bandwidthMBps"), clock.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.calibrate(BASE, List.of(), List.of("link.overheadUs"), o));
        assertThrows(IllegalArgumentException.class, () -> c.calibrate(BASE, rows, List.of(), o));
    }

    @Test
    void haltonPointsFillTheUnitInterval() {
        assertEquals(0.5, Calibrator.halton(1, 2));
        assertEquals(0.25, Calibrator.halton(2, 2));
        assertEquals(0.75, Calibrator.halton(3, 2));
        assertEquals(1.0 / 3, Calibrator.halton(1, 3), 1e-15);
        for (int i = 1; i < 200; i++) assertTrue(Calibrator.halton(i, 5) > 0 && Calibrator.halton(i, 5) < 1);
    }
}
