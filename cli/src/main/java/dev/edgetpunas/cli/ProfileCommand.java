package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgetpu-nas profile show|check}: print a merged profile, or validate a profile file.
 *
 * <pre>{@code
 * ./edgetpu-nas profile show edgetpu-rpi4-usb3            # YAML with every key; save it and edit it
 * ./edgetpu-nas profile show my.yaml --json               # {"schema_version":1,...,"profile":..,"merged":{..}}
 * ./edgetpu-nas profile check my.yaml                     # "my.yaml: ok" or one error line, exit 2
 * }</pre>
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Show or check one accelerator profile.",
        subcommands = {ProfileCommand.Show.class, ProfileCommand.Check.class})
public final class ProfileCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: show or check");
    }

    /** {@code profile show PROFILE [--json] [--compiler V]}: the merged profile, every key. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a profile merged over the reference, every key: YAML (a valid profile file) or JSON.")
    public static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROFILE", description = "A bundled name or a .yaml/.yml/.json file.")
        String profile;

        @Option(names = "--json", description = "Print a JSON report (profile name, digest and the merged keys).")
        boolean json;

        @Option(names = "--compiler", paramLabel = "2.0|16.0", description = "Override compiler.version (2019 = 2.0).")
        String compiler;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Profile p = ProfileLoader.load(profile);
            if (compiler != null) p = p.withCompilerVersion(ProfileOption.compilerVersion(compiler));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = ProfileOption.describe(Json.report(), p);
                root.set("merged", p.toTree());
                out.println(Json.pretty(root));
            } else {
                out.print(ProfileLoader.toYaml(p));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code profile check FILE}: validate only; says which keys differ from the reference. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a profile file: prints 'FILE: ok' and how it differs from the reference, or one error line (exit 2).")
    public static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "A .yaml/.yml/.json profile file (or a bundled name).")
        String file;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Profile p = ProfileLoader.load(file);
            Profile ref = ProfileLoader.reference();
            List<String> changed = new ArrayList<>();
            for (String key : ProfileLoader.keyPaths()) {
                if (key.equals("name") || key.equals("description")) continue;
                Object v = p.valueAt(key);
                if (!Objects.equals(v, ref.valueAt(key))) changed.add(key + "=" + v);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": ok");
            out.println("  name: " + p.name() + ", digest: " + p.digest());
            out.println(changed.isEmpty() ? "  same values as the reference"
                    : "  differs from the reference in " + changed.size() + " key" + (changed.size() == 1 ? "" : "s") + ": "
                            + String.join(", ", changed));
            out.flush();
            return 0;
        }
    }
}
