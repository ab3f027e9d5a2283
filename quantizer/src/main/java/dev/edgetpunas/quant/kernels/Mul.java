package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * MUL as TFLite's integer kernels compute it: Prepare takes {@code real = s1 * s2 / s_out} in float32
 * (widened to double) through {@code QuantizeMultiplier} (the shift may be positive); per element
 * {@code out = clamp(zp_out + MultiplyByQuantizedMultiplier((in1 - zp1) * (in2 - zp2), m, s))}.
 * Broadcasting over 4-D shapes, e.g. squeeze-and-excitation's {@code [1, H, W, C] * [1, 1, 1, C]}.
 *
 * <pre>{@code
 * Mul mul = Mul.prepare(FusedActivation.NONE, x, gate, out);
 * mul.run(xBytes, gateBytes, outBytes);
 * }</pre>
 */
public final class Mul {
    private final QType type;
    private final Broadcast broadcast;
    private final int in1Offset, in2Offset, outOffset, actMin, actMax;
    private final QuantizedMultiplier multiplier;
    private final int sizeA, sizeB;

    private Mul(FusedActivation activation, QTensor a, QTensor b, QTensor out) {
        if (a.type() != b.type() || a.type() != out.type()) {
            throw new IllegalArgumentException("MUL: input types " + a.type() + ", " + b.type() + " and output type " + out.type() + " must match");
        }
        type = a.type();
        broadcast = new Broadcast("MUL", a.shape(), b.shape());
        broadcast.checkOutput("MUL", out.shape());
        PerTensor pa = a.perTensor(), pb = b.perTensor(), po = out.perTensor();
        in1Offset = -pa.zeroPoint();
        in2Offset = -pb.zeroPoint();
        outOffset = po.zeroPoint();
        float real = pa.scale() * pb.scale() / po.scale();
        multiplier = QuantizedMultiplier.of((double) real);
        int[] r = activation.range(type, po);
        actMin = r[0];
        actMax = r[1];
        sizeA = a.size();
        sizeB = b.size();
    }

    /** TFLite's Prepare. */
    public static Mul prepare(FusedActivation activation, QTensor input1, QTensor input2, QTensor output) {
        return new Mul(activation, input1, input2, output);
    }

    /** The output multiplier computed by Prepare. */
    public QuantizedMultiplier multiplier() {
        return multiplier;
    }

    /** Runs on the whole tensors. */
    public void run(byte[] input1, byte[] input2, byte[] output) {
        Shapes.checkData("MUL input1", input1, sizeA);
        Shapes.checkData("MUL input2", input2, sizeB);
        Shapes.checkData("MUL output", output, broadcast.outSize());
        final boolean u = type == QType.UINT8;
        final int m = multiplier.multiplier(), s = multiplier.shift();
        broadcast.forEach((ia, ib, io) -> {
            int v1 = (u ? input1[ia] & 0xFF : input1[ia]) + in1Offset;
            int v2 = (u ? input2[ib] & 0xFF : input2[ib]) + in2Offset;
            int raw = FixedPoint.multiplyByQuantizedMultiplier(v1 * v2, m, s) + outOffset;
            output[io] = (byte) (raw < actMin ? actMin : (raw > actMax ? actMax : raw));
        });
    }
}
