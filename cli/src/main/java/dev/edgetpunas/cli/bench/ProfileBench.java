package dev.edgetpunas.cli.bench;

import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Profile costs that matter in loops: calibration sets parameters by key path thousands of times
 * ({@code withOverrides}), caches key results by {@code digest}, and commands parse one user file.
 *
 * <pre>{@code
 * ./edgetpu-nas bench profile --quick
 * }</pre>
 */
@State(Scope.Thread)
public class ProfileBench {
    private static final String USER_FILE = "schemaVersion: 1\nextends: edgetpu-usb3-max\nname: big-array\n"
            + "accelerator:\n  rows: 128\n  cols: 128\n  sramBytes: 16MiB\n";

    private Profile profile;
    private Map<String, Object> overrides;
    private double bandwidth;

    @Setup
    public void setUp() {
        profile = ProfileLoader.load("edgetpu-rpi4-usb3");
        overrides = new java.util.HashMap<>(Map.of("link.bandwidthMBps", 300.0, "link.overheadUs", 650.0));
    }

    /** Two keys set by path, the profile re-validated: the inner step of a calibration fit. */
    @Benchmark
    public Profile profileWithOverrides() {
        bandwidth = bandwidth > 400 ? 200 : bandwidth + 1;
        overrides.put("link.bandwidthMBps", bandwidth);
        return profile.withOverrides(overrides);
    }

    /** SHA-256 prefix of the canonical JSON. */
    @Benchmark
    public String profileDigest() {
        return profile.digest();
    }

    /** A small user YAML file that extends a bundled profile: parse, check, merge, bind. */
    @Benchmark
    public Profile profileParseUserYaml() {
        return ProfileLoader.parse(USER_FILE, "big-array.yaml");
    }
}
