package dev.edgetpunas.compiler.passes;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a training graph into an inference graph as the TFLite converter does:
 * <ol>
 *   <li>each {@code BATCH_NORM} that follows a convolution, depthwise convolution, fully connected
 *       layer or transposed convolution (whose output nothing else reads) is folded into it:
 *       {@code w' = w * gamma / sqrt(var + eps)}, {@code b' = beta + (b - mean) * gamma / sqrt(var + eps)};
 *       any other BATCH_NORM becomes {@code MUL} and {@code ADD} by per-channel constants;</li>
 *   <li>a {@code RELU} or {@code RELU6} that follows a convolution, depthwise convolution, fully
 *       connected layer, transposed convolution, ADD, SUB or MUL whose output nothing else reads is fused
 *       into it (pools and concatenations keep a separate activation: edgetpu_compiler maps them only
 *       without one).</li>
 * </ol>
 * When the weights and BN parameters carry data, the folded constants are computed; otherwise the
 * result has the right shapes and no data.
 *
 * <pre>{@code
 * Graph inference = FoldBatchNorm.apply(trainingGraph);
 * }</pre>
 */
public final class FoldBatchNorm {
    private FoldBatchNorm() {}

    public static Graph apply(Graph g) {
        Graph folded = foldBn(g);
        GraphEditor e = new GraphEditor(folded);
        return fuseActivations(folded, e) ? e.build() : folded;
    }

    /** Step 1 alone: every BATCH_NORM folded or turned into MUL and ADD (the graph itself if it has none). */
    static Graph foldBn(Graph g) {
        if (g.opsOfKind(OpKind.BATCH_NORM).isEmpty()) return g;
        GraphEditor e = new GraphEditor(g);
        for (int i = 0; i < g.opCount(); i++) {
            if (g.op(i).kind() != OpKind.BATCH_NORM) continue;
            Op.BatchNorm bn = (Op.BatchNorm) g.op(i);
            int x = bn.dataInput();
            int p = g.producer(x);
            boolean foldable = p >= 0 && g.consumerCount(x) == 1 && !g.outputs().contains(x)
                    && switch (g.op(p).kind()) {
                        case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV -> g.op(p).fusedActivation() == Activation.NONE;
                        default -> false;
                    };
            float[] scale = bnScale(g, bn);
            float[] shift = bnShift(g, bn, scale);
            if (foldable) {
                foldInto(g, e, p, bn, scale, shift);
                e.setOp(i, null);
            } else {
                replaceWithMulAdd(g, e, i, bn, scale, shift);
            }
        }
        return e.build();
    }

    /** gamma / sqrt(var + eps) per channel, or null without data. */
    private static float[] bnScale(Graph g, Op.BatchNorm bn) {
        Optional<Bytes> gamma = g.tensor(bn.inputs().get(1)).data();
        Optional<Bytes> var = g.tensor(bn.inputs().get(4)).data();
        if (gamma.isEmpty() || var.isEmpty()) return null;
        float[] gm = gamma.get().floats(), v = var.get().floats();
        float[] s = new float[gm.length];
        for (int c = 0; c < s.length; c++) s[c] = (float) (gm[c] / Math.sqrt((double) v[c] + bn.epsilon()));
        return s;
    }

    /** beta - mean * scale per channel (before adding the old bias times scale), or null. */
    private static float[] bnShift(Graph g, Op.BatchNorm bn, float[] scale) {
        Optional<Bytes> beta = g.tensor(bn.inputs().get(2)).data();
        Optional<Bytes> mean = g.tensor(bn.inputs().get(3)).data();
        if (scale == null || beta.isEmpty() || mean.isEmpty()) return null;
        float[] b = beta.get().floats(), m = mean.get().floats();
        float[] s = new float[b.length];
        for (int c = 0; c < s.length; c++) s[c] = b[c] - m[c] * scale[c];
        return s;
    }

    private static void foldInto(Graph g, GraphEditor e, int p, Op.BatchNorm bn, float[] scale, float[] shift) {
        Op op = g.op(p);
        int weightPos = 1;
        int biasPos = op.kind() == OpKind.TRANSPOSE_CONV ? 3 : 2;
        int w = op.inputs().get(weightPos);
        Tensor wt = g.tensor(w);
        int channelAxis = op.kind() == OpKind.DEPTHWISE_CONV_2D ? 3 : 0;
        Tensor newW = wt.withoutData();
        if (scale != null && wt.data().isPresent()) {
            newW = newW.withData(Bytes.ofFloats(scaleAlong(wt.data().get().floats(), wt.shape(), channelAxis, scale)));
        }
        int channels = wt.shape().dim(channelAxis);
        int oldBias = op.inputs().size() > biasPos ? op.inputs().get(biasPos) : -1;
        Tensor newB = Tensor.constant(g.tensor(op.output()).name() + "/bias", Shape.of(channels), wt.dtype());
        if (shift != null && (oldBias < 0 || g.tensor(oldBias).data().isPresent())) {
            float[] b = new float[channels];
            float[] old = oldBias < 0 ? new float[channels] : g.tensor(oldBias).data().get().floats();
            for (int c = 0; c < channels; c++) b[c] = shift[c] + old[c] * scale[c];
            newB = newB.withData(Bytes.ofFloats(b));
        }
        int wIdx = e.addTensor(newW);
        int bIdx = e.addTensor(newB);
        List<Integer> in = new ArrayList<>(op.inputs());
        in.set(weightPos, wIdx);
        if (in.size() > biasPos) in.set(biasPos, bIdx);
        else in.add(bIdx);
        // the conv now writes the BN's output tensor (so BN's readers need no change), under the conv's name
        e.setOp(p, op.withIO(in, List.of(bn.output())));
        e.setTensor(bn.output(), e.tensor(bn.output()).withName(g.tensor(op.output()).name()));
    }

    private static String bnName(Graph g, Op.BatchNorm bn) {
        return g.tensor(bn.output()).name();
    }

    static float[] scaleAlong(float[] w, Shape shape, int axis, float[] scale) {
        float[] out = w.clone();
        int inner = 1;
        for (int d = axis + 1; d < shape.rank(); d++) inner *= shape.dim(d);
        int ch = shape.dim(axis);
        for (int i = 0; i < out.length; i++) out[i] *= scale[(i / inner) % ch];
        return out;
    }

    private static void replaceWithMulAdd(Graph g, GraphEditor e, int i, Op.BatchNorm bn, float[] scale, float[] shift) {
        int c = g.tensor(bn.dataInput()).shape().c();
        String n = bnName(g, bn);
        Tensor dt = g.tensor(bn.dataInput());
        Tensor s = Tensor.constant(n + "/scale", Shape.of(c), dt.dtype());
        Tensor b = Tensor.constant(n + "/shift", Shape.of(c), dt.dtype());
        if (scale != null && shift != null) {
            s = s.withData(Bytes.ofFloats(scale));
            b = b.withData(Bytes.ofFloats(shift));
        }
        int sIdx = e.addTensor(s);
        int bIdx = e.addTensor(b);
        int mid = e.addTensor(Tensor.activation(n + "/scaled", dt.shape(), dt.dtype()));
        // MUL then ADD in place of the BN op: the ADD goes into a new op slot right after the MUL.
        e.setOp(i, new Op.Mul(List.of(bn.dataInput(), sIdx), List.of(mid), Activation.NONE));
        e.insertAfter(i, new Op.Add(List.of(mid, bIdx), List.of(bn.output()), Activation.NONE));
    }

    /**
     * Step 2 as edits on {@code e}, an editor of {@code g} that nothing else has changed yet: fuses
     * RELU and RELU6 into their producers (the activation's output tensor keeps the producer's output
     * name). Returns true if anything changed. {@link Deploy} goes on editing the same editor, so the
     * deployed graph is built (and validated) once.
     */
    static boolean fuseActivations(Graph g, GraphEditor e) {
        boolean changed = false;
        for (int i = 0; i < g.opCount(); i++) {
            Op act = g.op(i);
            Activation fused;
            if (act.kind() == OpKind.RELU) fused = Activation.RELU;
            else if (act.kind() == OpKind.RELU6) fused = Activation.RELU6;
            else continue;
            int x = act.dataInput();
            int p = g.producer(x);
            if (p < 0 || g.consumerCount(x) != 1 || g.outputs().contains(x)) continue;
            Op prod = e.op(p);
            if (prod == null || prod.fusedActivation() != Activation.NONE) continue;
            Op withAct = withActivation(prod, fused);
            if (withAct == null) continue;
            e.setOp(p, withAct.withIO(withAct.inputs(), List.of(act.output())));
            e.setTensor(act.output(), e.tensor(act.output()).withName(g.tensor(x).name()));
            e.setOp(i, null);
            changed = true;
        }
        return changed;
    }

    /** {@code op} with a fused activation, or null if it has no slot for one. */
    static Op withActivation(Op op, Activation a) {
        switch (op.kind()) {
            case CONV_2D: {
                Op.Conv2D c = (Op.Conv2D) op;
                return new Op.Conv2D(c.inputs(), c.outputs(), c.padding(), c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), a);
            }
            case DEPTHWISE_CONV_2D: {
                Op.DepthwiseConv2D c = (Op.DepthwiseConv2D) op;
                return new Op.DepthwiseConv2D(c.inputs(), c.outputs(), c.padding(), c.strideH(), c.strideW(),
                        c.depthMultiplier(), c.dilationH(), c.dilationW(), a);
            }
            case FULLY_CONNECTED: {
                Op.FullyConnected f = (Op.FullyConnected) op;
                return new Op.FullyConnected(f.inputs(), f.outputs(), a, f.keepNumDims());
            }
            case TRANSPOSE_CONV: {
                Op.TransposeConv t = (Op.TransposeConv) op;
                return new Op.TransposeConv(t.inputs(), t.outputs(), t.padding(), t.strideH(), t.strideW(), a);
            }
            case ADD:
                return new Op.Add(op.inputs(), op.outputs(), a);
            case SUB:
                return new Op.Sub(op.inputs(), op.outputs(), a);
            case MUL:
                return new Op.Mul(op.inputs(), op.outputs(), a);
            default:
                return null;
        }
    }
}
