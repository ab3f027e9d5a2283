package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.claims.SeedClaims;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgetpu-nas claims}: the EfficientNet-EdgeTPU paper's claims, computed with the simulator. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "The EfficientNet-EdgeTPU claims in numbers: fused vs depthwise stages, the per-stage choice, "
                + "swish/SE under compiler 2.0, S vs ResNet-50 (Markdown tables).")
public final class ClaimsCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "Profiles to compare (repeatable; default edgetpu-usb3-max and cpu-only).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    @Override
    public Integer call() {
        List<Profile> ps = new ArrayList<>();
        for (String p : profiles.isEmpty() ? List.of("edgetpu-usb3-max", "cpu-only") : profiles) ps.add(ProfileLoader.load(p));
        SeedClaims.Result r = SeedClaims.compute(ps);
        if (!json) {
            System.out.print(r.markdown());
            return 0;
        }
        ObjectNode root = Json.report();
        putClaims(root, r);
        System.out.println(Json.pretty(root));
        return 0;
    }

    /** Writes the claims into {@code root} under the keys of {@code claims --json} (the pipeline's report uses them too); returns root. */
    public static ObjectNode putClaims(ObjectNode root, SeedClaims.Result r) {
        ArrayNode c1 = root.putArray("fused_vs_mbconv");
        for (SeedClaims.Row x : r.fusedVsMbconv()) row(c1.addObject(), x);
        ArrayNode c2 = root.putArray("stage_choices");
        for (SeedClaims.StageChoice c : r.stageChoices()) {
            ObjectNode n = c2.addObject();
            n.put("profile", c.profile());
            n.put("s_types", String.join(" ", c.sTypes()));
            n.put("s_latency_ms", c.sMs());
            n.put("fastest_types", c.fastestTypes());
            n.put("fastest_latency_ms", c.fastestMs());
            ArrayNode d = n.putArray("flip_delta_ms");
            for (double v : c.flipDeltaMs()) d.add(v);
        }
        ArrayNode c3 = root.putArray("b0_compilers");
        for (SeedClaims.CompilerRow x : r.b0Compilers()) {
            ObjectNode n = c3.addObject();
            n.put("profile", x.profile());
            n.put("compiler", x.compiler());
            n.put("tpu_ops", x.tpuOps());
            n.put("cpu_ops", x.cpuOps());
            n.put("latency_ms", x.latencyMs());
        }
        ArrayNode c4 = root.putArray("s_vs_resnet50");
        for (SeedClaims.Row x : r.sVsResNet()) row(c4.addObject(), x);
        return root;
    }

    private static void row(ObjectNode n, SeedClaims.Row x) {
        n.put("network", x.network());
        n.put("profile", x.profile());
        n.put("macs", x.macs());
        n.put("latency_ms", x.latencyMs());
    }
}
