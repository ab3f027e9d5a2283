package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.BundledProfile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgetpu-nas profiles}: the bundled accelerator profiles, with their descriptions.
 *
 * <pre>{@code
 * ./edgetpu-nas profiles
 * ./edgetpu-nas profiles --json     # {"schema_version":1,...,"profiles":[{"name":..,"description":..,"digest":..}]}
 * }</pre>
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the bundled accelerator profiles (use a name, or your own file, with --profile).")
public final class ProfilesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BundledProfile> bundled = ProfileLoader.bundled();
        if (json) {
            ObjectNode root = Json.report();
            ArrayNode list = root.putArray("profiles");
            for (BundledProfile b : bundled) {
                list.addObject()
                        .put("name", b.name())
                        .put("description", b.description())
                        .put("digest", ProfileLoader.load(b.name()).digest());
            }
            out.println(Json.pretty(root));
        } else {
            int width = bundled.stream().mapToInt(b -> b.name().length()).max().orElse(4);
            out.printf("%-" + width + "s  %s%n", "NAME", "DESCRIPTION");
            for (BundledProfile b : bundled) out.printf("%-" + width + "s  %s%n", b.name(), b.description());
        }
        out.flush();
        return 0;
    }
}
