package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.ClaimsCommand;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.claims.SeedClaims;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.report.LatencyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code reference}: EfficientNet-EdgeTPU-S, MobileNet v2, ResNet-50 and EfficientNet-B0 simulated
 * on the Edge TPU profile under both compiler versions and on {@code cpu-only}, and the seed's claims
 * ({@link SeedClaims}) on the two profiles.
 */
final class ReferenceStage {
    static final List<String> MODELS = List.of("efficientnet-edgetpu-s", "mobilenet-v2", "resnet50-v1", "efficientnet-b0");

    private ReferenceStage() {}

    static StageOutcome run(Run r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode rows = out.putArray("rows");
        List<Profile> variants = new ArrayList<>();
        if (r.profile.accelerator().present()) {
            for (CompilerSpec.Version v : CompilerSpec.Version.values()) variants.add(r.profile.withCompilerVersion(v));
        } else {
            variants.add(r.profile);
        }
        if (!r.cpu.name().equals(r.profile.name())) variants.add(r.cpu);
        try (StageProgress p = r.progress((long) MODELS.size() * variants.size() + 1, " sims")) {
            int done = 0;
            for (String m : MODELS) {
                Graph training = ModelZoo.build(m);
                Graph g = Deploy.apply(training);
                for (Profile v : variants) {
                    LatencyReport rep = new Simulator(v, 0).simulate(g);
                    ObjectNode o = rows.addObject();
                    o.put("model", m);
                    o.put("profile", v.name());
                    o.put("compiler", v.accelerator().present() ? v.compiler().version().id() : "-");
                    o.put("macs", g.macs());
                    o.put("params", training.paramCount());
                    o.put("latency_ms", rep.latencyMs());
                    o.put("tpu_ms", rep.tpuMs());
                    o.put("cpu_ms", rep.cpuMs());
                    o.put("transfer_ms", rep.transferMs());
                    o.put("overhead_ms", rep.overheadMs());
                    o.put("tpu_ops", rep.compile() == null ? 0 : rep.compile().tpuOpCount());
                    o.put("cpu_ops", rep.compile() == null ? g.opCount() : rep.compile().cpuOpCount());
                    o.put("onchip_used_bytes", rep.compile() == null ? 0 : rep.compile().onchipUsedBytes());
                    o.put("streamed_bytes", rep.compile() == null ? 0 : rep.compile().offchipStreamedBytes());
                    p.stepTo(++done, m);
                }
            }
            List<Profile> claimProfiles = r.cpu.name().equals(r.profile.name()) ? List.of(r.profile) : List.of(r.profile, r.cpu);
            out.set("claims", claims(SeedClaims.compute(claimProfiles)));
            p.stepTo(++done, "claims");
        }
        ObjectNode s = rows.size() > 0 ? (ObjectNode) rows.get(0) : null;
        String line = s == null ? "" : String.format(Locale.ROOT, "%d simulations; %s %.3f ms on %s", rows.size(), s.path("model").asText(),
                s.path("latency_ms").asDouble(), s.path("profile").asText());
        return new StageOutcome(out, List.of(), line);
    }

    /** The claims as JSON (the keys of {@code edgetpu-nas claims --json}). */
    static ObjectNode claims(SeedClaims.Result r) {
        return ClaimsCommand.putClaims(Json.MAPPER.createObjectNode(), r);
    }
}
