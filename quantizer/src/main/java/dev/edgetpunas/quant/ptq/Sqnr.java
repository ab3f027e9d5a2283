package dev.edgetpunas.quant.ptq;

/**
 * Signal-to-quantization-noise ratio in decibels between a float reference and its dequantized int8
 * counterpart: {@code 10 log10(sum x^2 / sum (x - y)^2)}, summed over every element (and, with an
 * {@link Accumulator}, over every sample). Identical values give {@code +Infinity}; a zero signal with
 * non-zero noise gives {@code -Infinity}. Each int8 step of noise relative to a full-range signal costs
 * about 6 dB: a uniform signal quantized to 8 bits has an SQNR near 48 dB.
 *
 * <pre>{@code
 * double db = Sqnr.db(floatValues, int8Value.dequantized());
 * Sqnr.Accumulator acc = new Sqnr.Accumulator();
 * acc.add(a1, b1); acc.add(a2, b2);
 * acc.db();
 * }</pre>
 */
public final class Sqnr {
    private Sqnr() {}

    /** SQNR of {@code test} against {@code reference}, in dB. */
    public static double db(float[] reference, float[] test) {
        Accumulator a = new Accumulator();
        a.add(reference, test);
        return a.db();
    }

    /** Signal and noise energies summed over several arrays. */
    public static final class Accumulator {
        private double signal, noise;
        private long count;

        /** Adds one pair of equally long arrays. */
        public void add(float[] reference, float[] test) {
            if (reference.length != test.length) {
                throw new IllegalArgumentException("reference and test must have equal lengths, but had " + reference.length + " and " + test.length);
            }
            for (int i = 0; i < reference.length; i++) {
                double x = reference[i], d = x - test[i];
                signal += x * x;
                noise += d * d;
            }
            count += reference.length;
        }

        /** Elements added so far. */
        public long count() {
            return count;
        }

        /** The SQNR in dB of everything added. */
        public double db() {
            if (noise == 0) return Double.POSITIVE_INFINITY;
            if (signal == 0) return Double.NEGATIVE_INFINITY;
            return 10 * Math.log10(signal / noise);
        }
    }
}
