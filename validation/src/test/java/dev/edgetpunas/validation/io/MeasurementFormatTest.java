package dev.edgetpunas.validation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementFormatTest {
    /** As written by google-coral/edgetpu benchmarks/basic_engine_benchmarks.py (space-separated). */
    static final String CORAL_REFERENCE = """
            MODEL INFERENCE_TIME
            inception_v1_224_quant.tflite 260.97
            inception_v1_224_quant_edgetpu.tflite 6.213
            mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite 9.305
            mobilenet_v1_1.0_224_quant_edgetpu.tflite 4.204
            """;

    /** The tail of a TFLite benchmark_model run (abridged). */
    static final String BENCHMARK_MODEL = """
            STARTING!
            Log parameter values verbosely: [0]
            Graph: [/tmp/mobilenet_v1_1.0_224_quant_edgetpu.tflite]
            External delegate path: [/usr/lib/x86_64-linux-gnu/libedgetpu.so.1]
            Loaded model /tmp/mobilenet_v1_1.0_224_quant_edgetpu.tflite
            The input model file size (MB): 4.3
            Initialized session in 120.5ms.
            Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.
            count=220 first=13890 curr=2203 min=2155 max=13890 avg=2262.4 std=780
            Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.
            count=452 first=2204 curr=2171 min=2143 max=2660 avg=2187.25 std=41
            Inference timings in us: Init: 120500, First inference: 13890, Warmup (avg): 2262.4, Inference (avg): 2187.25
            Memory footprint delta from the start of the tool (MB): init=5.2 overall=6.9
            STARTING!
            Graph: [squeezenet.tflite]
            Inference timings in us: Init: 1000, First inference: 60000, Warmup (avg): 55800, Inference (avg): 5.43e+04
            """;

    @Test
    void detectsEachFormatFromItsContent() {
        assertEquals(MeasurementFormat.CORAL_REFERENCE, MeasurementFormat.detect(CORAL_REFERENCE));
        assertEquals(MeasurementFormat.BENCHMARK_MODEL, MeasurementFormat.detect(BENCHMARK_MODEL));
        assertEquals(MeasurementFormat.CSV, MeasurementFormat.detect("# c\nmodel,profile,latency_ms,source\n"));
    }

    @Test
    void coralReferenceFilesGiveEdgeTpuAndCpuRowsAndSkipModelsTheZooLacks() {
        MeasurementSet s = MeasurementFormat.CORAL_REFERENCE.parse(CORAL_REFERENCE, "ref.csv", null, Optional.of("edgetpu-rpi4-usb3"));
        assertEquals(3, s.size());
        Measurement cpu = s.rows().get(0);
        assertEquals("inception-v1", cpu.model());
        assertEquals(Device.CPU, cpu.device());
        assertEquals(260.97, cpu.latencyMs());
        assertEquals("edgetpu-rpi4-usb3", cpu.profile());
        assertEquals("ref.csv:2", cpu.origin());
        assertEquals(Device.EDGETPU, s.rows().get(1).device());
        assertEquals("mobilenet-v1", s.rows().get(2).model());
        assertEquals(1, s.skipped().size());
        assertTrue(s.skipped().get(0).startsWith("ref.csv:4: mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite: face detector"),
                s.skipped().get(0));
    }

    @Test
    void benchmarkModelLogsGiveTheAverageOfEachRunInMilliseconds() {
        MeasurementSet s = MeasurementFormat.BENCHMARK_MODEL.parse(BENCHMARK_MODEL, "bm.log", null, Optional.of("edgetpu-usb3-max"));
        assertEquals(2, s.size());
        assertEquals("mobilenet-v1", s.rows().get(0).model());
        assertEquals(Device.EDGETPU, s.rows().get(0).device());
        assertEquals(2.18725, s.rows().get(0).latencyMs(), 1e-12);
        assertEquals("bm.log:12", s.rows().get(0).origin());
        assertEquals("squeezenet", s.rows().get(1).model());
        assertEquals(Device.CPU, s.rows().get(1).device());
        assertEquals(54.3, s.rows().get(1).latencyMs(), 1e-9);
    }

    @Test
    void tracesNeedTheProfileTheyWereTakenOn() {
        MeasurementFormatException e = assertThrows(MeasurementFormatException.class,
                () -> MeasurementFormat.CORAL_REFERENCE.parse(CORAL_REFERENCE, "ref.csv", null, Optional.empty()));
        assertEquals("ref.csv: a Coral benchmark reference file does not say which device it was taken on: name it with --profile", e.getMessage());
    }

    @Test
    void badTraceLinesNameTheLine() {
        MeasurementFormatException e = assertThrows(MeasurementFormatException.class, () -> MeasurementFormat.CORAL_REFERENCE.parse(
                "MODEL INFERENCE_TIME\nmobilenet_v1_1.0_224_quant_edgetpu.tflite 4.2\nmy_net_edgetpu.tflite 3.0\n", "ref.csv", null,
                Optional.of("edgetpu-usb3-max")));
        assertTrue(e.getMessage().startsWith("ref.csv:3: unknown model 'my_net_edgetpu.tflite'"), e.getMessage());
        MeasurementFormatException neg = assertThrows(MeasurementFormatException.class, () -> MeasurementFormat.CORAL_REFERENCE.parse(
                "MODEL INFERENCE_TIME\nmobilenet_v1_1.0_224_quant_edgetpu.tflite -4.2\n", "ref.csv", null, Optional.of("edgetpu-usb3-max")));
        assertEquals("ref.csv:2: inference time must be a finite number > 0, but was -4.2", neg.getMessage());
    }

    @Test
    void anEdgeTpuFileNameResolvesToTheCpuModelBesideIt(@TempDir Path dir) throws IOException {
        Path cpu = dir.resolve("my_net.tflite");
        Files.write(cpu, new byte[] {1});
        assertEquals(cpu.toString(), ModelRefs.resolve("my_net_edgetpu.tflite", dir));
        assertEquals(cpu.toString(), ModelRefs.resolve("my_net.tflite", dir));
    }

    @Test
    void aMissingFileIsReportedAsSuch(@TempDir Path dir) {
        MeasurementFormatException e = assertThrows(MeasurementFormatException.class,
                () -> MeasurementFiles.read(dir.resolve("none.csv"), Optional.empty()));
        assertEquals(dir.resolve("none.csv") + ": no such file", e.getMessage());
    }
}
