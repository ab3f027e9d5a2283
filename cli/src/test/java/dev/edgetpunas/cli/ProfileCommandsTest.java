package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code profiles}, {@code profile show} and {@code profile check} as a user runs them. */
class ProfileCommandsTest {

    @Test
    void profilesListsEveryBundledProfileWithItsDescription() {
        Cli.Result r = Cli.run("profiles");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME"), r.out());
        assertEquals(8, lines.size(), r.out());
        assertTrue(r.out().contains("edgetpu-rpi3-usb2  USB Accelerator, max clock 500 MHz, Raspberry Pi 3 host (Cortex-A53) over USB 2"), r.out());
    }

    @Test
    void profilesJsonCarriesSchemaVersionNamesAndDigests() throws Exception {
        Cli.Result r = Cli.run("profiles", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertEquals(ToolInfo.SCHEMA_VERSION, root.get("schema_version").asInt());
        assertEquals(7, root.get("profiles").size());
        JsonNode first = root.get("profiles").get(0);
        assertEquals("reference", first.get("name").asText());
        assertEquals(ProfileLoader.reference().digest(), first.get("digest").asText());
    }

    @Test
    void showPrintsAYamlFileThatLoadsBackEqualAndChecksOk(@TempDir Path dir) throws Exception {
        Cli.Result show = Cli.run("profile", "show", "edgetpu-rpi4-usb3");
        assertEquals(0, show.exitCode(), show.err());
        Path saved = dir.resolve("copy.yaml");
        Files.writeString(saved, show.out());
        assertEquals(ProfileLoader.load("edgetpu-rpi4-usb3"), ProfileLoader.load(saved));
        Cli.Result check = Cli.run("profile", "check", saved.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().startsWith(saved + ": ok"), check.out());
        assertTrue(check.out().contains("link.bandwidthMBps=" + ProfileLoader.load("edgetpu-rpi4-usb3").link().bandwidthMBps()), check.out());
    }

    @Test
    void showJsonNamesTheProfileAndItsDigest() throws Exception {
        Cli.Result r = Cli.run("profile", "show", "cpu-only", "--json", "--compiler", "2019");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        Profile expected = ProfileLoader.load("cpu-only").withCompilerVersion(ProfileOption.compilerVersion("2.0"));
        assertEquals("cpu-only", root.get("profile").asText());
        assertEquals(expected.digest(), root.get("profile_digest").asText());
        assertEquals(false, root.at("/merged/accelerator/present").asBoolean());
        assertEquals("2.0", root.at("/merged/compiler/version").asText());
        assertEquals(expected, ProfileLoader.fromTree(root.get("merged"), "json"));
    }

    @Test
    void checkReportsTheKeysAFileChanges(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big-array.yaml");
        Files.writeString(f, "schemaVersion: 1\naccelerator:\n  rows: 128\n  cols: 128\n  sramBytes: 16MiB\n");
        Cli.Result r = Cli.run("profile", "check", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("differs from the reference in 3 keys: accelerator.rows=128, accelerator.cols=128, "
                + "accelerator.sramBytes=16777216"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // file name          | content (\n = newline)                                   | key path               | line
        "bad-type.yaml        | schemaVersion: 1\\naccelerator:\\n  rows: sixty-four       | accelerator.rows        | 3",
        "zero-size.yaml       | schemaVersion: 1\\naccelerator:\\n  sramBytes: 0           | accelerator.sramBytes   | 3",
        "negative.yaml        | schemaVersion: 1\\nlink:\\n  overheadUs: -5                | link.overheadUs         | 3",
        "unknown-key.yaml     | schemaVersion: 1\\nhost:\\n  thread: 4                     | host.thread             | 3",
        "no-version.yaml      | accelerator:\\n  rows: 128                                | schemaVersion           | 1",
        "bad-dataflow.yaml    | schemaVersion: 1\\naccelerator:\\n  dataflow: rowstationary | accelerator.dataflow    | 3",
        "bad-link.yaml        | schemaVersion: 1\\nlink:\\n  kind: thunderbolt             | link.kind               | 3",
        "bad-compiler.yaml    | schemaVersion: 1\\ncompiler:\\n  version: 15.0             | compiler.version        | 3",
        "bad-fraction.yaml    | schemaVersion: 1\\nlink:\\n  streamOverlap: -0.5           | link.streamOverlap      | 3",
        "bad-size.yaml        | schemaVersion: 1\\ncompiler:\\n  reserveFixedBytes: lots   | compiler.reserveFixedBytes | 3",
        "bad-extends.yaml     | schemaVersion: 1\\nextends: edgetpu-usb9               | extends                 | 2",
        "malformed.yaml       | schemaVersion: 1\\naccelerator:\\n  rows: [128\\n           | ''                      | 4",
        "broken.json          | {\"schemaVersion\": 1,\\n \"link\": {\"bandwidthMBps\": \"fast\"}} | link.bandwidthMBps | 2",
    })
    void checkOfABrokenFilePrintsOneLineWithFileKeyAndLineAndExits2(String name, String content, String key, int line,
            @TempDir Path dir) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content.replace("\\n", "\n"));
        Cli.Result r = Cli.run("profile", "check", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        String msg = r.errLines().get(0);
        String expectedStart = "edgetpu-nas: " + f + ":" + line + ":";
        assertTrue(msg.startsWith(expectedStart), () -> "expected " + expectedStart + "... but was " + msg);
        if (!key.isEmpty()) assertTrue(msg.contains(": " + key + ": "), msg);
        assertTrue(msg.contains("but was") || msg.contains("malformed") || msg.contains("unknown key; did you mean host.threads?"), msg);
    }

    @Test
    void showOfAnUnknownNameSuggestsTheClosestBundledOne() {
        Cli.Result r = Cli.run("profile", "show", "edgetpu-devbord");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("did you mean edgetpu-devboard?"), r.err());
    }

    @Test
    void profileWithoutSubcommandIsBadInput() {
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("profile").exitCode());
    }
}
