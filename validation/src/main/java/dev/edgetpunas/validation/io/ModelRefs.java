package dev.edgetpunas.validation.io;

import dev.edgetpunas.compiler.zoo.CoralNames;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.compiler.zoo.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the model names of measurement files to MODEL arguments that {@link Models#load} accepts: zoo
 * names (with {@code @SIZE}), Coral's names for zoo models (benchmark page names, {@code .tflite} file names,
 * see {@link CoralNames}), {@code .tflite} and {@code .blocks} paths relative to the measurement file, and
 * {@code blocks:} strings.
 *
 * <pre>{@code
 * ModelRefs.resolve("mobilenet_v1_1.0_224_quant_edgetpu.tflite", dir);   // "mobilenet-v1" (no such file in dir)
 * ModelRefs.resolve("mine.tflite", Path.of("traces"));                     // "traces/mine.tflite"
 * }</pre>
 */
public final class ModelRefs {
    private ModelRefs() {}

    /** Suffix of models compiled by edgetpu_compiler, which are named after their CPU model. */
    static final String EDGETPU_SUFFIX = "_edgetpu";

    /**
     * The MODEL argument for {@code name}, a single model (no {@code +}).
     *
     * @param baseDir directory that relative paths are relative to, or null for the working directory
     * @throws IllegalArgumentException if the name is unknown, with what was tried
     */
    public static String resolve(String name, Path baseDir) {
        String n = name.trim();
        if (n.startsWith(Models.BLOCKS_PREFIX)) return n;
        if (ModelZoo.isZooName(n)) return n.toLowerCase(Locale.ROOT);
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tflite") || lower.endsWith(".blocks")) {
            Path p = baseDir == null ? Path.of(n) : baseDir.resolve(n);
            if (Files.isRegularFile(p)) return p.toString();
            // an *_edgetpu.tflite names its CPU model, which simulation needs
            Optional<Path> cpu = cpuTwin(p);
            if (cpu.isPresent()) return cpu.get().toString();
        }
        Optional<String> coral = CoralNames.zooSpec(n);
        if (coral.isPresent()) return coral.get();
        if (knownButNotInZoo(n).isPresent()) {
            throw new IllegalArgumentException("model '" + n + "' is not in the zoo: " + knownButNotInZoo(n).get());
        }
        throw new IllegalArgumentException("unknown model '" + n + "' (not a zoo name, a Coral model name or an existing "
                + ".tflite/.blocks file" + (baseDir == null ? "" : " under " + baseDir) + "; see 'edgetpu-nas models')");
    }

    /**
     * If Coral publishes {@code name} but the zoo has no such model (a face detector, a bird classifier): the
     * reason; empty otherwise.
     */
    public static Optional<String> knownButNotInZoo(String name) {
        String key = normalize(name);
        for (CoralNames.Row r : CoralNames.rows()) {
            if (r.zooSpec().isEmpty() && normalize(r.coralName()).equals(key)) return Optional.of(r.note());
        }
        return Optional.empty();
    }

    /** True if the file name says the model was compiled for the Edge TPU ({@code *_edgetpu.tflite}). */
    public static boolean isEdgeTpuFileName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tflite")) n = n.substring(0, n.length() - ".tflite".length());
        return n.endsWith(EDGETPU_SUFFIX);
    }

    private static Optional<Path> cpuTwin(Path p) {
        String f = p.getFileName().toString();
        String lower = f.toLowerCase(Locale.ROOT);
        String suffix = EDGETPU_SUFFIX + ".tflite";
        if (!lower.endsWith(suffix)) return Optional.empty();
        Path twin = p.resolveSibling(f.substring(0, f.length() - suffix.length()) + ".tflite");
        return Files.isRegularFile(twin) ? Optional.of(twin) : Optional.empty();
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (slash >= 0) n = n.substring(slash + 1);
        if (n.endsWith(".tflite")) n = n.substring(0, n.length() - ".tflite".length());
        if (n.endsWith(EDGETPU_SUFFIX)) n = n.substring(0, n.length() - EDGETPU_SUFFIX.length());
        return n;
    }
}
