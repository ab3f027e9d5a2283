package dev.edgetpunas.sim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, merging, extends, sizes, aliases, overrides and digests. */
class ProfileLoaderTest {

    private static final String USB3_MAX = "edgetpu-usb3-max";

    @Test
    void everyBundledProfileLoadsUnderItsOwnName() {
        List<BundledProfile> bundled = ProfileLoader.bundled();
        assertEquals(List.of("reference", "edgetpu-usb3-max", "edgetpu-usb3-std", "edgetpu-rpi4-usb3", "edgetpu-rpi3-usb2",
                "edgetpu-devboard", "cpu-only"), bundled.stream().map(BundledProfile::name).toList());
        for (BundledProfile b : bundled) {
            Profile p = ProfileLoader.load(b.name());
            assertEquals(b.name(), p.name());
            assertFalse(p.description().isBlank(), b.name());
        }
    }

    @Test
    void bundledProfilesCarryTheDeviceAndHostFacts() {
        Profile max = ProfileLoader.load(USB3_MAX);
        assertEquals(64, max.accelerator().rows());
        assertEquals(64, max.accelerator().cols());
        assertEquals(500.0, max.accelerator().clockMhz());
        assertEquals(8L << 20, max.accelerator().sramBytes());
        assertEquals(AcceleratorSpec.Dataflow.WS, max.accelerator().dataflow());
        assertEquals(LinkSpec.Kind.USB3, max.link().kind());
        assertEquals(455.9, max.link().bandwidthMBps(), "calibrated (validation module, docs/fidelity.md)");
        assertEquals(CompilerSpec.Version.V16_0, max.compiler().version());
        assertEquals("x86-64 desktop", max.host().name());

        assertEquals(250.0, ProfileLoader.load("edgetpu-usb3-std").accelerator().clockMhz());
        assertEquals(255.1, ProfileLoader.load("edgetpu-rpi4-usb3").link().bandwidthMBps(), "calibrated");
        Profile rpi3 = ProfileLoader.load("edgetpu-rpi3-usb2");
        assertEquals(LinkSpec.Kind.USB2, rpi3.link().kind());
        assertEquals(32.0, rpi3.link().bandwidthMBps(), "calibrated");
        Profile dev = ProfileLoader.load("edgetpu-devboard");
        assertEquals(LinkSpec.Kind.PCIE2X1, dev.link().kind());
        assertEquals("Dev Board (Cortex-A53)", dev.host().name());
        Profile cpu = ProfileLoader.load("cpu-only");
        assertFalse(cpu.accelerator().present());
        assertEquals(max.host(), cpu.host());
    }

    @Test
    void usb3MaxIsTheReferenceUnderAnotherName() {
        Profile ref = ProfileLoader.reference();
        Profile max = ProfileLoader.load(USB3_MAX);
        assertEquals(ref.digest(), max.digest());
        assertEquals(ref.accelerator(), max.accelerator());
        assertNotEquals(ref.name(), max.name());
    }

    @Test
    void userFileChangesOnlyTheKeysItWrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big-array.yaml");
        Files.writeString(f, "schemaVersion: 1\naccelerator:\n  rows: 128\n  cols: 128\n  sramBytes: 16MiB\n");
        Profile p = ProfileLoader.load(f.toString());
        Profile ref = ProfileLoader.reference();
        assertEquals(128, p.accelerator().rows());
        assertEquals(128, p.accelerator().cols());
        assertEquals(16L << 20, p.accelerator().sramBytes());
        assertEquals(ref.accelerator().clockMhz(), p.accelerator().clockMhz());
        assertEquals(ref.link(), p.link());
        assertEquals(ref.host(), p.host());
        assertEquals(ref.compiler(), p.compiler());
        assertEquals("big-array", p.name(), "a file without name is named after the file");
        assertEquals("based on reference", p.description());
    }

    @Test
    void extendsStartsFromABundledProfile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rpi4-what-if.yaml");
        Files.writeString(f, "schemaVersion: 1\nextends: edgetpu-rpi4-usb3\nname: rpi4-fast-link\nlink:\n  bandwidthMBps: 400\n");
        Profile p = ProfileLoader.load(f);
        Profile base = ProfileLoader.load("edgetpu-rpi4-usb3");
        assertEquals(400.0, p.link().bandwidthMBps());
        assertEquals(base.link().overheadUs(), p.link().overheadUs());
        assertEquals(base.host(), p.host());
        assertEquals("rpi4-fast-link", p.name());
        assertEquals("based on edgetpu-rpi4-usb3", p.description(), "description is not inherited");
    }

    @Test
    void extendsFollowsRelativeFilesInChains(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/base.yaml"), "schemaVersion: 1\nextends: edgetpu-usb3-std\nhost:\n  threads: 4\n");
        Files.writeString(dir.resolve("top.json"), "{\"schemaVersion\": 1, \"extends\": \"sub/base.yaml\", \"link\": {\"overheadUs\": 0}}");
        Profile p = ProfileLoader.load(dir.resolve("top.json").toString());
        assertEquals(250.0, p.accelerator().clockMhz(), "from edgetpu-usb3-std");
        assertEquals(4, p.host().threads(), "from sub/base.yaml");
        assertEquals(0.0, p.link().overheadUs(), "from top.json");
    }

    @Test
    void sizeStringsNormaliseToIntegers() {
        Profile p = ProfileLoader.parse("schemaVersion: 1\naccelerator:\n  sramBytes: 1.5MiB\ncompiler:\n  reserveFixedBytes: 512 KiB\n", "s.yaml");
        assertEquals(1_572_864L, p.accelerator().sramBytes());
        assertEquals(524_288L, p.compiler().reserveFixedBytes());
        assertTrue(ProfileLoader.toYaml(p).contains("sramBytes: 1572864"));
        ProfileException e = assertThrows(ProfileException.class,
                () -> ProfileLoader.parse("schemaVersion: 1\naccelerator:\n  sramBytes: 0.3KiB\n", "s.yaml"));
        assertEquals("accelerator.sramBytes", e.keyPath());
    }

    @Test
    void compilerAliasAndUnquotedVersionsNormalise() {
        Profile alias = ProfileLoader.parse("schemaVersion: 1\ncompiler:\n  version: 2019\n", "a.yaml");
        assertEquals(CompilerSpec.Version.V2_0, alias.compiler().version());
        assertEquals("2.0", alias.valueAt("compiler.version"));
        Profile unquoted = ProfileLoader.parse("schemaVersion: 1\ncompiler:\n  version: 2.0\n", "b.yaml");
        assertEquals(alias, unquoted.withOverrides(Map.of("name", "a")));
        assertEquals(CompilerSpec.Version.V16_0, CompilerSpec.Version.parse("16.0"));
    }

    @Test
    void withOverridesSetsKeysByPathAndRevalidates() {
        Profile p = ProfileLoader.load(USB3_MAX);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("link.bandwidthMBps", 500);
        o.put("accelerator.sramBytes", "16MiB");
        o.put("accelerator.depthwiseMapping", AcceleratorSpec.DepthwiseMapping.BLOCK_DIAGONAL);
        o.put("host.perOpOverheadUs", 3.5);
        Profile q = p.withOverrides(o);
        assertEquals(500.0, q.link().bandwidthMBps());
        assertEquals(16L << 20, q.accelerator().sramBytes());
        assertEquals(AcceleratorSpec.DepthwiseMapping.BLOCK_DIAGONAL, q.accelerator().depthwiseMapping());
        assertEquals(3.5, q.host().perOpOverheadUs());
        assertEquals(p.compiler(), q.compiler());

        ProfileException bad = assertThrows(ProfileException.class, () -> p.withOverrides(Map.of("link.bandwidthMBps", -1)));
        assertEquals("link.bandwidthMBps: must be a finite number > 0, but was -1", bad.getMessage());
        ProfileException typo = assertThrows(ProfileException.class, () -> p.withOverrides(Map.of("link.bandwithMBps", 1)));
        assertEquals("link.bandwithMBps: unknown key; did you mean link.bandwidthMBps?", typo.getMessage());
        ProfileException section = assertThrows(ProfileException.class, () -> p.withOverrides(Map.of("link", 1)));
        assertTrue(section.getMessage().startsWith("link: is a section; set one of its keys: link.kind, "), section.getMessage());
    }

    @Test
    void withCompilerVersionChangesOnlyTheVersion() {
        Profile p = ProfileLoader.load(USB3_MAX);
        Profile old = p.withCompilerVersion(CompilerSpec.Version.V2_0);
        assertEquals(CompilerSpec.Version.V2_0, old.compiler().version());
        assertEquals(p, old.withCompilerVersion(CompilerSpec.Version.V16_0));
        assertNotEquals(p.digest(), old.digest());
    }

    @Test
    void valueAtReturnsFileValues() {
        Profile p = ProfileLoader.load("edgetpu-devboard");
        assertEquals(64L, p.valueAt("accelerator.rows"));
        assertEquals(372.1, p.valueAt("link.bandwidthMBps"));
        assertEquals("pcie2x1", p.valueAt("link.kind"));
        assertEquals(Boolean.TRUE, p.valueAt("accelerator.present"));
        assertThrows(ProfileException.class, () -> p.valueAt("accelerator.nope"));
    }

    @Test
    void keyPathsListEveryKeyOfTheReferenceOnce() {
        List<String> keys = ProfileLoader.keyPaths();
        assertEquals(keys.size(), keys.stream().distinct().count());
        assertEquals(List.of("schemaVersion", "name", "description"), keys.subList(0, 3));
        assertTrue(keys.containsAll(List.of("accelerator.sramBandwidthBytesPerCycle", "compiler.reserveActivationFactor",
                "link.transferLatencyUs", "host.customOpDefaultUs")));
        assertEquals(keys, flatten(ProfileLoader.toTree(ProfileLoader.reference()), ""), "toTree writes the reference's keys in order");
    }

    private static List<String> flatten(com.fasterxml.jackson.databind.JsonNode n, String prefix) {
        List<String> out = new java.util.ArrayList<>();
        n.properties().forEach(e -> {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) out.addAll(flatten(e.getValue(), p));
            else out.add(p);
        });
        return out;
    }

    @Test
    void nullSectionIsAnEmptyOverride() {
        Profile p = ProfileLoader.parse("schemaVersion: 1\nhost:\n  # threads: 4\n", "commented.yaml");
        assertEquals(ProfileLoader.reference().host(), p.host());
    }

    @Test
    void recordsRejectBadValuesWithTheKeyInTheMessage() {
        ProfileException e = assertThrows(ProfileException.class, () -> new LinkSpec(LinkSpec.Kind.USB3, 0, 0, 0, 0));
        assertEquals("link.bandwidthMBps: must be a finite number > 0, but was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HostSpec(" ", 1, 1, 1, 1, 1, 0, 0));
    }
}
