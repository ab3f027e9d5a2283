package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
    static final String CSV = """
            model,profile,latency_ms,source
            mobilenet-v1-0.25,edgetpu-rpi4-usb3,1.40,https://example.org/a
            squeezenet,edgetpu-rpi4-usb3,3.30,https://example.org/b
            mobilenet-v1-0.5,edgetpu-rpi4-usb3,2.20,https://example.org/c
            squeezenet,edgetpu-usb3-max,2.1,https://example.org/d
            """;

    @Test
    void fitsTheNamedProfilesRowsAndWritesALoadableCalibratedProfile(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, CSV);
        Path out = dir.resolve("rpi4.yaml");
        Cli.Result r = Cli.run("calibrate", "--profile", "edgetpu-rpi4-usb3", "--measurements", csv.toString(), "--params",
                "link.overheadUs,link.bandwidthMBps", "--out", out.toString(), "--threads", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals(3, root.get("rows").size(), "only the rows of edgetpu-rpi4-usb3");
        assertTrue(root.get("in_sample").get("mape_pct").asDouble() < root.get("before").get("mape_pct").asDouble(), r.out());
        assertEquals(3, root.get("leave_one_out").get("n").asInt());
        Profile p = ProfileLoader.load(out);
        assertEquals(root.get("parameters").get(0).get("fitted").asDouble(), p.link().overheadUs(), 0.5);
        assertEquals("edgetpu-rpi4-usb3-calibrated", p.name());
        assertTrue(Files.readString(out).contains("# calibrated on " + csv + " measurement set: 3 rows of edgetpu-rpi4-usb3;"), Files.readString(out));
    }

    @Test
    void theTextReportShowsBoundsAndErrorsBeforeInSampleAndLeaveOneOut(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, CSV);
        Path report = dir.resolve("rep");
        Cli.Result r = Cli.run("calibrate", "--profile", "edgetpu-rpi4-usb3", "--measurements", csv.toString(), "--params", "link.overheadUs",
                "--report", report.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("link.overheadUs  [0, 1.000e+04]"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("leave-one-out\\s+3\\s.*")), r.out());
        assertTrue(Files.exists(report.resolve("calibration.png")) && Files.exists(report.resolve("calibration.svg")));
        assertTrue(Files.readString(report.resolve("calibration.md")).contains("| link.overheadUs | "
                + dev.edgetpunas.validation.calibration.CalibratedProfileYaml.format(
                        dev.edgetpunas.sim.profile.ProfileLoader.load("edgetpu-rpi4-usb3").link().overheadUs()) + " |"), "start value of the bundled profile");
    }

    @Test
    void moreThanFourParametersOrNoRowsAreBadInput(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, CSV);
        Cli.Result five = Cli.run("calibrate", "--profile", "edgetpu-rpi4-usb3", "--measurements", csv.toString(), "--params",
                "link.overheadUs,link.bandwidthMBps,link.streamOverlap,host.perOpOverheadUs,host.convMacsPerSecond");
        assertEquals(2, five.exitCode());
        assertTrue(five.err().startsWith("edgetpu-nas: at most 4 free parameters per profile, but 5 were given"), five.err());
        Cli.Result none = Cli.run("calibrate", "--profile", "edgetpu-devboard", "--measurements", csv.toString(), "--params", "link.overheadUs");
        assertEquals(2, none.exitCode());
        assertEquals("edgetpu-nas: no rows of profile edgetpu-devboard in " + csv, none.errLines().get(0));
    }
}
