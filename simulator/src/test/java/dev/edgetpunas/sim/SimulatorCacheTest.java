package dev.edgetpunas.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Caching is an optimization only: a simulator without caches gives the same reports. */
class SimulatorCacheTest {

    @Test
    void uncachedSimulatorGivesTheSameReports() {
        for (String profileName : List.of("edgetpu-usb3-max", "edgetpu-devboard", "cpu-only")) {
            Profile p = ProfileLoader.load(profileName);
            Simulator cached = new Simulator(p), uncached = new Simulator(p, 0);
            for (String model : List.of("efficientnet-edgetpu-s", "mobilenet-v2")) {
                Graph g = Deploy.apply(ModelZoo.build(model));
                for (Scenario s : List.of(Scenario.WARM, Scenario.COLD)) {
                    assertEquals(cached.simulate(g, s), uncached.simulate(g, s), profileName + " " + model + " " + s.id());
                    assertEquals(cached.simulate(g, s), uncached.simulate(g, s), "again, from the cache");
                }
            }
        }
    }

    @Test
    void negativeCacheSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Simulator(ProfileLoader.load("edgetpu-usb3-max"), -1));
        assertEquals("cacheSize must be >= 0, but was -1", e.getMessage());
    }
}
