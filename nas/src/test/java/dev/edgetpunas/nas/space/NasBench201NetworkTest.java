package dev.edgetpunas.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.OpMetrics;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NasBench201NetworkTest {

    /**
     * The benchmark's parameter count is PyTorch's trainable parameters: conv and FC weights, FC bias,
     * BN gamma and beta. The graph also holds BN moving mean and variance (not trainable) and the
     * scalar 0 of each Zero op (a constant): both are left out here.
     */
    static long trainableParams(Graph g) {
        long n = 0;
        for (Op op : g.ops()) {
            if (op.kind() == OpKind.BATCH_NORM) n += 2L * g.tensor(op.output()).shape().c();
            else if (op.kind() != OpKind.MUL) n += OpMetrics.paramCount(g, op);
        }
        return n;
    }

    /**
     * The benchmark's FLOPs count conv and FC multiply-accumulates plus one per FC output for the
     * bias; pooling is not counted (as in the graph's MACs). So flops = MACs + classes.
     */
    static long benchmarkFlops(Graph g, NasBench201Dataset d) {
        return g.macs() + d.classes();
    }

    /**
     * For a deterministic sample of 600 rows of the table (and all three datasets), the decoder with
     * every edge (as the benchmark's PyTorch model computes) reproduces the table's FLOPs and
     * parameters to the table's printed precision (5 and 6 decimals in millions).
     */
    @Test
    void allEdgesNetworkMatchesTheTablesFlopsAndParams() throws IOException {
        Path csv = SharedData.find("data/nasbench201/nasbench201_acc.csv").orElse(null);
        assumeTrue(csv != null, SharedData.MISSING);
        List<String> lines = Files.readAllLines(csv);
        List<String> h = Arrays.asList(lines.get(0).split(","));
        SplittableRandom rng = new SplittableRandom(201);
        int checked = 0;
        for (int k = 0; k < 200; k++) {
            String[] f = lines.get(1 + rng.nextInt(lines.size() - 1)).split(",");
            NasBench201Cell cell = NasBench201Cell.parse(f[h.indexOf("arch_str")]);
            for (NasBench201Dataset d : NasBench201Dataset.values()) {
                String suffix = d == NasBench201Dataset.IMAGENET16 ? "imagenet16" : d.id();
                Graph g = NasBench201Network.build(cell, d, NasBench201Network.Edges.ALL);
                double flopsM = Double.parseDouble(f[h.indexOf("flops_" + suffix + "_M")]);
                double paramsM = Double.parseDouble(f[h.indexOf("params_" + suffix + "_M")]);
                assertEquals(flopsM, benchmarkFlops(g, d) / 1e6, 0.6e-5, cell + " " + d + " flops");
                assertEquals(paramsM, trainableParams(g) / 1e6, 0.6e-6, cell + " " + d + " params");
                checked++;
            }
        }
        assertEquals(600, checked);
    }

    /** The live form never has more MACs or ops than the all-edges form, and equals it when every edge is live. */
    @Test
    void liveNetworkDropsOnlyDeadEdges() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < 300; k++) {
            NasBench201Cell c = new NasBench201Cell(rng.nextInt(NasBench201Cell.COUNT));
            Graph live = NasBench201Network.build(c, NasBench201Dataset.CIFAR10, NasBench201Network.Edges.LIVE);
            Graph all = NasBench201Network.build(c, NasBench201Dataset.CIFAR10, NasBench201Network.Edges.ALL);
            assertTrue(live.macs() <= all.macs(), c.toString());
            assertTrue(live.opCount() <= all.opCount(), c.toString());
            boolean[] le = NasBench201Network.liveEdges(c, NasBench201Network.Edges.LIVE);
            boolean[] ae = NasBench201Network.liveEdges(c, NasBench201Network.Edges.ALL);
            if (Arrays.equals(le, ae)) assertEquals(all.digest(), live.digest(), c.toString());
        }
    }

    @Test
    void cellWithoutInputOutputPathOutputsZerosAndHasNoCellConvolutions() {
        // node 3 reads only node 1 and node 2, which only read nothing (none edges from node 0)
        NasBench201Cell c = NasBench201Cell.parse("|none~0|+|none~0|nor_conv_3x3~1|+|none~0|nor_conv_3x3~1|nor_conv_1x1~2|");
        assertFalse(NasBench201Network.hasInputOutputPath(c));
        Graph g = NasBench201Network.build(c, NasBench201Dataset.CIFAR10, NasBench201Network.Edges.LIVE);
        // 15 cells, each one MUL by zero; convs: stem + 2 reductions x 3
        assertEquals(15, g.opsOfKind(OpKind.MUL).size());
        assertEquals(1 + 2 * 3, g.opsOfKind(OpKind.CONV_2D).size());
        Graph all = NasBench201Network.build(c, NasBench201Dataset.CIFAR10, NasBench201Network.Edges.ALL);
        assertEquals(1 + 2 * 3 + 15 * 3, all.opsOfKind(OpKind.CONV_2D).size());
        assertEquals(15, all.opsOfKind(OpKind.MUL).size()); // node 1 is zero; nodes 2 and 3 sum convolutions of it
    }

    @Test
    void macroNetworkHasTheBenchmarksShape() {
        NasBench201Cell c = NasBench201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        for (NasBench201Dataset d : NasBench201Dataset.values()) {
            Graph g = NasBench201Network.build(c, d, NasBench201Network.Edges.LIVE);
            assertEquals(List.of(1, d.inputSize(), d.inputSize(), 3), g.tensor(g.inputs().get(0)).shape().toList());
            assertEquals(List.of(1, d.classes()), g.tensor(g.outputs().get(0)).shape().toList());
            // 15 cells with 3 convs each, stem, 2 reductions with 3 convs
            assertEquals(15 * 3 + 1 + 6, g.opsOfKind(OpKind.CONV_2D).size());
            Graph deployed = Deploy.apply(g);
            assertEquals(0, deployed.opsOfKind(OpKind.BATCH_NORM).size());
            assertEquals(g.macs(), deployed.macs());
        }
    }

    /**
     * The three HW-NAS-Bench Edge TPU samples decode at their datasets' sizes; their measured latency
     * is compared with the simulator in HwNasBenchEdgeTpuTest.
     */
    @Test
    void hwNasBenchSamplesDecode() throws IOException {
        Path csv = SharedData.find("data/published/hwnasbench_edgetpu_samples.csv").orElse(null);
        assumeTrue(csv != null, SharedData.MISSING);
        List<String> lines = Files.readAllLines(csv);
        List<String> h = Arrays.asList(lines.get(0).split(","));
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            NasBench201Cell cell = NasBench201Cell.parse(f[h.indexOf("arch_str")]);
            NasBench201Dataset d = NasBench201Dataset.parse(f[h.indexOf("dataset")]);
            assertEquals(f[h.indexOf("input_hw")], d.inputSize() + "x" + d.inputSize());
            Graph g = new NasBench201Space(d).decode(cell);
            assertTrue(g.macs() > 0);
            n++;
        }
        assertEquals(9, n);
    }
}
