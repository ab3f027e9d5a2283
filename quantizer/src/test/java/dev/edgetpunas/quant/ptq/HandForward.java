package dev.edgetpunas.quant.ptq;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.List;

/**
 * A float forward pass written out by hand for the tiny test graphs only (1x1 CONV_2D, RESHAPE,
 * FULLY_CONNECTED, SOFTMAX, fused RELU/RELU6): the test oracle the brief asks for. The project's real
 * float kernels live in training/ and reach the quantizer through {@link FloatForward}.
 */
final class HandForward implements FloatForward {
    int runs;

    @Override
    public Runner prepare(Graph g) {
        return inputs -> {
            runs++;
            float[][] v = new float[g.tensors().size()][];
            for (int i = 0; i < inputs.size(); i++) v[g.inputs().get(i)] = inputs.get(i).clone();
            for (Op op : g.ops()) {
                float[] x = v[op.dataInput()];
                float[] y;
                switch (op.kind()) {
                    case CONV_2D -> {
                        Op.Conv2D c = (Op.Conv2D) op;
                        float[] w = data(g, c.filter());
                        int[] ws = g.tensor(c.filter()).shape().toArray();
                        if (ws[1] != 1 || ws[2] != 1 || c.strideH() != 1 || c.strideW() != 1) throw new IllegalStateException("1x1 stride-1 convs only");
                        int cout = ws[0], cin = ws[3], pixels = x.length / cin;
                        float[] b = c.bias() >= 0 ? data(g, c.bias()) : new float[cout];
                        y = new float[pixels * cout];
                        for (int p = 0; p < pixels; p++) {
                            for (int o = 0; o < cout; o++) {
                                double acc = b[o];
                                for (int i = 0; i < cin; i++) acc += (double) x[p * cin + i] * w[o * cin + i];
                                y[p * cout + o] = act((float) acc, c.activation());
                            }
                        }
                    }
                    case FULLY_CONNECTED -> {
                        Op.FullyConnected f = (Op.FullyConnected) op;
                        float[] w = data(g, f.weights());
                        int units = g.tensor(f.weights()).shape().dim(0), depth = g.tensor(f.weights()).shape().dim(1);
                        float[] b = f.bias() >= 0 ? data(g, f.bias()) : new float[units];
                        int batches = x.length / depth;
                        y = new float[batches * units];
                        for (int n = 0; n < batches; n++) {
                            for (int u = 0; u < units; u++) {
                                double acc = b[u];
                                for (int d = 0; d < depth; d++) acc += (double) x[n * depth + d] * w[u * depth + d];
                                y[n * units + u] = act((float) acc, f.activation());
                            }
                        }
                    }
                    case RESHAPE -> y = x.clone();
                    case SOFTMAX -> {
                        y = new float[x.length];
                        double max = Double.NEGATIVE_INFINITY, sum = 0;
                        for (float f : x) max = Math.max(max, f);
                        for (int i = 0; i < x.length; i++) sum += Math.exp(x[i] - max);
                        for (int i = 0; i < x.length; i++) y[i] = (float) (Math.exp(x[i] - max) / sum);
                    }
                    default -> throw new IllegalStateException("the hand forward does not run " + op.opName());
                }
                v[op.output()] = y;
            }
            return v;
        };
    }

    static float act(float v, Activation a) {
        return switch (a) {
            case NONE -> v;
            case RELU -> Math.max(0f, v);
            case RELU6 -> Math.max(0f, Math.min(6f, v));
            default -> throw new IllegalStateException(a.name());
        };
    }

    static float[] data(Graph g, int t) {
        Tensor x = g.tensor(t);
        return x.data().orElseThrow().floats();
    }

    static List<float[]> one(float[] x) {
        return List.of(x);
    }
}
