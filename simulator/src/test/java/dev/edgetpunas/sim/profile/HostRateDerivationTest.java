package dev.edgetpunas.sim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bundled host rates started as the arithmetic their comments state, applied to the published CPU
 * latencies (the seeds): conv = 1.5 G MACs / Inception v1 CPU time; depthwise = 17.4 M depthwise MACs /
 * (MobileNet v1 CPU time - its 551.6 M other MACs at the conv rate). The validation module then calibrated
 * conv and depthwise on each host's CPU rows (docs/fidelity.md): the conv rate stays within 20% of its seed
 * (Inception v1 is nearly all convolution), the depthwise rate below its seed and above a quarter of it (the
 * seed is a residual that the fit shares with element-wise work), and the fully-connected rate equals the
 * conv rate (the same int8 GEMM kernels).
 */
class HostRateDerivationTest {
    private static final double INCEPTION_V1_MACS = 1.5e9;
    private static final double MOBILENET_V1_MACS = 569e6;
    private static final double MOBILENET_V1_DEPTHWISE_MACS = 17_385_984;

    @Test
    void hostRatesStayNearTheSeedsThePublishedCpuLatenciesGive() throws IOException {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Path page = SharedData.require("data/published/coral_benchmarks_calibration.csv");
        Path reference = SharedData.require("data/published/coral_reference_latencies.csv");
        check("edgetpu-usb3-max", column(page, "Inception v1", 2), column(page, "MobileNet v1", 2));
        check("cpu-only", column(page, "Inception v1", 2), column(page, "MobileNet v1", 2));
        check("edgetpu-devboard", column(page, "Inception v1", 4), column(page, "MobileNet v1", 4));
        check("edgetpu-rpi4-usb3", cpuRow(reference, "inception_v1_224_quant.tflite", "rp4b"), cpuRow(reference, "mobilenet_v1_1.0_224_quant.tflite", "rp4b"));
        check("edgetpu-rpi3-usb2", cpuRow(reference, "inception_v1_224_quant.tflite", "rp3b"), cpuRow(reference, "mobilenet_v1_1.0_224_quant.tflite", "rp3b"));
    }

    @Test
    void mobileNetV1DepthwiseMacsAddUpFromItsLayers() {
        // (output side, channels, count) of MobileNet v1's 3x3 depthwise layers at 224x224
        int[][] layers = {{112, 32, 1}, {56, 64, 1}, {56, 128, 1}, {28, 128, 1}, {28, 256, 1}, {14, 256, 1}, {14, 512, 5}, {7, 512, 1}, {7, 1024, 1}};
        long macs = 0;
        for (int[] l : layers) macs += (long) l[0] * l[0] * l[1] * 9 * l[2];
        assertEquals((long) MOBILENET_V1_DEPTHWISE_MACS, macs);
    }

    private static void check(String profile, double inceptionMs, double mobilenetMs) {
        HostSpec h = ProfileLoader.load(profile).host();
        double conv = INCEPTION_V1_MACS / (inceptionMs / 1000);
        double residualS = mobilenetMs / 1000 - (MOBILENET_V1_MACS - MOBILENET_V1_DEPTHWISE_MACS) / conv;
        double depthwise = MOBILENET_V1_DEPTHWISE_MACS / residualS;
        assertEquals(conv, h.convMacsPerSecond(), conv * 0.20, profile + " conv");
        assertEquals(h.convMacsPerSecond(), h.fullyConnectedMacsPerSecond(), 0.0, profile + " fully connected = conv");
        double dw = h.depthwiseMacsPerSecond();
        org.junit.jupiter.api.Assertions.assertTrue(dw <= depthwise * 1.01 && dw >= depthwise / 4,
                profile + " depthwise " + dw + " vs seed " + depthwise);
    }

    /** coral_benchmarks_calibration.csv: model,input_size,desktop_cpu_ms,usb_accel_ms,embedded_cpu_ms,devboard_ms,source */
    private static double column(Path csv, String model, int index) throws IOException {
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f[0].equals(model)) return Double.parseDouble(f[index]);
        }
        throw new AssertionError(model + " not in " + csv);
    }

    /** coral_reference_latencies.csv: model,platform,platform_desc,edgetpu_or_cpu,inference_ms,source (quoted descs). */
    private static double cpuRow(Path csv, String model, String platform) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines) {
            String[] f = line.replaceAll("\"[^\"]*\"", "desc").split(",");
            if (f[0].equals(model) && f[1].equals(platform) && f[3].equals("cpu_tflite")) return Double.parseDouble(f[4]);
        }
        throw new AssertionError(model + " on " + platform + " not in " + csv);
    }
}
