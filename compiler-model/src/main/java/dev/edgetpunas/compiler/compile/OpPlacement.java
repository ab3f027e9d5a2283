package dev.edgetpunas.compiler.compile;

import java.util.Objects;

/**
 * What the compiler decided for one op.
 *
 * <pre>{@code
 * OpPlacement p = result.op(12);
 * p.where();                 // TPU or CPU
 * p.status().text();         // "Mapped to Edge TPU"
 * p.streamedParamBytes();    // bytes read from the host at every inference
 * }</pre>
 *
 * <p>Parameter bytes are attributed to the first op that reads a tensor (each tensor is counted once);
 * for an op on the Edge TPU, {@code paramBytes = cachedParamBytes + streamedParamBytes}; an op on the
 * CPU has its parameters in host memory (both 0).
 *
 * @param index the op's index in the graph
 * @param where where it runs
 * @param status the compiler's status
 * @param reason why, in words (empty when mapped)
 * @param paramBytes bytes of the parameter tensors attributed to this op
 * @param cachedParamBytes of which in the on-chip cache
 * @param streamedParamBytes of which streamed from the host at every inference
 */
public record OpPlacement(int index, Where where, OpStatus status, String reason, long paramBytes, long cachedParamBytes,
        long streamedParamBytes) {
    public OpPlacement {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, but was " + index);
        if (paramBytes < 0 || cachedParamBytes < 0 || streamedParamBytes < 0) {
            throw new IllegalArgumentException("op " + index + ": byte counts must be >= 0, but were " + paramBytes + ", "
                    + cachedParamBytes + ", " + streamedParamBytes);
        }
        if ((where == Where.TPU) != status.mapped()) {
            throw new IllegalArgumentException("op " + index + ": where " + where + " does not agree with status " + status);
        }
        if (where == Where.TPU && cachedParamBytes + streamedParamBytes != paramBytes) {
            throw new IllegalArgumentException("op " + index + ": cached " + cachedParamBytes + " + streamed " + streamedParamBytes
                    + " must equal paramBytes " + paramBytes);
        }
        if (where == Where.CPU && (cachedParamBytes != 0 || streamedParamBytes != 0)) {
            throw new IllegalArgumentException("op " + index + " runs on the CPU: cached and streamed bytes must be 0");
        }
    }
}
