package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.Gemmlowp;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * LOGISTIC and TANH with TFLite's reference integer algorithms ({@code reference_integer_ops::Logistic
 * / Tanh}, and the uint8 {@code reference_ops} versions, which give the same values shifted by 128):
 * Prepare turns {@code s_in * 2^27} into a multiplier greater than one (4 integer bits) and an input
 * radius ({@code CalculateInputRadius(4, shift)}); inputs beyond the radius saturate, others are
 * rescaled to Q4.27 and evaluated with gemmlowp's fixed-point {@code logistic} / {@code tanh}, then
 * rounded to 8 bits. Outputs must have TFLite's fixed parameters: LOGISTIC 1/256 with zero point -128
 * (int8) or 0 (uint8); TANH 1/128 with zero point 0 (int8) or 128 (uint8).
 *
 * <pre>{@code
 * Activation sigmoid = Activation.prepare(Activation.Kind.LOGISTIC, in, out);
 * sigmoid.run(inBytes, outBytes);
 * }</pre>
 */
public final class Activation {

    /** The function. */
    public enum Kind {
        /** LOGISTIC, 1 / (1 + exp(-x)). */
        LOGISTIC,
        /** TANH. */
        TANH
    }

    static final int INPUT_INTEGER_BITS = 4;

    private final Kind kind;
    private final QType type;
    private final int size, inputZp, inputRangeRadius, inputMultiplier, inputLeftShift;

    private Activation(Kind kind, QTensor input, QTensor output) {
        String op = kind.name();
        if (input.type() != output.type()) {
            throw new IllegalArgumentException(op + ": input type " + input.type() + " and output type " + output.type() + " must match");
        }
        Shapes.checkEqual(op + " output", input.shape(), output.shape());
        this.kind = kind;
        type = input.type();
        PerTensor po = output.perTensor();
        float expectedScale = kind == Kind.LOGISTIC ? 1f / 256f : 1f / 128f;
        int expectedZp = kind == Kind.LOGISTIC ? (type == QType.INT8 ? -128 : 0) : (type == QType.INT8 ? 0 : 128);
        if (po.scale() != expectedScale || po.zeroPoint() != expectedZp) {
            throw new IllegalArgumentException(op + " output must have scale " + expectedScale + " and zero point " + expectedZp + " for " + type + ", but had " + po);
        }
        PerTensor pi = input.perTensor();
        inputZp = pi.zeroPoint();
        double real = (double) pi.scale() * (double) (1 << (31 - INPUT_INTEGER_BITS));
        QuantizedMultiplier m = QuantizedMultiplier.greaterThanOne(real);
        inputMultiplier = m.multiplier();
        inputLeftShift = m.shift();
        inputRangeRadius = Softmax.calculateInputRadius(INPUT_INTEGER_BITS, inputLeftShift, 31);
        size = input.size();
    }

    /** TFLite's Prepare. */
    public static Activation prepare(Kind kind, QTensor input, QTensor output) {
        return new Activation(kind, input, output);
    }

    /** Runs on the whole tensor. */
    public void run(byte[] input, byte[] output) {
        Shapes.checkData(kind + " input", input, size);
        Shapes.checkData(kind + " output", output, size);
        boolean u = type == QType.UINT8;
        // int8 results; uint8 results are the same plus 128
        int shiftBack = u ? 128 : 0;
        for (int i = 0; i < size; i++) {
            int x = (u ? input[i] & 0xFF : input[i]) - inputZp;
            int v;
            if (x <= -inputRangeRadius) {
                v = -128;
            } else if (x >= inputRangeRadius) {
                v = 127;
            } else {
                int inQ4 = FixedPoint.multiplyByQuantizedMultiplier(x, inputMultiplier, inputLeftShift);
                if (kind == Kind.LOGISTIC) {
                    int outQ0 = Gemmlowp.logistic(inQ4, INPUT_INTEGER_BITS);
                    v = FixedPoint.roundingDivideByPOT(outQ0, 31 - 8) - 128;
                } else {
                    int outQ0 = Gemmlowp.tanh(inQ4, INPUT_INTEGER_BITS);
                    v = FixedPoint.roundingDivideByPOT(outQ0, 31 - 7);
                }
                v = v < -128 ? -128 : (v > 127 ? 127 : v);
            }
            output[i] = (byte) (v + shiftBack);
        }
    }
}
