package dev.edgetpunas.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.sim.report.LatencyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The decoder and the simulator against HW-NAS-Bench's three published Edge TPU samples (NAS-Bench-201
 * cells 0, 1 and 2 on CIFAR-10, CIFAR-100 and ImageNet16-120): predicted ({@code edgetpu-usb3-max},
 * warm) vs measured latency. They are tiny networks (4 to 114 M MACs): the profile's fixed
 * per-inference overhead (0.603 ms, calibrated on Coral's published rows) is 58 to 89 % of each
 * prediction, so this checks the overhead and the per-op costs far more than the systolic array. The
 * simulator under-predicts all nine by 15 to 60 % (MAPE 32 %); it ranks the three cells as measured on
 * CIFAR and swaps cells 1 and 2 on ImageNet16-120. The error is pinned here so that a calibration that
 * moves it shows up; docs: the nas README.
 */
class HwNasBenchEdgeTpuTest {

    record Sample(int index, NasBench201Cell cell, NasBench201Dataset dataset, double measuredMs) {}

    static List<Sample> samples() throws IOException {
        Path csv = SharedData.find("data/published/hwnasbench_edgetpu_samples.csv").orElse(null);
        assumeTrue(csv != null, SharedData.MISSING);
        List<String> lines = Files.readAllLines(csv);
        List<String> h = Arrays.asList(lines.get(0).split(","));
        List<Sample> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            out.add(new Sample(Integer.parseInt(f[h.indexOf("nb201_index")]), NasBench201Cell.parse(f[h.indexOf("arch_str")]),
                    NasBench201Dataset.parse(f[h.indexOf("dataset")]), Double.parseDouble(f[h.indexOf("edgetpu_latency_ms")])));
        }
        return out;
    }

    @Test
    void simulatedLatencyOfTheHwNasBenchSamples() throws IOException {
        Simulator sim = new Simulator(ProfileLoader.load("edgetpu-usb3-max"));
        List<Sample> samples = samples();
        assertEquals(9, samples.size());
        double[] predicted = new double[samples.size()];
        double sumAbs = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-5s %-15s %9s %9s %8s %9s%n", "cell", "dataset", "measured", "predicted",
                "error", "overhead"));
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            LatencyReport r = sim.simulate(Deploy.apply(new NasBench201Space(s.dataset()).decode(s.cell())));
            predicted[i] = r.latencyMs();
            double err = (predicted[i] - s.measuredMs()) / s.measuredMs();
            sumAbs += Math.abs(err);
            table.append(String.format(Locale.ROOT, "%-5d %-15s %9.3f %9.3f %+7.1f%% %8.0f%%%n", s.index(), s.dataset().id(), s.measuredMs(),
                    predicted[i], 100 * err, 100 * r.overheadMs() / r.latencyMs()));
            assertEquals(0, r.compile().cpuOpCount(), "every op of a NAS-Bench-201 network maps to the Edge TPU");
            assertTrue(r.overheadMs() / r.latencyMs() > 0.5, "tiny nets: the fixed overhead dominates the prediction\n" + table);
            // pinned: under-predicted (by 17..60 % with the shipped calibration)
            assertTrue(err < 0 && err > -0.70, "error of cell " + s.index() + " on " + s.dataset().id() + "\n" + table);
        }
        double mape = sumAbs / samples.size();
        table.append(String.format(Locale.ROOT, "MAPE %.1f%%%n", 100 * mape));
        System.out.print(table);
        assertEquals(0.323, mape, 0.03, "MAPE pinned at 32 % (shipped calibration)\n" + table);
        // the ranking of the three cells is right on CIFAR (32x32); on ImageNet16-120 (16x16) the model
        // swaps cells 1 and 2 (0.865 vs 0.821 ms predicted, 1.075 vs 1.481 measured): both are dominated by
        // the fixed overhead, and cell 2's extra measured time is per-op cost the profile does not model
        for (NasBench201Dataset d : NasBench201Dataset.values()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) if (samples.get(i).dataset() == d) idx.add(i);
            for (int a : idx) {
                for (int b : idx) {
                    if (samples.get(a).measuredMs() < samples.get(b).measuredMs()) {
                        boolean knownSwap = d == NasBench201Dataset.IMAGENET16 && samples.get(a).index() == 1 && samples.get(b).index() == 2;
                        assertTrue(knownSwap ? predicted[a] > predicted[b] : predicted[a] < predicted[b],
                                d.id() + ": cell " + samples.get(a).index() + " vs " + samples.get(b).index() + "\n" + table);
                    }
                }
            }
        }
    }
}
