package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.Gemmlowp;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * SOFTMAX over the last dimension with TFLite's reference integer algorithm
 * ({@code reference_ops::Softmax} for int8/uint8, gemmlowp fixed point): Prepare turns
 * {@code beta * s_in * 2^26} into a multiplier greater than one ({@code PreprocessSoftmaxScaling}, 5
 * integer bits) and a cut-off {@code diff_min = -CalculateInputRadius(5, shift)}; per row, the
 * differences to the row maximum are rescaled to Q5.26, {@code exp} is evaluated with gemmlowp's
 * {@code exp_on_negative_values}, summed in Q12.19, inverted with {@code GetReciprocal}, and each
 * output is {@code RDBPOT(recip * exp, bits_over_unit + 23) + type_min}, clamped. The output must have
 * TFLite's fixed parameters: scale 1/256 and zero point -128 (int8) or 0 (uint8).
 *
 * <pre>{@code
 * Softmax sm = Softmax.prepare(1.0f, logits, probs);
 * sm.run(logitBytes, probBytes);
 * }</pre>
 */
public final class Softmax {
    /** Integer bits of the scaled input differences (Q5.26). */
    static final int SCALED_DIFF_INTEGER_BITS = 5;
    /** Integer bits of the sum of exponentials (Q12.19). */
    static final int ACCUMULATION_INTEGER_BITS = 12;

    private final QType type;
    private final int outer, depth;
    private final int inputMultiplier, inputLeftShift, diffMin;

    private Softmax(float beta, QTensor input, QTensor output) {
        if (input.type() != output.type()) {
            throw new IllegalArgumentException("SOFTMAX: input type " + input.type() + " and output type " + output.type() + " must match");
        }
        Shapes.checkEqual("SOFTMAX output", input.shape(), output.shape());
        type = input.type();
        PerTensor po = output.perTensor();
        int expectedZp = type == QType.INT8 ? -128 : 0;
        if (po.scale() != 1f / 256f || po.zeroPoint() != expectedZp) {
            throw new IllegalArgumentException("SOFTMAX output must have scale 1/256 and zero point " + expectedZp + " for " + type + ", but had " + po);
        }
        if (!(beta > 0f) || !Float.isFinite(beta)) throw new IllegalArgumentException("SOFTMAX beta must be finite and > 0, but was " + beta);
        depth = input.dim(input.rank() - 1);
        outer = input.size() / depth;
        double real = Math.min((double) beta * (double) input.perTensor().scale() * (double) (1 << (31 - SCALED_DIFF_INTEGER_BITS)),
                (double) ((1L << 31) - 1));
        QuantizedMultiplier m = QuantizedMultiplier.greaterThanOne(real);
        inputMultiplier = m.multiplier();
        inputLeftShift = m.shift();
        diffMin = -calculateInputRadius(SCALED_DIFF_INTEGER_BITS, inputLeftShift, 31);
    }

    /** TFLite's {@code CalculateInputRadius}: the largest input difference that still fits after rescaling. */
    static int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1) * (double) (1L << (totalSignedBits - inputIntegerBits))
                / (double) (1L << inputLeftShift);
        return (int) Math.floor(maxInputRescaled);
    }

    /** TFLite's Prepare. */
    public static Softmax prepare(float beta, QTensor input, QTensor output) {
        return new Softmax(beta, input, output);
    }

    /** Runs on the whole tensor, row by row over the last dimension. */
    public void run(byte[] input, byte[] output) {
        Shapes.checkData("SOFTMAX input", input, outer * depth);
        Shapes.checkData("SOFTMAX output", output, outer * depth);
        boolean u = type == QType.UINT8;
        int typeMin = type.min(), typeMax = type.max();
        int[] bitsOverUnit = new int[1];
        for (int i = 0; i < outer; i++) {
            int base = i * depth;
            int maxInRow = Integer.MIN_VALUE;
            for (int c = 0; c < depth; c++) maxInRow = Math.max(maxInRow, u ? input[base + c] & 0xFF : input[base + c]);
            int sumOfExps = 0; // Q12.19
            for (int c = 0; c < depth; c++) {
                int diff = (u ? input[base + c] & 0xFF : input[base + c]) - maxInRow;
                if (diff >= diffMin) {
                    int exp = Gemmlowp.expOnNegativeValues(rescale(diff), SCALED_DIFF_INTEGER_BITS);
                    sumOfExps += FixedPoint.saturatingRoundingMultiplyByPOT(exp, -ACCUMULATION_INTEGER_BITS); // Rescale<12>
                }
            }
            int shiftedScale = Gemmlowp.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS, bitsOverUnit);
            for (int c = 0; c < depth; c++) {
                int diff = (u ? input[base + c] & 0xFF : input[base + c]) - maxInRow;
                int v;
                if (diff >= diffMin) {
                    int exp = Gemmlowp.expOnNegativeValues(rescale(diff), SCALED_DIFF_INTEGER_BITS);
                    int unsat = FixedPoint.roundingDivideByPOT(FixedPoint.saturatingRoundingDoublingHighMul(shiftedScale, exp),
                            bitsOverUnit[0] + 31 - 8);
                    v = unsat + typeMin;
                    v = v < typeMin ? typeMin : (v > typeMax ? typeMax : v);
                } else {
                    v = typeMin;
                }
                output[base + c] = (byte) v;
            }
        }
    }

    private int rescale(int diff) {
        return FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, inputMultiplier, inputLeftShift);
    }
}
