package dev.edgetpunas.sim.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.compile.Golden;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the seed's claims as the simulator computes them on the bundled profiles (golden file
 * {@code seed-claims.md}; regenerate with {@code -Dgolden.update=true} after a calibration and review
 * the diff). The structural assertions say what must stay true whatever the calibration.
 */
class SeedClaimsTest {
    static SeedClaims.Result result;

    @BeforeAll
    static void compute() {
        result = SeedClaims.compute(List.of(ProfileLoader.load("edgetpu-usb3-max"), ProfileLoader.load("cpu-only")));
    }

    @Test
    void numbersMatchTheGoldenFile() {
        Golden.assertMatches("seed-claims.md", result.markdown());
    }

    @Test
    void fusedStagesCostMoreMacsButTheCpuPrefersDepthwise() {
        // the MBConv variant does fewer MACs; on a CPU, which runs MACs at a fixed rate, it must be faster
        SeedClaims.Row s = result.fusedVsMbconv().get(2), mb = result.fusedVsMbconv().get(3);
        assertEquals("cpu-only", s.profile());
        assertTrue(mb.macs() < s.macs());
        assertTrue(mb.latencyMs() < s.latencyMs());
        assertEquals("c0 c0 c0 c0 c0 c0", result.stageChoices().get(1).fastestTypes());
    }

    @Test
    void swishAndSeFallToTheCpuUnderCompiler2() {
        SeedClaims.CompilerRow v2 = result.b0Compilers().get(0), v16 = result.b0Compilers().get(1);
        assertEquals("2.0", v2.compiler());
        assertTrue(v2.cpuOps() > v2.tpuOps());
        assertEquals(0, v16.cpuOps());
        assertTrue(v2.latencyMs() > v16.latencyMs());
    }
}
