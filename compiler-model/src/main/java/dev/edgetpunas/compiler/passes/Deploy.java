package dev.edgetpunas.compiler.passes;

import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.graph.Quantization;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Makes the deployed form of a model: BN folded ({@link FoldBatchNorm}), then every tensor typed as
 * after TFLite full-integer post-training quantization with int8 input and output:
 * <ul>
 *   <li>activations int8, per tensor; LOGISTIC and SOFTMAX outputs (1/256, -128), TANH (1/128, 0) as
 *       the TFLite spec fixes them, others a placeholder scale ({@value #PLACEHOLDER_ACTIVATION_SCALE},
 *       zero point 0) because the real ones come from calibration (the quantizer's job);</li>
 *   <li>conv and transposed-conv weights int8 per output channel (axis 0), depthwise weights per
 *       channel (axis 3), fully connected weights per tensor; symmetric in [-127, 127];</li>
 *   <li>biases int32 with scale {@code input_scale * weight_scale[c]};</li>
 *   <li>other float constants (a MUL by a constant, ...) int8 per tensor; int32 shape constants stay.</li>
 * </ul>
 * Constants with float data are quantized (round half away from zero); constants without data stay
 * without data. Compile and simulate only need types and sizes, which this gives exactly.
 *
 * <pre>{@code
 * Graph deployed = Deploy.apply(trainingGraph);
 * deployed.paramBytes();   // int8 weights + int32 biases
 * }</pre>
 */
public final class Deploy {
    /** Scale given to activations whose real scale only calibration can tell. */
    public static final float PLACEHOLDER_ACTIVATION_SCALE = 1f / 16f;

    private Deploy() {}

    public static Graph apply(Graph training) {
        // BN folding, then activation fusion and quantization as edits of one editor: one graph build
        // (and validation) instead of one per step; the result equals quantizing FoldBatchNorm.apply's graph
        Graph g = FoldBatchNorm.foldBn(training);
        GraphEditor e = new GraphEditor(g);
        boolean fused = FoldBatchNorm.fuseActivations(g, e);
        boolean anyFloat = false;
        for (Tensor t : g.tensors()) anyFloat |= t.dtype() == DType.FLOAT32;
        if (!anyFloat) return fused ? e.build() : g;
        boolean[] done = new boolean[g.tensors().size()];
        // activations first: their scales feed the bias scales. Tensors are read from the editor (fusion
        // renamed some); producers from g, where a fused activation's output is still produced by the
        // RELU, never by LOGISTIC, SOFTMAX or TANH, as in the fused graph.
        for (int t = 0; t < g.tensors().size(); t++) {
            Tensor x = e.tensor(t);
            if (x.constant() || x.dtype() != DType.FLOAT32) continue;
            float scale = PLACEHOLDER_ACTIVATION_SCALE;
            long zp = 0;
            int p = g.producer(t);
            if (p >= 0) {
                OpKind k = g.op(p).kind();
                if (k == OpKind.LOGISTIC || k == OpKind.SOFTMAX) {
                    scale = 1f / 256f;
                    zp = -128;
                } else if (k == OpKind.TANH) {
                    scale = 1f / 128f;
                }
            }
            e.setTensor(t, x.withDType(DType.INT8).withQuantization(Quantization.perTensor(scale, zp)));
            done[t] = true;
        }
        for (Op op : g.ops()) {
            int wPos, bPos, axis;
            switch (op.kind()) {
                case CONV_2D -> { wPos = 1; bPos = 2; axis = 0; }
                case DEPTHWISE_CONV_2D -> { wPos = 1; bPos = 2; axis = 3; }
                case TRANSPOSE_CONV -> { wPos = 1; bPos = 3; axis = 0; }
                case FULLY_CONNECTED -> { wPos = 1; bPos = 2; axis = -1; }
                default -> { continue; }
            }
            int w = op.inputs().get(wPos);
            if (done[w] || e.tensor(w).dtype() != DType.FLOAT32) continue;
            Tensor wq = quantizeWeights(e.tensor(w), axis);
            e.setTensor(w, wq);
            done[w] = true;
            int b = op.inputs().size() > bPos ? op.inputs().get(bPos) : -1;
            if (b >= 0 && !done[b] && e.tensor(b).dtype() == DType.FLOAT32) {
                float inScale = e.tensor(op.dataInput()).quantization().map(q -> q.scale(0)).orElse(PLACEHOLDER_ACTIVATION_SCALE);
                e.setTensor(b, quantizeBias(e.tensor(b), inScale, wq.quantization().orElseThrow()));
                done[b] = true;
            }
        }
        for (int t = 0; t < g.tensors().size(); t++) {
            Tensor x = e.tensor(t);
            if (done[t] || !x.constant() || x.dtype() != DType.FLOAT32) continue;
            e.setTensor(t, quantizeWeights(x, -1));
        }
        return e.build();
    }

    /** Symmetric int8 weights per channel along {@code axis}, or per tensor if {@code axis < 0}. */
    static Tensor quantizeWeights(Tensor w, int axis) {
        int channels = axis < 0 ? 1 : w.shape().dim(axis);
        int inner = 1;
        if (axis >= 0) for (int d = axis + 1; d < w.shape().rank(); d++) inner *= w.shape().dim(d);
        float[] scales = new float[channels];
        Tensor out = w.withDType(DType.INT8);
        if (w.data().isPresent()) {
            float[] v = w.data().get().floats();
            float[] maxAbs = new float[channels];
            for (int i = 0; i < v.length; i++) {
                int c = axis < 0 ? 0 : (i / inner) % channels;
                maxAbs[c] = Math.max(maxAbs[c], Math.abs(v[i]));
            }
            for (int c = 0; c < channels; c++) scales[c] = maxAbs[c] / 127f;
            byte[] q = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                int c = axis < 0 ? 0 : (i / inner) % channels;
                q[i] = scales[c] == 0 ? 0 : (byte) clamp(roundHalfAway(v[i] / scales[c]), -127, 127);
            }
            out = out.withData(Bytes.wrap(q));
        } else {
            Arrays.fill(scales, 1f / 127f);
        }
        return out.withQuantization(Quantization.perAxis(scales, Math.max(axis, 0)));
    }

    static Tensor quantizeBias(Tensor b, float inScale, Quantization wq) {
        int n = (int) b.elements();
        float[] scales = new float[n];
        if (wq.count() == 1) {
            Arrays.fill(scales, inScale * wq.scale(0));
        } else {
            float[] ws = wq.scales();
            for (int c = 0; c < n; c++) scales[c] = inScale * ws[c];
        }
        Tensor out = b.withDType(DType.INT32);
        if (b.data().isPresent()) {
            float[] v = b.data().get().floats();
            int[] q = new int[n];
            for (int c = 0; c < n; c++) q[c] = scales[c] == 0 ? 0 : (int) clamp(roundHalfAway(v[c] / scales[c]), Integer.MIN_VALUE, Integer.MAX_VALUE);
            out = out.withData(Bytes.ofInts(q));
        }
        return out.withQuantization(Quantization.perAxis(scales, 0));
    }

    /** Rounds half away from zero, as std::round. */
    public static long roundHalfAway(double x) {
        return (long) (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The ops whose weights this pass quantizes per channel (for documentation and tests). */
    public static List<OpKind> perChannelKinds() {
        return List.of(OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.TRANSPOSE_CONV);
    }
}
