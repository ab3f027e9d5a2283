package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves a MODEL argument of the command line: a zoo name (with an optional {@code @SIZE}), a
 * {@code .blocks} file, or {@code blocks:} followed by comma-separated block strings (which take
 * EfficientNet-EdgeTPU-S's stem, head and classes).
 *
 * <pre>{@code
 * Models.load("efficientnet-edgetpu-s");
 * Models.load("mynet.blocks");
 * Models.load("blocks:r1_k3_s11_e4_i24_o24_c1_noskip,r2_k3_s22_e8_i24_o32_c1");
 * }</pre>
 */
public final class Models {
    /** Prefix of inline block strings. */
    public static final String BLOCKS_PREFIX = "blocks:";

    private Models() {}

    /** The model named by {@code arg}. */
    public static LoadedModel load(String arg) {
        String a = arg.trim();
        if (a.isEmpty()) throw new IllegalArgumentException("model argument is empty");
        if (a.startsWith(BLOCKS_PREFIX)) {
            String body = a.substring(BLOCKS_PREFIX.length());
            EfficientNetSpec spec = EfficientNetSpec.EDGETPU_S.withName("blocks").withBlocks(BlockString.parseList(body));
            return LoadedModel.fromTraining(a, EfficientNet.build(spec));
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".blocks")) {
            Path p = Path.of(a);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such .blocks file: " + a);
            return LoadedModel.fromTraining(a, EfficientNet.build(BlocksFile.read(p)));
        }
        if (lower.endsWith(".tflite")) {
            throw new ModelFormatException(a, -1, a + ": .tflite models are not readable yet");
        }
        return LoadedModel.fromTraining(a, ModelZoo.build(a));
    }
}
