package dev.edgetpunas.sim.claims;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.report.LatencyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's four claims, in numbers, on a set of profiles (typically {@code edgetpu-usb3-max} and
 * {@code cpu-only}):
 * <ol>
 *   <li>EfficientNet-EdgeTPU-S against the same network with its fused ({@code c1}) stages turned into
 *       MBConv ({@code c0}, same i/o/e/k/s): MACs and latency;</li>
 *   <li>every one of the 2^6 c0/c1 choices per stage of S: the fastest combination, and per stage the
 *       latency change of flipping that stage alone;</li>
 *   <li>EfficientNet-B0 (swish + SE) under compiler 2.0 vs 16.0;</li>
 *   <li>EfficientNet-EdgeTPU-S vs ResNet-50 (the paper says about 10x faster on the Edge TPU).</li>
 * </ol>
 * Whatever the numbers are, they are reported as they come out.
 *
 * <pre>{@code
 * SeedClaims.Result r = SeedClaims.compute(List.of(ProfileLoader.load("edgetpu-usb3-max"), ProfileLoader.load("cpu-only")));
 * System.out.println(r.markdown());
 * }</pre>
 */
public final class SeedClaims {
    private SeedClaims() {}

    /** One network on one profile. */
    public record Row(String network, String profile, long macs, double latencyMs) {
    }

    /** Claim 2 on one profile: the fastest of the 64 combinations, and each stage's flip from S. */
    public record StageChoice(String profile, String fastestTypes, double fastestMs, double sMs, double[] flipDeltaMs,
            String[] sTypes) {
    }

    /** Claim 3: B0 under both compilers on one profile. */
    public record CompilerRow(String profile, String compiler, int tpuOps, int cpuOps, double latencyMs) {
    }

    /** All claims. */
    public record Result(List<Row> fusedVsMbconv, List<StageChoice> stageChoices, List<CompilerRow> b0Compilers,
            List<Row> sVsResNet) {

        /** Markdown tables of all four claims. */
        public String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("### 1. Fused early stages vs MBConv (EfficientNet-EdgeTPU-S, c1 -> c0)\n\n");
            sb.append("| network | profile | MACs | latency ms |\n|---|---|---:|---:|\n");
            for (Row r : fusedVsMbconv) sb.append(String.format(Locale.ROOT, "| %s | %s | %.2fG | %.3f |%n", r.network, r.profile, r.macs / 1e9, r.latencyMs));
            sb.append("\n### 2. c0/c1 per stage of S, all 64 combinations\n\n");
            sb.append("| profile | S (types) | S ms | fastest (types) | fastest ms | flip stage 1..6 alone: delta ms |\n|---|---|---:|---|---:|---|\n");
            for (StageChoice c : stageChoices) {
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < c.flipDeltaMs.length; i++) {
                    if (i > 0) d.append(", ");
                    d.append(String.format(Locale.ROOT, "%s->%s %+.3f", c.sTypes[i], c.sTypes[i].equals("c1") ? "c0" : "c1", c.flipDeltaMs[i]));
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %.3f | %s |%n", c.profile, String.join(" ", c.sTypes), c.sMs,
                        c.fastestTypes, c.fastestMs, d));
            }
            sb.append("\n### 3. EfficientNet-B0 (swish + SE) under compiler 2.0 and 16.0\n\n");
            sb.append("| profile | compiler | ops on Edge TPU | ops on CPU | latency ms |\n|---|---|---:|---:|---:|\n");
            for (CompilerRow r : b0Compilers) sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f |%n", r.profile, r.compiler, r.tpuOps, r.cpuOps, r.latencyMs));
            sb.append("\n### 4. EfficientNet-EdgeTPU-S vs ResNet-50\n\n");
            sb.append("| network | profile | MACs | latency ms |\n|---|---|---:|---:|\n");
            for (Row r : sVsResNet) sb.append(String.format(Locale.ROOT, "| %s | %s | %.2fG | %.3f |%n", r.network, r.profile, r.macs / 1e9, r.latencyMs));
            for (int i = 0; i + 1 < sVsResNet.size(); i += 2) {
                sb.append(String.format(Locale.ROOT, "%nResNet-50 / S on %s: %.2fx%n", sVsResNet.get(i).profile,
                        sVsResNet.get(i + 1).latencyMs / sVsResNet.get(i).latencyMs));
            }
            return sb.toString();
        }
    }

    /** S with every stage's conv type set from {@code types} (bit i = stage i fused). */
    public static EfficientNetSpec withStageTypes(EfficientNetSpec base, int types) {
        List<BlockArgs> blocks = new ArrayList<>();
        for (int i = 0; i < base.blocks().size(); i++) blocks.add(base.blocks().get(i).withConvType((types >> i) & 1));
        return base.withBlocks(blocks);
    }

    private static int typesOf(EfficientNetSpec s) {
        int t = 0;
        for (int i = 0; i < s.blocks().size(); i++) if (s.blocks().get(i).fused()) t |= 1 << i;
        return t;
    }

    private static String typesString(int types, int stages) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < stages; i++) s.add(((types >> i) & 1) == 1 ? "c1" : "c0");
        return String.join(" ", s);
    }

    public static Result compute(List<Profile> profiles) {
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S;
        int stages = s.blocks().size();
        int sTypes = typesOf(s);
        Graph sGraph = Deploy.apply(EfficientNet.build(s));
        Graph mbconv = Deploy.apply(EfficientNet.build(withStageTypes(s, 0).withName("efficientnet-edgetpu-s-mbconv")));
        Graph resnet = Deploy.apply(ModelZoo.build("resnet50-v1"));
        Graph b0 = Deploy.apply(ModelZoo.build("efficientnet-b0"));
        Graph[] combos = new Graph[1 << stages];
        for (int t = 0; t < combos.length; t++) combos[t] = Deploy.apply(EfficientNet.build(withStageTypes(s, t)));

        List<Row> claim1 = new ArrayList<>();
        List<StageChoice> claim2 = new ArrayList<>();
        List<CompilerRow> claim3 = new ArrayList<>();
        List<Row> claim4 = new ArrayList<>();
        for (Profile p : profiles) {
            Simulator sim = new Simulator(p);
            claim1.add(new Row("efficientnet-edgetpu-s (fused stages 1-3)", p.name(), sGraph.macs(), sim.simulate(sGraph).latencyMs()));
            claim1.add(new Row("same, all stages MBConv", p.name(), mbconv.macs(), sim.simulate(mbconv).latencyMs()));

            double[] ms = new double[combos.length];
            int best = 0;
            for (int t = 0; t < combos.length; t++) {
                ms[t] = sim.simulate(combos[t]).latencyMs();
                if (ms[t] < ms[best]) best = t;
            }
            double[] flip = new double[stages];
            String[] st = new String[stages];
            for (int i = 0; i < stages; i++) {
                flip[i] = ms[sTypes ^ (1 << i)] - ms[sTypes];
                st[i] = ((sTypes >> i) & 1) == 1 ? "c1" : "c0";
            }
            claim2.add(new StageChoice(p.name(), typesString(best, stages), ms[best], ms[sTypes], flip, st));

            if (p.accelerator().present()) {
                for (CompilerSpec.Version v : CompilerSpec.Version.values()) {
                    LatencyReport r = new Simulator(p.withCompilerVersion(v)).simulate(b0);
                    claim3.add(new CompilerRow(p.name(), v.id(), r.compile().tpuOpCount(), r.compile().cpuOpCount(), r.latencyMs()));
                }
            } else {
                claim3.add(new CompilerRow(p.name(), "-", 0, b0.opCount(), sim.simulate(b0).latencyMs()));
            }
            claim4.add(new Row("efficientnet-edgetpu-s", p.name(), sGraph.macs(), sim.simulate(sGraph).latencyMs()));
            claim4.add(new Row("resnet50-v1", p.name(), resnet.macs(), sim.simulate(resnet).latencyMs()));
        }
        return new Result(claim1, claim2, claim3, claim4);
    }
}
