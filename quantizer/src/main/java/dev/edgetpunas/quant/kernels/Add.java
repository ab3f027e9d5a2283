package dev.edgetpunas.quant.kernels;

import static dev.edgetpunas.quant.fixedpoint.FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp;

import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * ADD as TFLite's integer kernels compute it ({@code kernels/add.cc} Prepare,
 * {@code reference_integer_ops::Add}; the legacy uint8 kernel does the same arithmetic): both inputs
 * are shifted left by 20 bits, rescaled to a common scale {@code 2 * max(s1, s2)} with
 * {@code QuantizeMultiplierSmallerThanOneExp} multipliers, summed, rescaled to the output and clamped
 * to the fused activation range. Broadcasting over 4-D shapes (e.g. a {@code [1, 1, 1, C]} operand).
 *
 * <pre>{@code
 * Add add = Add.prepare(FusedActivation.NONE, a, b, out);
 * add.run(aBytes, bBytes, outBytes);
 * }</pre>
 */
public final class Add {
    /** The left shift applied to both inputs before rescaling (int8/uint8 path). */
    public static final int LEFT_SHIFT = 20;

    private final QType type;
    private final Broadcast broadcast;
    private final int in1Offset, in2Offset, outOffset, actMin, actMax;
    private final QuantizedMultiplier in1Mult, in2Mult, outMult;
    private final int sizeA, sizeB;

    private Add(FusedActivation activation, QTensor a, QTensor b, QTensor out) {
        if (a.type() != b.type() || a.type() != out.type()) {
            throw new IllegalArgumentException("ADD: input types " + a.type() + ", " + b.type() + " and output type " + out.type() + " must match");
        }
        type = a.type();
        broadcast = new Broadcast("ADD", a.shape(), b.shape());
        broadcast.checkOutput("ADD", out.shape());
        PerTensor pa = a.perTensor(), pb = b.perTensor(), po = out.perTensor();
        in1Offset = -pa.zeroPoint();
        in2Offset = -pb.zeroPoint();
        outOffset = po.zeroPoint();
        double twiceMaxInputScale = 2 * (double) Math.max(pa.scale(), pb.scale());
        double realIn1 = pa.scale() / twiceMaxInputScale;
        double realIn2 = pb.scale() / twiceMaxInputScale;
        double realOut = twiceMaxInputScale / ((1 << LEFT_SHIFT) * po.scale());
        in1Mult = QuantizedMultiplier.smallerThanOne(realIn1);
        in2Mult = QuantizedMultiplier.smallerThanOne(realIn2);
        outMult = QuantizedMultiplier.smallerThanOne(realOut);
        int[] r = activation.range(type, po);
        actMin = r[0];
        actMax = r[1];
        sizeA = a.size();
        sizeB = b.size();
    }

    /** TFLite's Prepare. */
    public static Add prepare(FusedActivation activation, QTensor input1, QTensor input2, QTensor output) {
        return new Add(activation, input1, input2, output);
    }

    /** The {@code (multiplier, shift)} of input 1, input 2 and the output, as Prepare computed them. */
    public QuantizedMultiplier[] multipliers() {
        return new QuantizedMultiplier[] {in1Mult, in2Mult, outMult};
    }

    /** {@code {act_min, act_max}}. */
    public int[] activationRange() {
        return new int[] {actMin, actMax};
    }

    /** Runs on the whole tensors. */
    public void run(byte[] input1, byte[] input2, byte[] output) {
        Shapes.checkData("ADD input1", input1, sizeA);
        Shapes.checkData("ADD input2", input2, sizeB);
        Shapes.checkData("ADD output", output, broadcast.outSize());
        final boolean u = type == QType.UINT8;
        final int m1 = in1Mult.multiplier(), s1 = in1Mult.shift();
        final int m2 = in2Mult.multiplier(), s2 = in2Mult.shift();
        final int mo = outMult.multiplier(), so = outMult.shift();
        broadcast.forEach((ia, ib, io) -> {
            int v1 = (u ? input1[ia] & 0xFF : input1[ia]) + in1Offset;
            int v2 = (u ? input2[ib] & 0xFF : input2[ib]) + in2Offset;
            int scaled1 = multiplyByQuantizedMultiplierSmallerThanOneExp(v1 * (1 << LEFT_SHIFT), m1, s1);
            int scaled2 = multiplyByQuantizedMultiplierSmallerThanOneExp(v2 * (1 << LEFT_SHIFT), m2, s2);
            int raw = multiplyByQuantizedMultiplierSmallerThanOneExp(scaled1 + scaled2, mo, so) + outOffset;
            output[io] = (byte) (raw < actMin ? actMin : (raw > actMax ? actMax : raw));
        });
    }
}
