package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --profile NAME|FILE} and {@code --compiler 2.0|16.0} options, as a picocli mixin for every
 * command that simulates or compiles. The profile is loaded and validated while the command line is
 * parsed; a bad profile is reported by {@link #profile()}, which a command calls first, so the user sees
 * the one-line {@code FILE:LINE:COL: KEY: ...} message and exit code 2 before any work starts.
 *
 * <pre>{@code
 * @Command(name = "simulate")
 * final class SimulateCommand implements Callable<Integer> {
 *     @Mixin ProfileOption profileOption;
 *
 *     public Integer call() {
 *         Profile profile = profileOption.profile();   // first: throws ProfileException for a bad profile
 *         ...
 *         ProfileOption.describe(report, profile);      // "profile" and "profile_digest" in the JSON report
 *     }
 * }
 * }</pre>
 */
public final class ProfileOption {
    /** The profile used when {@code --profile} is not given. */
    public static final String DEFAULT_PROFILE = "edgetpu-usb3-max";

    private String profileArg = DEFAULT_PROFILE;
    private String compilerArg;
    private Profile loaded;
    private RuntimeException failure;

    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = DEFAULT_PROFILE,
            description = "Accelerator profile: a bundled name (see 'edgetpu-nas profiles') or a .yaml/.yml/.json file "
                    + "(default: ${DEFAULT-VALUE}).")
    void setProfile(String nameOrPath) {
        profileArg = nameOrPath;
        reload();
    }

    @Option(names = "--compiler", paramLabel = "2.0|16.0",
            description = "Edge TPU compiler version to model (2019 is an alias of 2.0); overrides the profile's compiler.version.")
    void setCompiler(String version) {
        compilerArg = version;
        reload();
    }

    /** Loads now (the setters call this as picocli parses), remembering the error if there is one. */
    private void reload() {
        try {
            Profile p = ProfileLoader.load(profileArg);
            if (compilerArg != null) p = p.withCompilerVersion(compilerVersion(compilerArg));
            loaded = p;
            failure = null;
        } catch (IllegalArgumentException e) {
            loaded = null;
            failure = e;
        }
    }

    /**
     * The validated profile, with {@code --compiler} applied.
     *
     * @throws dev.edgetpunas.sim.profile.ProfileException (an IllegalArgumentException: exit code 2) if the
     *     profile or the compiler version is bad
     */
    public Profile profile() {
        if (failure == null && loaded == null) reload();
        if (failure != null) throw failure;
        return loaded;
    }

    /** What the user passed to {@code --profile} (or the default). */
    public String profileArgument() {
        return profileArg;
    }

    /** The compiler version spelled {@code text}, or an IllegalArgumentException naming {@code --compiler}. */
    public static CompilerSpec.Version compilerVersion(String text) {
        try {
            return CompilerSpec.Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compiler: " + e.getMessage(), e);
        }
    }

    /** Adds {@code profile} (name) and {@code profile_digest} to a JSON report. */
    public static ObjectNode describe(ObjectNode report, Profile p) {
        report.put("profile", p.name());
        report.put("profile_digest", p.digest());
        return report;
    }
}
