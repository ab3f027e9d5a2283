package dev.edgetpunas.nas.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.BlockString;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The EfficientNet-EdgeTPU-like space: six stages with EfficientNet-EdgeTPU-S's strides
 * (1, 2, 2, 2, 1, 2), stem (32) and head (1280), 1001 classes, 224x224 input. Per stage: block type
 * MBConv ({@code c0}) or fused ({@code c1}), depthwise kernel 3 or 5 (MBConv only), expansion 1, 4 or
 * 8, repeats 1..6, width multiplier 0.75, 1.0 or 1.25 of S's stage width. With {@code swishAndSe}
 * (only where the caller's compiler maps swish and SE; never for compiler {@code 2.0}) each MBConv
 * stage may also have SE 0.25 and the network may use swish instead of ReLU.
 *
 * <pre>{@code
 * EdgeTpuSpace space = new EdgeTpuSpace(false);
 * String s = space.encode(EdgeTpuSpace.EFFICIENTNET_EDGETPU_S);
 * // "r1_k3_s11_e4_i24_o24_c1_noskip r2_k3_s22_e8_i24_o32_c1 r4_k3_s22_e8_i32_o48_c1 r5_k5_s22_e8_i48_o96 ..."
 * Graph g = space.decode(space.parse(s));   // the same network as EfficientNet.build(EDGETPU_S)
 * }</pre>
 *
 * <p>Widths: a stage's output filters are S's rounded to the nearest multiple of 8 (ties up, at least
 * 8): {@code max(8, int(f * m + 4) // 8 * 8)}. This is tensorflow/tpu's {@code round_filters} without
 * its "never below 90%" bump, which would make 0.75 and 1.0 the same width (24) for stage 1. The
 * {@code i} field of stage k is stage k-1's output width (stage 1: its own), as in S.
 *
 * <p>Genome text: the six block strings separated by spaces, preceded by {@code act=swish} when the
 * activation is swish. Mutation picks one gene uniformly among the genes that matter (kernel and SE
 * only for MBConv stages; activation only with {@code swishAndSe}) and gives it another value;
 * switching a stage to fused sets kernel 3 and no SE, switching to MBConv draws the kernel. Distance
 * counts the genes that differ (kernel and SE only where both stages are MBConv), so a mutation is
 * always at distance 1.
 *
 * <p>Defaults: population 50, sample 10 (Real et al.'s 100/25 ratio of about 1/4, with a population
 * small enough that budgets of a few hundred simulated-and-trained candidates leave most of the budget
 * to evolution), batch 8.
 */
public final class EdgeTpuSpace implements SearchSpace<EdgeTpuGenome> {
    /** The space's name. */
    public static final String NAME = "edgetpu";
    /** Number of stages. */
    public static final int STAGES = 6;
    /** Width multipliers. */
    static final double[] WIDTHS = {0.75, 1.0, 1.25};
    /** EfficientNet-EdgeTPU-S's stage output filters. */
    private static final int[] BASE_FILTERS = {24, 32, 48, 96, 144, 192};
    /** EfficientNet-EdgeTPU-S's stage strides. */
    private static final int[] STRIDES = {1, 2, 2, 2, 1, 2};
    private static final int[] EXPANSIONS = {1, 4, 8};
    private static final int[] KERNELS = {3, 5};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** EfficientNet-EdgeTPU-S as a genome of this space. */
    public static final EdgeTpuGenome EFFICIENTNET_EDGETPU_S = new EdgeTpuGenome(List.of(
            new StageGene(1, 3, 4, 1, 1, false), new StageGene(1, 3, 8, 2, 1, false), new StageGene(1, 3, 8, 4, 1, false),
            new StageGene(0, 5, 8, 5, 1, false), new StageGene(0, 5, 8, 4, 1, false), new StageGene(0, 5, 8, 2, 1, false)),
            Nonlinearity.RELU);

    private final boolean swishAndSe;

    /** The space; {@code swishAndSe} only when the target compiler maps swish and SE. */
    public EdgeTpuSpace(boolean swishAndSe) {
        this.swishAndSe = swishAndSe;
    }

    /** Whether swish and SE are searchable. */
    public boolean swishAndSe() {
        return swishAndSe;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True if the simulator's compiler maps swish and squeeze-and-excitation, i.e. they may be searched:
     * EfficientNet-EdgeTPU-S with swish and SE on every MBConv stage compiles with every op on the Edge
     * TPU (false without an accelerator, and under compiler 2.0).
     */
    public static boolean swishAndSeMapped(Simulator simulator) {
        if (!simulator.profile().accelerator().present()) return false;
        EdgeTpuGenome s = EFFICIENTNET_EDGETPU_S;
        EdgeTpuGenome probe = s.withActivation(Nonlinearity.SWISH);
        for (int i = 0; i < s.stages().size(); i++) {
            StageGene g = s.stages().get(i);
            if (!g.fused()) probe = probe.withStage(i, new StageGene(g.convType(), g.kernel(), g.expansion(), g.repeats(), g.width(), true));
        }
        return simulator.compile(Deploy.apply(new EdgeTpuSpace(true).decode(probe))).cpuOpCount() == 0;
    }

    /** Output filters of stage {@code stage} (0-based) at width index {@code width}. */
    public static int filters(int stage, int width) {
        return Math.max(8, (int) (BASE_FILTERS[stage] * WIDTHS[width] + 4) / 8 * 8);
    }

    /** The block strings (as {@link BlockArgs}) of {@code g}. */
    public List<BlockArgs> blocks(EdgeTpuGenome g) {
        List<BlockArgs> out = new ArrayList<>(STAGES);
        int prev = -1;
        for (int s = 0; s < STAGES; s++) {
            StageGene st = g.stages().get(s);
            int o = filters(s, st.width());
            int i = s == 0 ? o : prev;
            out.add(new BlockArgs(st.repeats(), st.kernel(), STRIDES[s], STRIDES[s], st.expansion(), i, o, st.se() ? 0.25 : 0,
                    s != 0, st.convType()));
            prev = o;
        }
        return out;
    }

    /** The network spec of {@code g}: S's stem, head, classes and resolution with {@code g}'s stages. */
    public EfficientNetSpec spec(EdgeTpuGenome g) {
        checkAllowed(g);
        return EfficientNetSpec.EDGETPU_S.withName("edgetpu-nas").withBlocks(blocks(g)).withActivation(g.activation());
    }

    private void checkAllowed(EdgeTpuGenome g) {
        if (swishAndSe) return;
        if (g.activation() != Nonlinearity.RELU) {
            throw new IllegalArgumentException("activation " + g.activation().id() + " is not in this space (swish and SE are off)");
        }
        for (int s = 0; s < STAGES; s++) {
            if (g.stages().get(s).se()) throw new IllegalArgumentException("stage " + (s + 1) + " has SE, which is not in this space (swish and SE are off)");
        }
    }

    @Override
    public EdgeTpuGenome sample(RandomGenerator rng) {
        List<StageGene> st = new ArrayList<>(STAGES);
        for (int s = 0; s < STAGES; s++) {
            int type = rng.nextInt(2);
            int kernel = type == 0 ? KERNELS[rng.nextInt(KERNELS.length)] : 3;
            int e = EXPANSIONS[rng.nextInt(EXPANSIONS.length)];
            int r = 1 + rng.nextInt(6);
            int w = rng.nextInt(WIDTHS.length);
            boolean se = swishAndSe && type == 0 && rng.nextBoolean();
            st.add(new StageGene(type, kernel, e, r, w, se));
        }
        Nonlinearity act = swishAndSe && rng.nextBoolean() ? Nonlinearity.SWISH : Nonlinearity.RELU;
        return new EdgeTpuGenome(st, act);
    }

    private enum Slot { TYPE, KERNEL, EXPANSION, REPEATS, WIDTH, SE }

    @Override
    public EdgeTpuGenome mutate(EdgeTpuGenome parent, RandomGenerator rng) {
        checkAllowed(parent);
        // enumerate the genes that matter, in a fixed order, and pick one uniformly
        List<int[]> slots = new ArrayList<>();
        for (int s = 0; s < STAGES; s++) {
            boolean mb = !parent.stages().get(s).fused();
            for (Slot k : Slot.values()) {
                if ((k == Slot.KERNEL && !mb) || (k == Slot.SE && !(mb && swishAndSe))) continue;
                slots.add(new int[] {s, k.ordinal()});
            }
        }
        if (swishAndSe) slots.add(new int[] {-1, -1});
        int[] pick = slots.get(rng.nextInt(slots.size()));
        if (pick[0] < 0) {
            return parent.withActivation(parent.activation() == Nonlinearity.RELU ? Nonlinearity.SWISH : Nonlinearity.RELU);
        }
        StageGene g = parent.stages().get(pick[0]);
        StageGene m = switch (Slot.values()[pick[1]]) {
            case TYPE -> g.fused() ? new StageGene(0, KERNELS[rng.nextInt(KERNELS.length)], g.expansion(), g.repeats(), g.width(), false)
                    : new StageGene(1, 3, g.expansion(), g.repeats(), g.width(), false);
            case KERNEL -> new StageGene(0, g.kernel() == 3 ? 5 : 3, g.expansion(), g.repeats(), g.width(), g.se());
            case EXPANSION -> new StageGene(g.convType(), g.kernel(), other(EXPANSIONS, g.expansion(), rng), g.repeats(), g.width(), g.se());
            case REPEATS -> {
                int r = 1 + rng.nextInt(5);
                yield new StageGene(g.convType(), g.kernel(), g.expansion(), r >= g.repeats() ? r + 1 : r, g.width(), g.se());
            }
            case WIDTH -> {
                int w = rng.nextInt(WIDTHS.length - 1);
                yield new StageGene(g.convType(), g.kernel(), g.expansion(), g.repeats(), w >= g.width() ? w + 1 : w, g.se());
            }
            case SE -> new StageGene(0, g.kernel(), g.expansion(), g.repeats(), g.width(), !g.se());
        };
        return parent.withStage(pick[0], m);
    }

    private static int other(int[] values, int current, RandomGenerator rng) {
        int k = rng.nextInt(values.length - 1);
        int idx = 0;
        for (int v : values) {
            if (v == current) continue;
            if (idx++ == k) return v;
        }
        throw new IllegalArgumentException(current + " is not one of the values");
    }

    @Override
    public int distance(EdgeTpuGenome a, EdgeTpuGenome b) {
        int d = a.activation() == b.activation() ? 0 : 1;
        for (int s = 0; s < STAGES; s++) {
            StageGene x = a.stages().get(s), y = b.stages().get(s);
            if (x.convType() != y.convType()) d++;
            if (x.expansion() != y.expansion()) d++;
            if (x.repeats() != y.repeats()) d++;
            if (x.width() != y.width()) d++;
            if (!x.fused() && !y.fused()) {
                if (x.kernel() != y.kernel()) d++;
                if (x.se() != y.se()) d++;
            }
        }
        return d;
    }

    @Override
    public String encode(EdgeTpuGenome genome) {
        StringBuilder sb = new StringBuilder(200);
        if (genome.activation() != Nonlinearity.RELU) sb.append("act=").append(genome.activation().id());
        for (BlockArgs b : blocks(genome)) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(BlockString.format(b));
        }
        return sb.toString();
    }

    @Override
    public EdgeTpuGenome parse(String text) {
        List<String> tokens = new ArrayList<>();
        for (String t : text.trim().split("[,\\s]+")) if (!t.isEmpty()) tokens.add(t);
        Nonlinearity act = Nonlinearity.RELU;
        if (!tokens.isEmpty() && tokens.get(0).startsWith("act=")) {
            act = Nonlinearity.parse(tokens.remove(0).substring(4));
            if (act != Nonlinearity.RELU && act != Nonlinearity.SWISH) {
                throw new IllegalArgumentException("edgetpu genome '" + text + "': activation must be relu or swish, but was " + act.id());
            }
        }
        if (tokens.size() != STAGES) {
            throw new IllegalArgumentException("edgetpu genome '" + text + "': expected " + STAGES + " block strings, but found " + tokens.size());
        }
        List<StageGene> stages = new ArrayList<>(STAGES);
        int prev = -1;
        for (int s = 0; s < STAGES; s++) {
            String tok = tokens.get(s);
            String where = "edgetpu genome, stage " + (s + 1) + " '" + tok + "': ";
            BlockArgs b;
            try {
                b = BlockString.parse(tok);
            } catch (ModelFormatException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            if (b.strideH() != STRIDES[s] || b.strideW() != STRIDES[s]) {
                throw new IllegalArgumentException(where + "stride must be s" + STRIDES[s] + STRIDES[s]);
            }
            int w = -1;
            for (int k = 0; k < WIDTHS.length; k++) if (filters(s, k) == b.outputFilters()) w = k;
            if (w < 0) {
                throw new IllegalArgumentException(where + "output filters must be one of " + filters(s, 0) + ", " + filters(s, 1) + ", "
                        + filters(s, 2) + ", but was " + b.outputFilters());
            }
            int expectIn = s == 0 ? b.outputFilters() : prev;
            if (b.inputFilters() != expectIn) {
                throw new IllegalArgumentException(where + "input filters must be " + expectIn + " (the previous stage's output), but was "
                        + b.inputFilters());
            }
            if (b.idSkip() == (s == 0)) {
                throw new IllegalArgumentException(where + (s == 0 ? "stage 1 must be noskip" : "only stage 1 is noskip"));
            }
            if (b.hasSe() && (!swishAndSe || b.seRatio() != 0.25)) {
                throw new IllegalArgumentException(where + (swishAndSe ? "SE ratio must be 0.25" : "SE is not in this space (swish and SE are off)"));
            }
            if (act != Nonlinearity.RELU && !swishAndSe) {
                throw new IllegalArgumentException("edgetpu genome '" + text + "': swish is not in this space (swish and SE are off)");
            }
            try {
                stages.add(new StageGene(b.convType(), b.kernel(), b.expandRatio(), b.repeats(), w, b.hasSe()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            prev = b.outputFilters();
        }
        return new EdgeTpuGenome(stages, act);
    }

    @Override
    public Graph decode(EdgeTpuGenome genome) {
        return EfficientNet.build(spec(genome));
    }

    @Override
    public ObjectNode describe(EdgeTpuGenome genome) {
        EfficientNetSpec spec = spec(genome);
        ObjectNode o = JSON.createObjectNode();
        o.put("space", NAME);
        o.put("genome", encode(genome));
        o.put("resolution", spec.resolution());
        o.put("classes", spec.classes());
        o.put("stem_filters", spec.stemFilters());
        o.put("head_filters", spec.headFilters());
        o.put("activation", genome.activation().id());
        ArrayNode blocks = o.putArray("blocks");
        ArrayNode stages = o.putArray("stages");
        List<BlockArgs> bs = blocks(genome);
        for (int s = 0; s < STAGES; s++) {
            BlockArgs b = bs.get(s);
            StageGene g = genome.stages().get(s);
            blocks.add(BlockString.format(b));
            ObjectNode st = stages.addObject();
            st.put("block_type", g.fused() ? "fused" : "mbconv");
            st.put("kernel", g.kernel());
            st.put("expansion", g.expansion());
            st.put("repeats", g.repeats());
            st.put("stride", STRIDES[s]);
            st.put("width_multiplier", g.widthMultiplier());
            st.put("input_filters", b.inputFilters());
            st.put("output_filters", b.outputFilters());
            st.put("se_ratio", b.seRatio());
        }
        return o;
    }

    @Override
    public String bestFileName() {
        return "best.blocks";
    }

    @Override
    public String bestFileContent(EdgeTpuGenome genome) {
        return "# found by edgetpu-nas search (space edgetpu)\n" + BlocksFile.format(spec(genome));
    }

    @Override
    public EvolutionDefaults defaults() {
        return new EvolutionDefaults(50, 10, 8);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(swish_and_se=%s)", NAME, swishAndSe);
    }
}
