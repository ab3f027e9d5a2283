package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfficientNetVariantTest {

    @Test
    void everyVariantIsAZooModelBuiltFromTheSharedTable() {
        for (EfficientNetVariant v : EfficientNetVariant.values()) {
            ZooEntry e = ModelZoo.entry(v.modelName());
            assertEquals(v.resolution(), e.defaultResolution(), v.modelName());
            assertEquals(EfficientNet.build(v.spec()).digest(), e.build(v.resolution()).digest(), v.modelName());
            EfficientNetSpec base = v.family().base();
            assertEquals(base.withCoefficients(v.width(), v.depth(), v.resolution()).scaledBlocks(), v.spec().scaledBlocks(), v.modelName());
        }
        assertEquals(EfficientNetSpec.EDGETPU_M, EfficientNetVariant.EDGETPU_M.spec());
        assertEquals("EfficientNet-B3 (B0 scaled: width 1.2, depth 1.4, 300)", ModelZoo.entry("efficientnet-b3").description());
        assertEquals("EfficientNet-EdgeTPU-L (S scaled: width 1.2, depth 1.4, 300)", ModelZoo.entry("efficientnet-edgetpu-l").description());
    }

    @Test
    void familiesListTheirVariantsSmallestFirst() {
        assertEquals(List.of(EfficientNetVariant.EDGETPU_S, EfficientNetVariant.EDGETPU_M, EfficientNetVariant.EDGETPU_L),
                EfficientNetVariant.of(EfficientNetVariant.Family.EFFICIENTNET_EDGETPU));
        assertEquals(8, EfficientNetVariant.of(EfficientNetVariant.Family.EFFICIENTNET).size());
        assertEquals(EfficientNetVariant.Family.EFFICIENTNET_EDGETPU, EfficientNetVariant.Family.parse("EdgeTPU"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EfficientNetVariant.Family.parse("resnet"));
        assertEquals("unknown EfficientNet family 'resnet' (expected efficientnet or edgetpu)", e.getMessage());
    }

    @Test
    void efficientNetSpecResolvesZooNamesSizesBlockStringsAndFiles(@TempDir Path dir) throws Exception {
        assertEquals(EfficientNetSpec.EDGETPU_L, Models.efficientNetSpec("efficientnet-edgetpu-l").orElseThrow());
        EfficientNetSpec s256 = Models.efficientNetSpec("efficientnet-edgetpu-s@256").orElseThrow();
        assertEquals(256, s256.resolution());
        assertEquals("efficientnet-edgetpu-s@256", s256.name());
        EfficientNetSpec inline = Models.efficientNetSpec("blocks:r1_k3_s11_e1_i32_o16,r2_k3_s22_e6_i16_o24").orElseThrow();
        assertEquals(2, inline.blocks().size());
        Path f = dir.resolve("net.blocks");
        Files.writeString(f, "resolution: 192\nr1_k3_s11_e4_i24_o24_c1_noskip\n");
        assertEquals(192, Models.efficientNetSpec(f.toString()).orElseThrow().resolution());
    }

    @Test
    void efficientNetSpecIsEmptyForNetworksWithoutBlockStrings() {
        assertTrue(Models.efficientNetSpec("resnet50-v1").isEmpty());
        assertTrue(Models.efficientNetSpec("mobilenet-v2@160").isEmpty());
        assertTrue(Models.efficientNetSpec("model.tflite").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.efficientNetSpec("efficientnet-b9"));
        assertTrue(e.getMessage().startsWith("unknown model 'efficientnet-b9'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Models.efficientNetSpec("efficientnet-b1@x"));
    }
}
