package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a MODEL argument of the command line: a zoo name (with an optional {@code @SIZE}), a
 * {@code .blocks} file, {@code blocks:} followed by comma-separated block strings (which take
 * EfficientNet-EdgeTPU-S's stem, head and classes), or a {@code .tflite} file (read as it is: no
 * training graph, the file's graph deployed).
 *
 * <pre>{@code
 * Models.load("efficientnet-edgetpu-s");
 * Models.load("mynet.blocks");
 * Models.load("blocks:r1_k3_s11_e4_i24_o24_c1_noskip,r2_k3_s22_e8_i24_o32_c1");
 * LoadedModel m = Models.load("mobilenet_v1_1.0_224_quant.tflite");
 * Models.requireCpuModel(m);   // throws for an *_edgetpu.tflite
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
        String lower = a.toLowerCase(Locale.ROOT);
        if (a.startsWith(BLOCKS_PREFIX) || lower.endsWith(".blocks")) {
            return LoadedModel.fromTraining(a, EfficientNet.build(efficientNetSpec(a).orElseThrow()));
        }
        if (lower.endsWith(TfliteReader.EXTENSION)) {
            Path p = Path.of(a);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such .tflite file: " + a);
            Graph g = TfliteReader.read(p);
            return new LoadedModel(g.name(), a, Optional.empty(), g);
        }
        return LoadedModel.fromTraining(a, ModelZoo.build(a));
    }

    /**
     * The EfficientNet spec behind {@code arg} when it has one: {@code blocks:} strings (with
     * EfficientNet-EdgeTPU-S's stem, head and classes), a {@code .blocks} file, or the zoo name of a
     * published EfficientNet variant with an optional {@code @SIZE}. Empty for every other zoo model
     * and for {@code .tflite} files, which are not described by block strings.
     *
     * <pre>{@code
     * Models.efficientNetSpec("efficientnet-edgetpu-s@256");   // S at 256x256
     * Models.efficientNetSpec("resnet50-v1");                  // Optional.empty()
     * }</pre>
     *
     * @throws IllegalArgumentException for a bad block string, a missing file or an unknown zoo name
     */
    public static Optional<EfficientNetSpec> efficientNetSpec(String arg) {
        String a = arg.trim();
        if (a.isEmpty()) throw new IllegalArgumentException("model argument is empty");
        if (a.startsWith(BLOCKS_PREFIX)) {
            String body = a.substring(BLOCKS_PREFIX.length());
            return Optional.of(EfficientNetSpec.EDGETPU_S.withName("blocks").withBlocks(BlockString.parseList(body)));
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".blocks")) {
            Path p = Path.of(a);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such .blocks file: " + a);
            return Optional.of(BlocksFile.read(p));
        }
        if (lower.endsWith(TfliteReader.EXTENSION)) return Optional.empty();
        int at = a.indexOf('@');
        String name = at >= 0 ? a.substring(0, at) : a;
        ModelZoo.entry(name); // unknown names fail here, with a suggestion
        Optional<EfficientNetVariant> v = EfficientNetVariant.find(name);
        if (v.isEmpty()) return Optional.empty();
        EfficientNetSpec spec = v.get().spec();
        if (at < 0) return Optional.of(spec);
        int res = ModelZoo.size(a, a.substring(at + 1));
        return Optional.of(spec.withName(spec.name() + "@" + res).withResolution(res));
    }

    /** True if {@code g} holds an {@code edgetpu-custom-op}: it was compiled by edgetpu_compiler. */
    public static boolean isEdgeTpuCompiled(Graph g) {
        for (Op op : g.ops()) {
            if (op instanceof Op.Custom c && c.isEdgeTpuOp()) return true;
        }
        return false;
    }

    /**
     * Returns {@code m} if it is a CPU model; throws for an Edge TPU-compiled one, which compile and
     * simulate cannot use: the ops the compiler mapped are hidden inside its custom op.
     *
     * @throws IllegalArgumentException one line naming the file and what to pass instead
     */
    public static LoadedModel requireCpuModel(LoadedModel m) {
        if (isEdgeTpuCompiled(m.deployed())) {
            throw new IllegalArgumentException(m.origin() + " is an Edge TPU-compiled model (its mapped ops are hidden inside "
                    + Op.Custom.EDGETPU_CUSTOM_CODE + "); pass the CPU model it was compiled from");
        }
        return m;
    }
}
