package dev.edgetpunas.compiler.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Padding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the partitioner and the parameter placement over random graphs: a main chain of
 * layers (conv, depthwise, residual block, relu, max pool) with side branches that end in their own
 * graph outputs, and optionally one op no compiler version maps (HARD_SWISH) on the main chain.
 */
class CompilerPropertiesTest {
    private static final long SEED = 20_190_806L;

    /**
     * Layer codes: 0 conv 1x1, 1 depthwise 3x3, 2 residual (conv + ADD), 3 RELU, 4 side branch (a
     * conv from the current tensor to a graph output), 5 max pool 3x3 stride 1, 6 conv 3x3.
     * {@code unsupportedAt} in [0, codes.size()] puts a HARD_SWISH before that layer; -1: none.
     */
    static Graph graph(List<Integer> codes, int unsupportedAt, int width) {
        GraphBuilder b = new GraphBuilder("random", DType.INT8);
        int x = b.input("x", 12, 12, width);
        List<Integer> outputs = new ArrayList<>();
        for (int i = 0; i <= codes.size(); i++) {
            if (i == unsupportedAt) x = b.hardSwish("unsupported", x);
            if (i == codes.size()) break;
            String n = "l" + i;
            switch (codes.get(i)) {
                case 0 -> x = b.conv2d(n, x, width, 1, 1, Padding.SAME, true, Activation.RELU);
                case 1 -> x = b.depthwiseConv2d(n, x, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.RELU6);
                case 2 -> x = b.add(n + "/add", b.conv2d(n, x, width, 1, 1, Padding.SAME, true, Activation.NONE), x);
                case 3 -> x = b.relu(n, x);
                case 4 -> outputs.add(b.conv2d(n, x, 3, 1, 1, Padding.SAME, true, Activation.NONE));
                case 5 -> x = b.maxPool(n, x, 3, 1, Padding.SAME);
                default -> x = b.conv2d(n, x, width, 3, 1, Padding.SAME, false, Activation.NONE);
            }
        }
        outputs.add(0, x);
        return b.build(outputs);
    }

    private static final List<CompilerOptions> OPTIONS = List.of(CompilerOptions.defaults(CompilerVersion.V2_0),
            CompilerOptions.defaults(CompilerVersion.V16_0), CompilerOptions.defaults(CompilerVersion.V16_0).withMultipleSubgraphs(true));

    @Test
    void aGraphWithNoUnsupportedOpIsOneEdgeTpuSegment() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(lists().of(integers().between(0, 6)).ofSizeBetween(1, 14), integers().between(1, 24), integers().between(0, 2))
                .checkAssert((codes, width, o) -> {
                    Graph g = graph(codes, -1, width);
                    CompileResult r = EdgeTpuCompiler.compile(g, OPTIONS.get(o));
                    assertEquals(1, r.segments().size(), () -> codes + ": " + r.segments());
                    assertEquals(Where.TPU, r.segments().get(0).where());
                    assertEquals(g.opCount(), r.tpuOpCount());
                    assertEquals(g.inputs(), r.segments().get(0).inputTensors());
                });
    }

    private static boolean aheadOfTheSegment(CompileResult r, int op) {
        Segment first = r.segments().get(0);
        return first.where() == Where.CPU && first.ops().contains(op) && r.tpuSegmentCount() > 0 && r.segments().size() > 1
                && r.segments().get(1).where() == Where.TPU;
    }

    private static int unsupportedOp(Graph g) {
        for (int i = 0; i < g.opCount(); i++) if (g.op(i) instanceof Op.HardSwish) return i;
        throw new AssertionError("no HARD_SWISH in the graph");
    }

    @Test
    void movingAnUnsupportedOpEarlierNeverIncreasesTheEdgeTpuShare() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(lists().of(integers().between(0, 6)).ofSizeBetween(1, 14), integers().between(0, 14), integers().between(0, 14),
                        booleans().all())
                .checkAssert((codes, p1, p2, old) -> {
                    int late = Math.min(Math.max(p1, p2), codes.size()), early = Math.min(Math.min(p1, p2), codes.size());
                    CompilerOptions o = OPTIONS.get(old ? 0 : 1);
                    Graph gl = graph(codes, late, 8), ge = graph(codes, early, 8);
                    CompileResult rl = EdgeTpuCompiler.compile(gl, o), re = EdgeTpuCompiler.compile(ge, o);
                    if (aheadOfTheSegment(re, unsupportedOp(ge))) {
                        // the exception the real compiler shows: an op at the input stays on the CPU ahead of the segment,
                        // and everything else maps
                        assertEquals(ge.opCount() - 1, re.tpuOpCount(), () -> codes + " at " + early);
                    } else {
                        assertTrue(re.tpuOpCount() <= rl.tpuOpCount(),
                                () -> codes + ": unsupported op at " + early + " gives " + re.tpuOpCount() + " TPU ops, at " + late + " "
                                        + rl.tpuOpCount());
                    }
                    assertTrue(re.tpuSegmentCount() <= 1 && rl.tpuSegmentCount() <= 1, "one Edge TPU segment without -a");
                });
    }

    @Test
    void cachedPlusStreamedIsEveryParameterOfTheMappedOps() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(lists().of(integers().between(0, 6)).ofSizeBetween(1, 14), integers().between(-1, 14), integers().between(0, 64 << 10),
                        integers().between(0, 5))
                .checkAssert((codes, at, sram, mode) -> {
                    Graph g = graph(codes, Math.min(at, codes.size()), 16);
                    CompilerOptions o = OPTIONS.get(mode % 3).withSramBytes(sram).withReserve(sram / 8, 0.01)
                            .withPlacement(mode < 3 ? Placement.PREFIX : Placement.FIRST_FIT);
                    CompileResult r = EdgeTpuCompiler.compile(g, o);
                    boolean[] seen = new boolean[g.tensors().size()];
                    long expected = 0, cachedTensors = 0;
                    for (int i = 0; i < g.opCount(); i++) {
                        if (r.op(i).where() != Where.TPU) continue;
                        Op op = g.op(i);
                        for (int q = 0; q < op.inputs().size(); q++) {
                            int t = op.inputs().get(q);
                            if (t >= 0 && !seen[t] && g.tensor(t).constant() && op.isParameterInput(q)) {
                                seen[t] = true;
                                expected += g.tensor(t).bytes();
                            }
                        }
                    }
                    for (int t : r.cachedParameterTensors()) {
                        assertTrue(seen[t], "only parameters of mapped ops are cached");
                        cachedTensors += g.tensor(t).bytes();
                    }
                    assertEquals(expected, r.onchipUsedBytes() + r.offchipStreamedBytes());
                    assertEquals(cachedTensors, r.onchipUsedBytes());
                    assertTrue(r.onchipUsedBytes() <= r.budgetBytes());
                    assertEquals(r.budgetBytes(), r.onchipUsedBytes() + r.onchipRemainingBytes());
                });
    }

    @Test
    void firstFitNeverCachesLessThanPrefixAndPrefixCachesAnExecutionOrderPrefix() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(lists().of(integers().between(0, 6)).ofSizeBetween(1, 14), integers().between(0, 32 << 10))
                .checkAssert((codes, sram) -> {
                    Graph g = graph(codes, -1, 24);
                    CompilerOptions o = CompilerOptions.defaults().withSramBytes(sram).withReserve(0, 0);
                    CompileResult prefix = EdgeTpuCompiler.compile(g, o.withPlacement(Placement.PREFIX));
                    CompileResult firstFit = EdgeTpuCompiler.compile(g, o.withPlacement(Placement.FIRST_FIT));
                    assertTrue(firstFit.onchipUsedBytes() >= prefix.onchipUsedBytes());
                    boolean streamedSeen = false;
                    for (int t : g.parameterTensors()) {
                        if (!prefix.isCached(t)) streamedSeen = true;
                        else assertTrue(!streamedSeen, "tensor " + t + " is cached after a streamed one");
                    }
                });
    }
}
