package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --profile}/{@code --compiler} mixin, on a probe command registered under the real root. */
class ProfileOptionTest {

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin ProfileOption profileOption;
        Profile seen;
        boolean workDone;

        @Override
        public Integer call() {
            seen = profileOption.profile();
            workDone = true;
            return 0;
        }
    }

    private static Probe probe;

    private static Cli.Result run(String... args) {
        probe = new Probe();
        return Cli.run(() -> {
            CommandLine cl = Main.commandLine();
            cl.addSubcommand("probe", probe);
            return cl;
        }, args);
    }

    @Test
    void defaultIsTheUsb3MaxProfile() {
        assertEquals(0, run("probe").exitCode());
        assertEquals(ProfileOption.DEFAULT_PROFILE, probe.seen.name());
    }

    @Test
    void compilerOverridesTheProfileInEitherOrder() {
        assertEquals(0, run("probe", "--profile", "edgetpu-devboard", "--compiler", "2019").exitCode());
        Profile a = probe.seen;
        assertEquals(0, run("probe", "--compiler", "2.0", "--profile", "edgetpu-devboard").exitCode());
        assertEquals(a, probe.seen);
        assertEquals("edgetpu-devboard", a.name());
        assertEquals(CompilerSpec.Version.V2_0, a.compiler().version());
    }

    @Test
    void userFileIsLoaded(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wide.yaml");
        Files.writeString(f, "schemaVersion: 1\nextends: edgetpu-usb3-std\naccelerator:\n  cols: 128\n");
        assertEquals(0, run("probe", "--profile", f.toString()).exitCode());
        assertEquals(128, probe.seen.accelerator().cols());
        assertEquals(250.0, probe.seen.accelerator().clockMhz());
        assertEquals("wide", probe.seen.name());
    }

    @Test
    void badProfileStopsTheCommandWithOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "schemaVersion: 1\nlink:\n  bandwidthMBps: -1\n");
        Cli.Result r = run("probe", "--profile", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertEquals("edgetpu-nas: " + f + ":3:3: link.bandwidthMBps: must be a finite number > 0, but was -1", r.errLines().get(0));
        assertFalse(probe.workDone);
    }

    @Test
    void badCompilerVersionNamesTheOption() {
        Cli.Result r = run("probe", "--compiler", "17");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("--compiler: must be one of \"2.0\" (alias \"2019\"), \"16.0\", but was \"17\""), r.err());
    }
}
