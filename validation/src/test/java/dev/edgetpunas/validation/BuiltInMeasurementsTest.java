package dev.edgetpunas.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.io.MeasurementCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The built-in set restates the published figures: every row has a source URL and a bundled profile, and
 * the numbers are those of ../shared/data/published (checked against the files when they are present),
 * except the rows its header leaves out with a reason.
 */
class BuiltInMeasurementsTest {
    static final MeasurementSet BUILT_IN = MeasurementSet.builtIn();

    @Test
    void everyRowHasASourceUrlABundledProfileAndAZooModel() {
        for (Measurement m : BUILT_IN.rows()) {
            assertTrue(m.source().startsWith("https://"), m.origin() + ": " + m.source());
            assertTrue(ProfileLoader.isBundled(m.profile()), m.origin() + ": " + m.profile());
            for (String model : m.models()) assertTrue(dev.edgetpunas.compiler.zoo.ModelZoo.isZooName(model), m.origin() + ": " + model);
        }
    }

    @Test
    void theSetCoversEveryHostBothDevicesAndTheCoCompilationRows() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Measurement m : BUILT_IN.rows()) counts.merge(m.profile() + "/" + m.device().id() + "/" + m.scenario().id(), 1, Integer::sum);
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("cpu-only/cpu/warm", 17),
                Map.entry("edgetpu-devboard/cpu/warm", 17),
                Map.entry("edgetpu-devboard/edgetpu/warm", 17),
                Map.entry("edgetpu-devboard/edgetpu/alternate", 2),
                Map.entry("edgetpu-devboard/edgetpu/alternate-cocompiled", 2),
                Map.entry("edgetpu-rpi3-usb2/cpu/warm", 6),
                Map.entry("edgetpu-rpi3-usb2/edgetpu/warm", 12),
                Map.entry("edgetpu-rpi3-usb2/edgetpu/alternate", 4),
                Map.entry("edgetpu-rpi3-usb2/edgetpu/alternate-cocompiled", 4),
                Map.entry("edgetpu-rpi4-usb3/cpu/warm", 6),
                Map.entry("edgetpu-rpi4-usb3/edgetpu/warm", 6),
                Map.entry("edgetpu-rpi4-usb3/edgetpu/alternate", 2),
                Map.entry("edgetpu-rpi4-usb3/edgetpu/alternate-cocompiled", 2),
                Map.entry("edgetpu-usb3-max/edgetpu/warm", 21),
                Map.entry("edgetpu-usb3-max/edgetpu/alternate", 2),
                Map.entry("edgetpu-usb3-max/edgetpu/alternate-cocompiled", 2)));
        assertEquals(expected, counts);
    }

    /** Coral's reference files: every row of a zoo model on a profiled host is in the set with the same number. */
    @Test
    void referenceFileFiguresAreRestatedExactly() throws IOException {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Map<String, String> profiles = Map.of("x86_64", "edgetpu-usb3-max", "aarch64", "edgetpu-devboard", "rp4b", "edgetpu-rpi4-usb3", "rp3b",
                "edgetpu-rpi3-usb2", "rp3b+", "edgetpu-rpi3-usb2");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String line : body(SharedData.require("data/published/coral_reference_latencies.csv"))) {
            List<String> f = csv(line);
            String file = f.get(0), platform = f.get(1), kind = f.get(3);
            double ms = Double.parseDouble(f.get(4));
            boolean cpu = kind.equals("cpu_tflite");
            if (file.contains("face") || !profiles.containsKey(platform) || (cpu && platform.equals("rp3b+"))) continue; // left out, see the header
            String profile = cpu && platform.equals("x86_64") ? "cpu-only" : profiles.get(platform);
            String model = MeasurementCsv.parse("model,profile,latency_ms,source\n" + file + "," + profile + ",1,s\n", "t", null,
                    java.util.Optional.empty()).rows().get(0).model();
            checked++;
            if (!contains(model, profile, cpu ? Device.CPU : Device.EDGETPU, ms)) missing.add(line);
        }
        assertEquals(List.of(), missing);
        assertEquals(54, checked, "6 zoo models x (Edge TPU, CPU) on x86, aarch64, rp4b, rp3b, and the 6 Edge TPU rows of rp3b+");
    }

    @Test
    void coCompilationFiguresAreRestatedExactly() throws IOException {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Map<String, String> profiles = Map.of("x86_64", "edgetpu-usb3-max", "aarch64", "edgetpu-devboard", "rp4b", "edgetpu-rpi4-usb3", "rp3b",
                "edgetpu-rpi3-usb2", "rp3b+", "edgetpu-rpi3-usb2");
        Map<String, Double> published = new HashMap<>();
        for (String line : body(SharedData.require("data/published/coral_cocompilation_reference.csv"))) {
            List<String> f = csv(line);
            String models = f.get(0).startsWith("mobilenet") ? "mobilenet-v1+mobilenet-v2" : "inception-v1+inception-v4";
            String scenario = f.get(1).equals("co-compiled") ? "alternate-cocompiled" : "alternate";
            published.merge(models + "|" + profiles.get(f.get(2)) + "|" + scenario + "|" + f.get(4), 1.0, Double::sum);
        }
        Map<String, Double> ours = new HashMap<>();
        for (Measurement m : BUILT_IN.rows()) {
            if (!m.scenario().alternates()) continue;
            ours.merge(m.model() + "|" + m.profile() + "|" + m.scenario().id() + "|" + String.format(java.util.Locale.ROOT, "%.2f", m.latencyMs()), 1.0,
                    Double::sum);
        }
        assertEquals(published, ours);
    }

    @Test
    void benchmarkPageAndFaqColumnsAreRestatedExactly() throws IOException {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        String[] columns = {"desktop_cpu_ms", "usb_accel_ms", "embedded_cpu_ms", "devboard_ms"};
        String[] profiles = {"cpu-only", "edgetpu-usb3-max", "edgetpu-devboard", "edgetpu-devboard"};
        Device[] devices = {Device.CPU, Device.EDGETPU, Device.CPU, Device.EDGETPU};
        int checked = 0;
        for (String file : List.of("coral_benchmarks_calibration.csv", "coral_faq_2019.csv")) {
            for (String line : body(SharedData.require("data/published/" + file))) {
                List<String> f = csv(line);
                String model = dev.edgetpunas.compiler.zoo.CoralNames.zooSpec(f.get(0) + " " + f.get(1)).orElseThrow();
                for (int c = 0; c < 4; c++) {
                    assertTrue(contains(model, profiles[c], devices[c], Double.parseDouble(f.get(2 + c))), file + ": " + line + " " + columns[c]);
                    checked++;
                }
            }
        }
        assertEquals(44, checked);
    }

    private static boolean contains(String model, String profile, Device device, double ms) {
        for (Measurement m : BUILT_IN.rows()) {
            if (m.model().equals(model) && m.profile().equals(profile) && m.device() == device && m.scenario() == dev.edgetpunas.sim.Scenario.WARM
                    && Math.abs(m.latencyMs() - ms) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** The lines after the header. */
    static List<String> body(java.nio.file.Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Fields of a CSV line with double-quoted fields. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (char c : line.toCharArray()) {
            if (c == '"') q = !q;
            else if (c == ',' && !q) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

}
