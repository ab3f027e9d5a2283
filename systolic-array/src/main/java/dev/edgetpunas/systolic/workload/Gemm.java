package dev.edgetpunas.systolic.workload;

/**
 * A matrix product {@code (M x K) * (K x N)} on the array: {@code m} streamed rows (T), reduction depth
 * {@code k} (mapped onto the array's rows in weight-stationary dataflow), {@code n} outputs per row
 * (mapped onto its columns).
 *
 * <pre>{@code
 * Gemm g = new Gemm(4096, 64, 64);   // 64x64 input, 1x1 conv 64 -> 64
 * g.macs();                          // 16,777,216
 * }</pre>
 *
 * @param m streamed rows T (output pixels of a lowered conv), > 0
 * @param k reduction depth K (kh * kw * Cin of a lowered conv), > 0
 * @param n output columns N (Cout of a lowered conv), > 0
 */
public record Gemm(long m, long k, long n) implements Workload {
    public Gemm {
        Checks.positive("m", m);
        Checks.positive("k", k);
        Checks.positive("n", n);
        Checks.product("m * k * n", m, k, n);
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.GEMM;
    }

    @Override
    public long macs() {
        return m * k * n;
    }

    @Override
    public long weightBytes() {
        return k * n;
    }

    @Override
    public long inputBytes() {
        return m * k;
    }

    @Override
    public long outputBytes() {
        return m * n;
    }
}
