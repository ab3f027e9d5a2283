package dev.edgetpunas.nas.space;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the NAS-Bench-201 macro network of a cell as a training graph, as the benchmark's
 * {@code TinyNetwork} defines it:
 * <ul>
 *   <li>stem: 3x3 conv to 16 channels (no bias) + BN;</li>
 *   <li>3 stages of 5 cells at C = 16, 32, 64, with a residual reduction block between stages
 *       ({@code ResNetBasicblock}, stride 2: ReLU, 3x3 conv stride 2, BN, ReLU, 3x3 conv, BN; shortcut
 *       2x2 average pool stride 2 then 1x1 conv without BN; the two are added);</li>
 *   <li>BN + ReLU, global average pool (MEAN over H and W), FULLY_CONNECTED with bias to the classes;</li>
 *   <li>cell: node 0 is the cell input; node i (1..3) sums op(j -> i)(node j) over j < i; ops
 *       {@code nor_conv_kxk} = ReLU, k x k conv (no bias), BN; {@code avg_pool_3x3} stride 1; skip =
 *       identity; none = nothing; the cell output is node 3.</li>
 * </ul>
 * Input 32x32x3 for CIFAR, 16x16x3 for ImageNet16-120.
 *
 * <p>Two forms ({@link Edges}): {@code LIVE} (the default, what a converter would deploy) keeps only
 * the edges on a path from node 0 to node 3 and treats a node with no path from the input as zero
 * (so a convolution reading it is dropped too; its BN shift is ignored); a cell with no input-output
 * path outputs zeros. {@code ALL} computes every non-none edge as the benchmark's PyTorch code does
 * (this is what its FLOPs and parameter counts were measured on). A zero tensor is
 * {@code MUL(x, 0)} with a constant scalar 0, PyTorch's {@code Zero} op. When several pre-activation
 * ReLUs read one node, the graph has one (common subexpression).
 *
 * <pre>{@code
 * Graph g = NasBench201Network.build(NasBench201Cell.parse(s), NasBench201Dataset.CIFAR10, NasBench201Network.Edges.LIVE);
 * }</pre>
 */
public final class NasBench201Network {
    /** Cells per stage. */
    public static final int CELLS_PER_STAGE = 5;
    /** Channels of the three stages. */
    public static final int[] STAGE_CHANNELS = {16, 32, 64};

    private NasBench201Network() {}

    /** Which cell edges become ops. */
    public enum Edges {
        /** Only edges on an input-to-output path (default). */
        LIVE,
        /** Every non-none edge, as the benchmark's PyTorch model computes it. */
        ALL
    }

    /** The training graph of {@code cell} for {@code dataset}. */
    public static Graph build(NasBench201Cell cell, NasBench201Dataset dataset, Edges edges) {
        GraphBuilder b = new GraphBuilder("nb201-" + dataset.id() + "-" + cell.index(), DType.FLOAT32);
        boolean[] live = liveEdges(cell, edges);
        int x = b.input("input", dataset.inputSize(), dataset.inputSize(), 3);
        x = b.conv2d("stem", x, STAGE_CHANNELS[0], 3, 1, Padding.SAME, false, Activation.NONE);
        x = b.batchNorm("stem/bn", x, GraphBuilder.DEFAULT_BN_EPSILON);
        int index = 0;
        for (int s = 0; s < STAGE_CHANNELS.length; s++) {
            if (s > 0) x = reduction(b, "cells_" + index++, x, STAGE_CHANNELS[s]);
            for (int k = 0; k < CELLS_PER_STAGE; k++) x = cell(b, "cells_" + index++, x, cell, live);
        }
        x = b.batchNorm("lastact/bn", x, GraphBuilder.DEFAULT_BN_EPSILON);
        x = b.relu("lastact/relu", x);
        x = b.mean("global_pool", x, List.of(1, 2), false);
        x = b.fullyConnected("classifier", x, dataset.classes(), true);
        return b.build(x);
    }

    /** Which edges of {@code cell} become ops under {@code mode}. */
    static boolean[] liveEdges(NasBench201Cell cell, Edges mode) {
        boolean[] live = new boolean[NasBench201Cell.EDGES];
        for (int e = 0; e < live.length; e++) live[e] = cell.op(e) != NasBench201Op.NONE;
        if (mode == Edges.ALL) return live;
        boolean[] fromInput = new boolean[4];
        fromInput[0] = true;
        for (int i = 1; i < 4; i++) {
            for (int j = 0; j < i; j++) if (live[NasBench201Cell.edge(j, i)] && fromInput[j]) fromInput[i] = true;
        }
        boolean[] toOutput = new boolean[4];
        toOutput[3] = true;
        for (int j = 2; j >= 0; j--) {
            for (int i = j + 1; i < 4; i++) if (live[NasBench201Cell.edge(j, i)] && toOutput[i]) toOutput[j] = true;
        }
        for (int e = 0; e < live.length; e++) {
            live[e] = live[e] && fromInput[NasBench201Cell.from(e)] && toOutput[NasBench201Cell.to(e)];
        }
        return live;
    }

    /** True if the cell output has a path from the cell input (otherwise the cell outputs zeros). */
    public static boolean hasInputOutputPath(NasBench201Cell cell) {
        boolean[] live = liveEdges(cell, Edges.LIVE);
        return live[NasBench201Cell.edge(0, 3)] || live[NasBench201Cell.edge(1, 3)] || live[NasBench201Cell.edge(2, 3)];
    }

    private static int cell(GraphBuilder b, String name, int input, NasBench201Cell cell, boolean[] live) {
        int c = b.shape(input).c();
        int[] node = new int[4];
        int[] relu = {-1, -1, -1, -1};
        node[0] = input;
        for (int i = 1; i < 4; i++) {
            List<Integer> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                int e = NasBench201Cell.edge(j, i);
                if (!live[e]) continue;
                String en = name + "/edge_" + j + "_" + i;
                int src = node[j];
                switch (cell.op(e)) {
                    case NONE -> throw new AssertionError("a none edge is never live");
                    case SKIP_CONNECT -> terms.add(src);
                    case AVG_POOL_3X3 -> terms.add(b.averagePool(en + "/avg_pool", src, 3, 1, Padding.SAME));
                    case NOR_CONV_1X1, NOR_CONV_3X3 -> {
                        if (relu[j] < 0) relu[j] = b.relu(name + "/node_" + j + "/relu", src);
                        int k = cell.op(e) == NasBench201Op.NOR_CONV_1X1 ? 1 : 3;
                        int y = b.conv2d(en + "/conv", relu[j], c, k, 1, Padding.SAME, false, Activation.NONE);
                        terms.add(b.batchNorm(en + "/bn", y, GraphBuilder.DEFAULT_BN_EPSILON));
                    }
                }
            }
            if (terms.isEmpty()) {
                // a zero node is materialized only where something reads it
                boolean read = i == 3;
                for (int k = i + 1; k < 4; k++) read |= live[NasBench201Cell.edge(i, k)];
                node[i] = read ? zeros(b, name + "/node_" + i + "/zero", input) : -1;
            } else {
                int sum = terms.get(0);
                for (int t = 1; t < terms.size(); t++) sum = b.add(name + "/node_" + i + "/add_" + t, sum, terms.get(t));
                node[i] = sum;
            }
        }
        return node[3];
    }

    /** PyTorch's Zero op: {@code x * 0} with a constant scalar 0. */
    private static int zeros(GraphBuilder b, String name, int like) {
        int zero = b.addTensor(Tensor.constant(name + "/zero", Shape.of(1), DType.FLOAT32, Bytes.ofFloats(new float[] {0f})));
        return b.mul(name, like, zero);
    }

    private static int reduction(GraphBuilder b, String name, int x, int planes) {
        int a = b.relu(name + "/conv_a/relu", x);
        a = b.conv2d(name + "/conv_a/conv", a, planes, 3, 2, Padding.SAME, false, Activation.NONE);
        a = b.batchNorm(name + "/conv_a/bn", a, GraphBuilder.DEFAULT_BN_EPSILON);
        a = b.relu(name + "/conv_b/relu", a);
        a = b.conv2d(name + "/conv_b/conv", a, planes, 3, 1, Padding.SAME, false, Activation.NONE);
        a = b.batchNorm(name + "/conv_b/bn", a, GraphBuilder.DEFAULT_BN_EPSILON);
        int r = b.averagePool(name + "/downsample/avg_pool", x, 2, 2, Padding.VALID);
        r = b.conv2d(name + "/downsample/conv", r, planes, 1, 1, Padding.SAME, false, Activation.NONE);
        return b.add(name + "/add", r, a);
    }
}
