package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsTest {

    private static String real(String name) {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        return SharedData.require("data/tflite/" + name).toString();
    }

    @Test
    void tfliteFileIsDeployedAsItIsWithoutTrainingGraph() {
        String f = real("mobilenet_v1_0.25_128_quant.tflite");
        LoadedModel m = Models.load(f);
        assertEquals("mobilenet_v1_0.25_128_quant", m.name());
        assertEquals(f, m.origin());
        assertTrue(m.training().isEmpty());
        assertEquals(31, m.deployed().opCount());
        assertSame(m, Models.requireCpuModel(m));
    }

    @Test
    void compiledModelIsRefusedWithOneLineNamingTheFile() {
        String f = real("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        LoadedModel m = Models.load(f);
        assertTrue(Models.isEdgeTpuCompiled(m.deployed()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.requireCpuModel(m));
        assertEquals(f + " is an Edge TPU-compiled model (its mapped ops are hidden inside edgetpu-custom-op); "
                + "pass the CPU model it was compiled from", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void cpuCustomOpsAreNotEdgeTpuCompiled() {
        LoadedModel m = Models.load(real("invalid_models/model_invoking_error.tflite"));
        assertEquals("CUSTOM", m.deployed().op(0).opName());
        assertSame(m, Models.requireCpuModel(m));
        assertTrue(!Models.isEdgeTpuCompiled(Models.load("efficientnet-edgetpu-s@96").deployed()));
    }

    @Test
    void missingAndMalformedTfliteFilesAreBadInput(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Models.load(dir.resolve("x.tflite").toString()));
        assertTrue(missing.getMessage().contains("no such .tflite file"), missing.getMessage());
        Path junk = dir.resolve("junk.TFLITE");
        Files.writeString(junk, "definitely not a flatbuffer");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(junk.toString()));
        assertTrue(e.getMessage().startsWith(junk + ": at offset 4: file identifier"), e.getMessage());
    }
}
