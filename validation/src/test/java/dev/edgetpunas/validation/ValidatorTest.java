package dev.edgetpunas.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.zoo.Models;
import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.validation.io.MeasurementCsv;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    static final String CSV = """
            model,profile,device,scenario,compiler,latency_ms,source
            mobilenet-v1-0.25,edgetpu-usb3-max,,,,0.9,s1
            mobilenet-v1-0.25,edgetpu-usb3-max,,,2.0,1.0,s2
            squeezenet,edgetpu-rpi4-usb3,cpu,,,232,s3
            squeezenet,cpu-only,cpu,,,55,s4
            mobilenet-v1-0.25+squeezenet,edgetpu-devboard,,alternate,,9.5,s5
            """;

    static MeasurementSet set() {
        return MeasurementCsv.parse(CSV, "v.csv", null, Optional.empty());
    }

    static Graph graph(String name) {
        return Models.load(name).deployed();
    }

    @Test
    void predictionsAreTheSimulatorsLatencyOnEachRowsProfile() {
        ValidationReport r = new Validator().validate(set());
        Profile usb = ProfileLoader.load("edgetpu-usb3-max");
        Graph small = graph("mobilenet-v1-0.25"), squeeze = graph("squeezenet");
        assertEquals(new Simulator(usb).simulate(small).latencyMs(), r.rows().get(0).predictedMs(), 1e-12);
        assertEquals(new Simulator(usb.withCompilerVersion(CompilerSpec.Version.V2_0)).simulate(small).latencyMs(), r.rows().get(1).predictedMs(),
                1e-12);
        Profile rpi4Host = ProfileLoader.load("edgetpu-rpi4-usb3").withOverrides(Map.of("accelerator.present", false));
        assertEquals(new Simulator(rpi4Host).simulate(squeeze).latencyMs(), r.rows().get(2).predictedMs(), 1e-12);
        double pair = 0;
        for (LatencyReport lr : new Simulator(ProfileLoader.load("edgetpu-devboard")).simulateAll(List.of(small, squeeze), Scenario.ALTERNATE)) {
            pair += lr.latencyMs();
        }
        assertEquals(pair, r.rows().get(4).predictedMs(), 1e-12, "a+b: one inference of each, in turn");
    }

    @Test
    void rowsAreGroupedByProfileWithCpuRowsOfAcceleratorProfilesApart() {
        ValidationReport r = new Validator().validate(set());
        assertEquals(List.of("edgetpu-usb3-max", "edgetpu-rpi4-usb3/cpu", "cpu-only", "edgetpu-devboard"), List.copyOf(r.byProfile().keySet()));
        assertEquals(2, r.byProfile().get("edgetpu-usb3-max").n());
        assertEquals(List.of("warm", "alternate"), List.copyOf(r.byScenario().keySet()));
        assertEquals(5, r.summary().n());
        ValidationRow first = r.rows().get(0);
        assertEquals(Fidelity.errorPct(0.9, first.predictedMs()), first.errorPct(), 1e-12);
        assertEquals(ProfileLoader.load("cpu-only").digest(), r.profileDigests().get("cpu-only"));
    }

    @Test
    void aCpuRowOnTheCpuOnlyProfileEqualsTheSameRowOnTheAcceleratorProfileOfTheSameHost() {
        // cpu-only and edgetpu-usb3-max share the x86 host section
        Measurement a = set().rows().get(3);
        Measurement b = new Measurement(a.model(), "edgetpu-usb3-max", Device.CPU, Scenario.WARM, Optional.empty(), 55, "s", "", "t:1");
        double[] p = new Validator().predict(List.of(a, b));
        assertEquals(p[0], p[1], 1e-12);
    }

    @Test
    void aModelThatFailsToBuildNamesTheRow() {
        Measurement bad = new Measurement("mobilenet-v1@3", "edgetpu-usb3-max", Device.EDGETPU, Scenario.WARM, Optional.empty(), 1, "s", "",
                "mine.csv:7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Validator().predict(List.of(bad)));
        assertTrue(e.getMessage().startsWith("mine.csv:7: model 'mobilenet-v1@3': size must be in 8..4096, but was 3"), e.getMessage());
    }

    @Test
    void aValidatorWithOtherProfilesPredictsWithThem() {
        Validator slow = new Validator(ref -> ProfileLoader.load(ref).withOverrides(Map.of("link.overheadUs", 5000)));
        double[] base = new Validator().predict(set().rows().subList(0, 1));
        double[] slower = slow.predict(set().rows().subList(0, 1));
        double overhead = ProfileLoader.load("edgetpu-usb3-max").link().overheadUs();
        assertEquals(base[0] + (5000 - overhead) / 1000.0, slower[0], 1e-9);
    }
}
