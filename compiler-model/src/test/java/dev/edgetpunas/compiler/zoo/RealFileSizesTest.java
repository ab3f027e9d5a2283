package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real Coral .tflite files in the shared data are mostly their parameters (int8 weights, int32
 * biases): the deployed zoo model's parameter bytes must be at most the file size and within 100 KiB of
 * it (the rest is tensor names, quantization parameters and the flatbuffer's tables; 46-82 KiB in these
 * files). A missing or extra layer of any size that matters (a 1x1 conv 256 -> 256 is 64 KiB) shows.
 */
class RealFileSizesTest {

    @Test
    void deployedParameterBytesAccountForTheRealFileSizes() throws IOException {
        Map<String, Graph> cases = new LinkedHashMap<>();
        cases.put("mobilenet_v1_0.25_128_quant.tflite", ModelZoo.build("mobilenet-v1-0.25"));
        cases.put("mobilenet_v1_0.5_160_quant.tflite", ModelZoo.build("mobilenet-v1-0.5"));
        cases.put("mobilenet_v2_1.0_224_quant.tflite", ModelZoo.build("mobilenet-v2"));
        cases.put("mobilenet_v2_1.0_224_inat_bird_quant.tflite", MobileNets.v2(1.0, 224, 965));
        cases.put("deeplabv3_mnv2_dm05_pascal_quant.tflite", ModelZoo.build("deeplab-v3-mobilenet-v2-0.5"));
        int checked = 0;
        for (Map.Entry<String, Graph> c : cases.entrySet()) {
            Path f = SharedData.find("data/tflite/" + c.getKey()).orElse(null);
            assumeTrue(f != null, SharedData.MISSING);
            long file = Files.size(f);
            long params = Deploy.apply(c.getValue()).paramBytes();
            long overhead = file - params;
            assertTrue(overhead >= 0 && overhead <= 100 * 1024,
                    c.getKey() + ": file " + file + " B, deployed parameters " + params + " B, difference " + overhead + " B");
            checked++;
        }
        assertTrue(checked == 5);
    }
}
