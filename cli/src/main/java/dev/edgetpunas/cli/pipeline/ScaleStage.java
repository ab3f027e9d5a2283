package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.cli.ScaleCommand;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.scaling.AccuracySource;
import dev.edgetpunas.scaling.CompoundCoefficients;
import dev.edgetpunas.scaling.CompoundScaling;
import dev.edgetpunas.scaling.FamilyScaler;
import dev.edgetpunas.scaling.LatencyProbe;
import dev.edgetpunas.scaling.Member;
import dev.edgetpunas.scaling.ScalingListener;
import dev.edgetpunas.scaling.ScalingOptions;
import dev.edgetpunas.scaling.TargetMatch;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stage {@code scale}: the Edge TPU winner compound-scaled (alpha 1.2, beta 1.1, gamma 1.15) to three
 * latency targets, {@value #T1}x, {@value #T2}x and {@value #T3}x its own latency, with
 * {@code scaling.FamilyScaler}; each member's proxy accuracy (at 28x28: the proxy cannot see the
 * resolution) until the stage's deadline. Members are written as {@code DIR/family/*.blocks}.
 */
final class ScaleStage {
    static final double T1 = 1.5, T2 = 2.5, T3 = 4.0;

    private ScaleStage() {}

    static StageOutcome run(Run r) {
        EdgeTpuSpace space = r.space();
        String genome = r.result(Stage.SEARCH_EDGETPU).path("search").path("best").path("genome").asText();
        EfficientNetSpec base = space.spec(space.parse(genome)).withName("winner");
        FamilyScaler scaler = new FamilyScaler(base, LatencyProbe.of(new Simulator(r.profile)), ScalingOptions.DEFAULT, ScalingListener.NONE);
        CompoundCoefficients c = CompoundCoefficients.DEFAULT;
        List<String> cuts = new ArrayList<>();
        ObjectNode out = Json.MAPPER.createObjectNode();
        try (StageProgress p = r.progress(4, " steps")) {
            Member b = scaler.baseMember();
            List<Double> targets = List.of(T1 * b.latencyMs(), T2 * b.latencyMs(), T3 * b.latencyMs());
            List<TargetMatch> matches = scaler.meet(targets, c);
            p.stepTo(1, "targets met");
            out.put("alpha", c.alpha());
            out.put("beta", c.beta());
            out.put("gamma", c.gamma());
            out.put("tolerance", ScalingOptions.DEFAULT.tolerance());
            out.put("profile", r.profile.name());
            AccuracySource acc = AccuracySource.blindToResolution(r.proxy());
            Estimate be = null;
            if (r.deadline.passed()) {
                cuts.add("scale: no proxy accuracy for the base network (the stage reached its share of the time budget)");
            } else {
                be = acc.estimate(b.spec(), base, r.settings.seed());
            }
            ObjectNode bj = member(b, be);
            out.set("base", bj);
            p.stepTo(2, "base accuracy");
            ArrayNode members = out.putArray("members");
            int k = 0;
            double last = 0;
            for (TargetMatch t : matches) {
                Member m = t.member();
                Estimate e = null;
                long t0 = System.nanoTime();
                if (!r.deadline.wouldPass(last)) {
                    e = acc.estimate(m.spec(), base, r.settings.seed());
                    last = (System.nanoTime() - t0) / 1e9;
                } else {
                    cuts.add(String.format(Locale.ROOT, "scale: no proxy accuracy for the %.3f ms member (the stage reached its share of the time budget)",
                            t.targetMs()));
                }
                ObjectNode mj = member(m, e);
                mj.put("target_ms", t.targetMs());
                mj.put("target_factor", new double[] {T1, T2, T3}[k]);
                mj.put("distance_to_target", t.distance());
                mj.put("meets_target", t.meets());
                mj.put("within_tolerance", t.withinTolerance());
                if (t.reason().isPresent()) mj.put("reason", t.reason().get());
                else mj.putNull("reason");
                String file = "family/member-" + (k + 1) + ".blocks";
                mj.put("blocks_file", file);
                AtomicFiles.writeString(r.dir.resolve(file), String.format(Locale.ROOT,
                        "# member %d of the Edge TPU winner's family: target %.3f ms (%.1fx the winner), %.3f ms on %s%n%s", k + 1, t.targetMs(),
                        new double[] {T1, T2, T3}[k], m.latencyMs(), r.profile.name(), BlocksFile.format(CompoundScaling.materialize(m.spec()))));
                members.add(mj);
                k++;
                p.stepTo(2 + Math.min(2, k), "member " + k);
            }
        }
        String line = String.format(Locale.ROOT, "base %.3f ms; members %s", out.path("base").path("latency_ms").asDouble(),
                String.join(", ", streamLatencies(out)));
        return new StageOutcome(out, cuts, line);
    }

    private static List<String> streamLatencies(ObjectNode out) {
        List<String> s = new ArrayList<>();
        out.path("members").forEach(m -> s.add(String.format(Locale.ROOT, "%.3f ms (target %.3f)", m.path("latency_ms").asDouble(),
                m.path("target_ms").asDouble())));
        return s;
    }

    private static ObjectNode member(Member m, Estimate e) {
        ObjectNode o = ScaleCommand.putMember(Json.MAPPER.createObjectNode(), m);
        if (e != null) ScaleCommand.putAccuracy(o, e, "proxy_accuracy");
        else o.putNull("proxy_accuracy");
        ArrayNode blocks = o.putArray("blocks");
        m.blocks().forEach(blocks::add);
        return o;
    }
}
