package dev.edgetpunas.quant.kernels;

import java.util.Arrays;

/**
 * Four-dimensional broadcasting for binary element-wise ops (TFLite's {@code NdArrayDesc} logic):
 * shapes are right-aligned and padded with leading 1s; each dimension must be equal or 1 in one of
 * the inputs. The common cases (same shape, a per-channel {@code [1, 1, 1, C]} operand as in
 * squeeze-and-excitation) run through the same strided loop with an inner stride of 0 or 1.
 */
final class Broadcast {
    final int[] outShape; // rank 4
    final int[] stridesA = new int[4];
    final int[] stridesB = new int[4];
    final boolean sameShape;

    Broadcast(String op, int[] a, int[] b) {
        int[] ea = Shapes.extendTo4(a);
        int[] eb = Shapes.extendTo4(b);
        outShape = new int[4];
        for (int d = 0; d < 4; d++) {
            if (ea[d] != eb[d] && ea[d] != 1 && eb[d] != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " cannot be broadcast (dimension " + d + ")");
            }
            outShape[d] = Math.max(ea[d], eb[d]);
        }
        int sa = 1, sb = 1;
        for (int d = 3; d >= 0; d--) {
            stridesA[d] = ea[d] == 1 ? 0 : sa;
            stridesB[d] = eb[d] == 1 ? 0 : sb;
            sa *= ea[d];
            sb *= eb[d];
        }
        sameShape = Arrays.equals(ea, eb);
    }

    int outSize() {
        return Shapes.size(outShape);
    }

    /** Checks that the output tensor has the broadcast shape (ignoring leading 1s). */
    void checkOutput(String op, int[] output) {
        if (!Arrays.equals(Shapes.extendTo4(output), outShape)) {
            throw new IllegalArgumentException(op + " output shape must be " + Arrays.toString(outShape) + ", but was " + Arrays.toString(output));
        }
    }

    /** An element-wise body over flat indices. */
    interface Body {
        void apply(int ia, int ib, int io);
    }

    void forEach(Body body) {
        if (sameShape) {
            int n = outSize();
            for (int i = 0; i < n; i++) body.apply(i, i, i);
            return;
        }
        int io = 0;
        for (int d0 = 0; d0 < outShape[0]; d0++) {
            for (int d1 = 0; d1 < outShape[1]; d1++) {
                for (int d2 = 0; d2 < outShape[2]; d2++) {
                    int ia = d0 * stridesA[0] + d1 * stridesA[1] + d2 * stridesA[2];
                    int ib = d0 * stridesB[0] + d1 * stridesB[1] + d2 * stridesB[2];
                    for (int d3 = 0; d3 < outShape[3]; d3++) {
                        body.apply(ia + d3 * stridesA[3], ib + d3 * stridesB[3], io++);
                    }
                }
            }
        }
    }
}
