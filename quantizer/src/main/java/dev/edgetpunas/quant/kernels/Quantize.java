package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.FixedPoint;
import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * QUANTIZE and DEQUANTIZE: float to 8 bits ({@code AffineQuantize}: {@code clamp(round(x / s) + zp)},
 * float32 division), 8 bits to 8 bits ({@code Requantize}: {@code clamp(MBQM(q - zp_in, m, s) + zp_out)}
 * with {@code QuantizeMultiplier(double(s_in) / double(s_out))}; int8 &lt;-&gt; uint8 with the same scale
 * and zero points 128 apart is a flip of the top bit), and 8 bits to float
 * ({@code (float) (double(s) * (q - zp))}).
 *
 * <pre>{@code
 * Quantize.fromFloat(pixels, new PerTensor(1 / 255f, -128), QType.INT8, q);
 * Quantize.Requantize r = Quantize.requantize(uint8In, int8Out);
 * r.run(u8, i8);
 * Quantize.dequantize(q, QType.INT8, params, floats);
 * }</pre>
 */
public final class Quantize {
    private Quantize() {}

    /** QUANTIZE from float32. */
    public static void fromFloat(float[] input, PerTensor params, QType type, byte[] output) {
        if (input.length != output.length) throw new IllegalArgumentException("QUANTIZE output length must be " + input.length + ", but was " + output.length);
        for (int i = 0; i < input.length; i++) output[i] = type.store(params.quantize(input[i], type));
    }

    /** DEQUANTIZE to float32. */
    public static void dequantize(byte[] input, QType type, PerTensor params, float[] output) {
        if (input.length != output.length) throw new IllegalArgumentException("DEQUANTIZE output length must be " + input.length + ", but was " + output.length);
        for (int i = 0; i < input.length; i++) output[i] = params.dequantize(type.load(input[i]));
    }

    /** QUANTIZE from one 8-bit tensor to another (int8 &lt;-&gt; uint8, or a new scale). */
    public static Requantize requantize(QTensor input, QTensor output) {
        return new Requantize(input, output);
    }

    /** A prepared 8-bit to 8-bit QUANTIZE. */
    public static final class Requantize {
        private final QType inType, outType;
        private final int zpIn, zpOut, size;
        private final QuantizedMultiplier multiplier;

        private Requantize(QTensor input, QTensor output) {
            Shapes.checkEqual("QUANTIZE output", input.shape(), output.shape());
            PerTensor pi = input.perTensor(), po = output.perTensor();
            inType = input.type();
            outType = output.type();
            zpIn = pi.zeroPoint();
            zpOut = po.zeroPoint();
            multiplier = QuantizedMultiplier.of((double) pi.scale() / (double) po.scale());
            size = input.size();
        }

        /** The effective multiplier. */
        public QuantizedMultiplier multiplier() {
            return multiplier;
        }

        /** Runs on the whole tensor. */
        public void run(byte[] input, byte[] output) {
            Shapes.checkData("QUANTIZE input", input, size);
            Shapes.checkData("QUANTIZE output", output, size);
            boolean sameScale = multiplier.multiplier() == 1 << 30 && multiplier.shift() == 1;
            int diff = zpIn - zpOut;
            if (sameScale && ((inType == QType.INT8 && outType == QType.UINT8 && diff == -128)
                    || (inType == QType.UINT8 && outType == QType.INT8 && diff == 128))) {
                for (int i = 0; i < size; i++) output[i] = (byte) (input[i] ^ 0x80);
                return;
            }
            int m = multiplier.multiplier(), s = multiplier.shift();
            for (int i = 0; i < size; i++) {
                int v = FixedPoint.multiplyByQuantizedMultiplier(inType.load(input[i]) - zpIn, m, s) + zpOut;
                output[i] = outType.store(outType.clamp(v));
            }
        }
    }
}
