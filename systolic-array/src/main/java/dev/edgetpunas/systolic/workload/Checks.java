package dev.edgetpunas.systolic.workload;

/** Argument checks shared by the workload records (messages name the field and the bad value). */
final class Checks {
    private Checks() {}

    static void positive(String field, long value) {
        if (value <= 0) throw new IllegalArgumentException(field + " must be > 0, but was " + value);
    }

    static void nonNegative(String field, long value) {
        if (value < 0) throw new IllegalArgumentException(field + " must be >= 0, but was " + value);
    }

    /** The product of the factors, or an exception naming what overflowed. */
    static long product(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + " overflows a long", e);
            }
        }
        return p;
    }

    /** SCALE-Sim's output size without padding: {@code ceil((H - F + S) / S)}; must be > 0. */
    static int scaleSimOut(String field, int in, int filter, int stride) {
        positive(field.replace("out", "in"), in);
        long num = (long) in - filter + stride;
        if (num <= 0) {
            throw new IllegalArgumentException(field + " = ceil((" + in + " - " + filter + " + " + stride + ") / " + stride
                    + ") must be > 0: the filter is larger than the (pre-padded) input");
        }
        return (int) ((num + stride - 1) / stride);
    }

    /** The input extent the output positions cover, clipped to the input: {@code min(in, (out-1)*s + (k-1)*d + 1)}. */
    static long covered(int in, int out, int k, int stride, int dilation) {
        long span = (long) (out - 1) * stride + (long) (k - 1) * dilation + 1;
        return Math.min(in, span);
    }
}
