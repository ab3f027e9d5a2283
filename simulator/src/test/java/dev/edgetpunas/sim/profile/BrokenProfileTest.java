package dev.edgetpunas.sim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken profile files (src/test/resources/.../broken/): each gives one ProfileException whose one-line
 * message names the file, the key path and the line and column where the key was written, and says what
 * was expected and what was found.
 */
class BrokenProfileTest {

    private static Path broken(String name) {
        try {
            return Path.of(BrokenProfileTest.class.getResource("broken/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // file                      | key path                          | line | col | expected text in the message
        "bad-type-rows.yaml          | accelerator.rows                  | 3 | 3 | must be an integer, but was \"many\" (a string)",
        "fractional-rows.yaml        | accelerator.rows                  | 3 | 3 | must be an integer, but was 64.5",
        "zero-rows.yaml              | accelerator.rows                  | 4 | 3 | must be in [1, 65536], but was 0",
        "negative-sram.yaml          | accelerator.sramBytes             | 4 | 3 | must be > 0, but was -1",
        "zero-bandwidth.yaml         | link.bandwidthMBps                | 4 | 3 | must be a finite number > 0, but was 0",
        "negative-rate.yaml          | host.convMacsPerSecond            | 3 | 3 | must be a finite number > 0, but was -5000000000",
        "zero-threads.yaml           | host.threads                      | 3 | 3 | must be in [1, 1024], but was 0",
        "overlap-above-one.yaml      | link.streamOverlap                | 3 | 3 | must be a fraction in [0, 1], but was 1.5",
        "unknown-key.yaml            | accelerator.clockMHz              | 3 | 3 | unknown key; did you mean accelerator.clockMhz?",
        "unknown-section.yaml        | acelerator                        | 2 | 1 | unknown key; did you mean accelerator?",
        "key-in-wrong-section.yaml   | bandwidthMBps                     | 2 | 1 | did you mean link.bandwidthMBps (in another section)?",
        "missing-schema-version.yaml | schemaVersion                     | 1 | 1 | required in every profile file",
        "wrong-schema-version.yaml   | schemaVersion                     | 1 | 1 | must be 1 (the only profile format version this tool reads), but was 2",
        "unknown-dataflow.yaml       | accelerator.dataflow              | 3 | 3 | must be one of \"ws\", \"os\", \"is\", but was \"rs\"",
        "unknown-compiler.yaml       | compiler.version                  | 3 | 3 | must be one of \"2.0\" (alias \"2019\"), \"16.0\", but was \"3.0\"",
        "decimal-size.yaml           | accelerator.sramBytes             | 3 | 3 | but was \"8MB\" (MB is ambiguous",
        "bad-boolean.yaml            | accelerator.doubleBufferedWeights | 3 | 3 | must be true or false, but was \"always\" (a string)",
        "duplicate-key.yaml          | host.threads                      | 4 | 3 | must appear once, but is repeated (first at line 3)",
        "section-as-value.yaml       | link                              | 2 | 1 | must be a section (a mapping of keys such as link.kind), but was \"usb3\"",
        "extends-unknown.yaml        | extends                           | 2 | 1 | but was \"edgetpu-usb4-max\" (did you mean edgetpu-usb3-max?)",
        "sram-below-reserve.yaml     | accelerator.sramBytes             | 3 | 3 | must be > compiler.reserveFixedBytes (1006633), but was 524288",
        "malformed.yaml              | ''                                | 4 | 8 | malformed YAML: mapping values are not allowed here",
        "malformed.json              | ''                                | 5 | 3 | malformed JSON: Unexpected character ('}'",
        "empty.yaml                  | ''                                | 1 | 1 | the file is empty",
    })
    void brokenFileGivesOneLineNamingFileKeyAndLine(String file, String keyPath, int line, int column, String expected) {
        Path path = broken(file);
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(path.toString()));
        assertEquals(path.toString(), e.file());
        assertEquals(keyPath, e.keyPath());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        String prefix = path + ":" + line + ":" + column + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ");
        assertTrue(e.getMessage().startsWith(prefix), () -> "message does not start with " + prefix + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "message lacks \"" + expected + "\": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void everyBrokenFileIsCoveredByTheTable() throws Exception {
        try (Stream<Path> files = Files.list(broken("empty.yaml").getParent())) {
            assertEquals(24, files.count(), "add the new broken file to the table above");
        }
    }

    @Test
    void errorInTheBaseOfAnExtendsChainPointsAtTheBaseFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), "schemaVersion: 1\nlink:\n  overheadUs: -3\n");
        Files.writeString(dir.resolve("top.yaml"), "schemaVersion: 1\nextends: base.yaml\nname: top\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(dir.resolve("top.yaml")));
        assertEquals(dir.resolve("base.yaml").toString(), e.file());
        assertEquals("link.overheadUs", e.keyPath());
        assertEquals(3, e.line());
    }

    @Test
    void extendsCycleIsRejectedAtTheExtendsKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "schemaVersion: 1\nextends: b.yaml\n");
        Files.writeString(dir.resolve("b.yaml"), "schemaVersion: 1\nextends: a.yaml\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(dir.resolve("a.yaml")));
        assertEquals("extends", e.keyPath());
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("must not lead back"), e.getMessage());
    }

    @Test
    void missingFileAndUnknownNameAreProfileExceptions() {
        ProfileException missing = assertThrows(ProfileException.class, () -> ProfileLoader.load("no/such/profile.yaml"));
        assertEquals("no/such/profile.yaml: no such file", missing.getMessage());
        ProfileException unknown = assertThrows(ProfileException.class, () -> ProfileLoader.load("edgetpu-usb3-mx"));
        assertTrue(unknown.getMessage().contains("did you mean edgetpu-usb3-max?"), unknown.getMessage());
    }

    @Test
    void keyWrittenAsDottedPathSuggestsNesting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("dotted.yaml");
        Files.writeString(f, "schemaVersion: 1\naccelerator.rows: 128\n");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileLoader.load(f));
        assertEquals("unknown key; write it nested, as accelerator: {rows: ...}", e.problem());
    }
}
