package dev.edgetpunas.systolic.workload;

/**
 * Element-wise, pooling or activation work for the vector path (not the MAC array): {@code elements}
 * outputs, each costing {@code opsPerElement} vector-lane operations, reading {@code bytesIn} and
 * writing {@code bytesOut}.
 *
 * <pre>{@code
 * // ADD of two 56x56x32 int8 tensors
 * VectorWorkload add = new VectorWorkload(56 * 56 * 32, 1, 2L * 56 * 56 * 32, 56 * 56 * 32);
 * // 3x3 average pool producing 28x28x64
 * VectorWorkload pool = new VectorWorkload(28 * 28 * 64, 9, 56L * 56 * 64, 28 * 28 * 64);
 * }</pre>
 *
 * @param elements output elements, > 0
 * @param opsPerElement lane operations per output element, > 0
 * @param bytesIn activation bytes read, >= 0
 * @param bytesOut activation bytes written, >= 0
 */
public record VectorWorkload(long elements, int opsPerElement, long bytesIn, long bytesOut) implements Workload {
    public VectorWorkload {
        Checks.positive("elements", elements);
        Checks.positive("opsPerElement", opsPerElement);
        Checks.nonNegative("bytesIn", bytesIn);
        Checks.nonNegative("bytesOut", bytesOut);
        Checks.product("elements * opsPerElement", elements, opsPerElement);
    }

    /** Lane operations in total: {@code elements * opsPerElement}. */
    public long ops() {
        return elements * opsPerElement;
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.VECTOR;
    }

    /** Vector work is not counted as MACs: 0. */
    @Override
    public long macs() {
        return 0;
    }

    @Override
    public long weightBytes() {
        return 0;
    }

    @Override
    public long inputBytes() {
        return bytesIn;
    }

    @Override
    public long outputBytes() {
        return bytesOut;
    }
}
