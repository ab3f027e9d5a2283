package dev.edgetpunas.sim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load -> write -> load gives an equal profile, in YAML, JSON and as a tree, for generated profiles. */
class ProfileRoundTripTest {

    @Test
    void yamlWriteThenLoadGivesAnEqualProfile() {
        qt().withFixedSeed(20240601L).withExamples(400).forAll(ProfileGenerators.profiles()).checkAssert(p -> {
            String yaml = ProfileLoader.toYaml(p);
            assertEquals(p, ProfileLoader.parse(yaml, "generated.yaml"), yaml);
        });
    }

    @Test
    void jsonWriteThenLoadGivesAnEqualProfile() {
        qt().withFixedSeed(20240602L).withExamples(400).forAll(ProfileGenerators.profiles()).checkAssert(p -> {
            String json = ProfileLoader.toJson(p);
            assertEquals(p, ProfileLoader.parse(json, "generated.json"), json);
        });
    }

    @Test
    void treeRoundTripAndDigestAreStable() {
        qt().withFixedSeed(20240603L).withExamples(300).forAll(ProfileGenerators.profiles()).checkAssert(p -> {
            Profile back = ProfileLoader.fromTree(p.toTree(), "tree");
            assertEquals(p, back);
            assertEquals(p.digest(), back.digest());
        });
    }

    @Test
    void overridingEveryKeyWithItsOwnValueChangesNothing() {
        qt().withFixedSeed(20240604L).withExamples(100).forAll(ProfileGenerators.profiles()).checkAssert(p -> {
            Map<String, Object> all = new java.util.LinkedHashMap<>();
            for (String key : ProfileLoader.keyPaths()) all.put(key, p.valueAt(key));
            assertEquals(p, p.withOverrides(all));
        });
    }

    @Test
    void digestIgnoresNameAndDescriptionButNotValues() {
        qt().withFixedSeed(20240605L).withExamples(100).forAll(ProfileGenerators.profiles()).checkAssert(p -> {
            Profile renamed = p.withOverrides(Map.of("name", p.name() + "-copy", "description", "other"));
            assertEquals(p.digest(), renamed.digest());
            Profile changed = p.withOverrides(Map.of("host.threads", p.host().threads() % 1024 + 1));
            assertNotEquals(p.digest(), changed.digest());
        });
    }

    @Test
    void everyBundledProfileSurvivesAFileRoundTrip(@TempDir Path dir) throws Exception {
        for (BundledProfile b : ProfileLoader.bundled()) {
            Profile p = ProfileLoader.load(b.name());
            Path yaml = dir.resolve(b.name() + ".yaml");
            Files.writeString(yaml, ProfileLoader.toYaml(p));
            assertEquals(p, ProfileLoader.load(yaml.toString()), b.name());
            Path json = dir.resolve(b.name() + ".json");
            Files.writeString(json, ProfileLoader.toJson(p));
            assertEquals(p, ProfileLoader.load(json.toString()), b.name());
        }
    }
}
