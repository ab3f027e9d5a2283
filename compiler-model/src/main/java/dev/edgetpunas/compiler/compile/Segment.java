package dev.edgetpunas.compiler.compile;

import java.util.List;
import java.util.Objects;

/**
 * A run of ops on one side: an Edge TPU segment (one {@code edgetpu-custom-op} in the compiled model)
 * or ops on the CPU. Segments are listed in the order the compiled model runs them. With one Edge TPU
 * segment (the default), CPU ops that do not depend on it are scheduled ahead of it, so a segment's
 * ops need not be contiguous in the graph's order: {@link #ops()} lists them.
 *
 * <pre>{@code
 * for (Segment s : result.segments()) {
 *     s.where(); s.firstOp(); s.lastOp(); s.inputTensors();   // what crosses into it
 * }
 * }</pre>
 *
 * @param index position in the run order
 * @param where TPU or CPU
 * @param firstOp the segment's first op (graph index)
 * @param lastOp the segment's last op (graph index)
 * @param ops the segment's ops, in graph (execution) order
 * @param inputTensors non-constant tensors the segment reads that come from outside it (graph inputs or other segments)
 * @param outputTensors tensors it produces that are read outside it or are graph outputs
 */
public record Segment(int index, Where where, int firstOp, int lastOp, List<Integer> ops, List<Integer> inputTensors,
        List<Integer> outputTensors) {
    public Segment {
        Objects.requireNonNull(where, "where");
        ops = List.copyOf(ops);
        inputTensors = List.copyOf(inputTensors);
        outputTensors = List.copyOf(outputTensors);
        if (ops.isEmpty()) throw new IllegalArgumentException("segment " + index + " has no ops");
        if (ops.get(0) != firstOp || ops.get(ops.size() - 1) != lastOp) {
            throw new IllegalArgumentException("segment " + index + ": firstOp " + firstOp + " and lastOp " + lastOp
                    + " must be the first and last of its ops " + ops);
        }
    }

    /** Number of ops. */
    public int size() {
        return ops.size();
    }
}
