package dev.edgetpunas.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: text a test must reproduce exactly. They are
 * rewritten only when the system property {@code golden.update} is {@code true}
 * ({@code mvn -pl validation -am test -Dtest=BuiltInValidationGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}); review the diff before committing.
 */
final class Golden {
    static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) fail("golden file " + file + " is missing; create it with -Dgolden.update=true and review it");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from golden file " + file
                    + " (if the change is intended: -Dgolden.update=true, then review the diff)");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
