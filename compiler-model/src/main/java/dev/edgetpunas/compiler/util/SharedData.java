package dev.edgetpunas.compiler.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the read-only shared data ({@code ../shared}: published measurements, real .tflite files,
 * TFLite spec tables, NAS-Bench-201 accuracies). Looked up, in order: the system property
 * {@code edgetpunas.shared}, the environment variable {@code EDGETPUNAS_SHARED}, then {@code ../shared}
 * relative to the working directory and to its parent (Maven runs module tests inside the module).
 *
 * <pre>{@code
 * Path csv = SharedData.require("data/published/coral_cocompilation_reference.csv");
 * Optional<Path> dir = SharedData.root();   // tests: assumeTrue(dir.isPresent(), SharedData.MISSING)
 * }</pre>
 */
public final class SharedData {
    /** The message tests give when they skip because the shared data is absent. */
    public static final String MISSING =
            "shared data not found: set -Dedgetpunas.shared=DIR or EDGETPUNAS_SHARED=DIR (CI has it at ../shared)";

    private SharedData() {}

    /** The shared directory, if it exists. */
    public static Optional<Path> root() {
        String prop = System.getProperty("edgetpunas.shared");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) return Optional.of(Path.of(prop).normalize());
        String env = System.getenv("EDGETPUNAS_SHARED");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) return Optional.of(Path.of(env).normalize());
        for (Path p : new Path[] {Path.of("../shared"), Path.of("../../shared")}) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs.resolve("data"))) return Optional.of(abs);
        }
        return Optional.empty();
    }

    /** A file or directory under the shared root, if the root and the entry exist. */
    public static Optional<Path> find(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /** A file under the shared root; throws {@link IllegalStateException} with {@link #MISSING} if absent. */
    public static Path require(String relative) {
        return find(relative).orElseThrow(() -> new IllegalStateException(MISSING + " (looking for " + relative + ")"));
    }
}
