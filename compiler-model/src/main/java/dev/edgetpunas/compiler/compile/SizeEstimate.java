package dev.edgetpunas.compiler.compile;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Tensor;
import java.util.List;

/**
 * Estimates of the file sizes edgetpu_compiler prints as "Input size" and "Output size": the
 * serialized {@code .tflite} (constant data plus a per-tensor and per-op overhead) and the compiled
 * model (the input plus an executable per Edge TPU segment and per mapped op). Both are estimates;
 * docs/compiler-model.md lists their error on the real files and logs.
 *
 * <pre>{@code
 * long in = SizeEstimate.tfliteBytes(graph);
 * long out = SizeEstimate.compiledBytes(result, in);
 * }</pre>
 */
public final class SizeEstimate {
    /** File header, operator codes, buffers table and subgraph table. */
    public static final long FILE_OVERHEAD_BYTES = 1024;
    /** Per tensor: the Tensor table, its vtable, its buffer entry and quantization table (name excluded). */
    public static final long TENSOR_OVERHEAD_BYTES = 120;
    /** Per quantization scale: a float scale and a long zero point. */
    public static final long QUANT_PARAM_BYTES = 12;
    /** Per op: the Operator table with its input/output vectors and options. */
    public static final long OP_OVERHEAD_BYTES = 40;
    /** Per Edge TPU segment: the executable's fixed part (a 3-op model compiles to about 57 KB of custom options). */
    public static final long SEGMENT_EXECUTABLE_BYTES = 56L << 10;
    /** Per mapped op: its instructions (a rough mean of the real files and logs, 1-10 KiB per op). */
    public static final long OP_EXECUTABLE_BYTES = 3L << 10;

    private SizeEstimate() {}

    /** The estimated size of {@code g} as a {@code .tflite} file. */
    public static long tfliteBytes(Graph g) {
        long n = FILE_OVERHEAD_BYTES;
        List<Tensor> ts = g.tensors();
        for (Tensor t : ts) {
            n += TENSOR_OVERHEAD_BYTES + t.name().length();
            if (t.constant()) n += t.bytes();
            if (t.quantization().isPresent()) n += QUANT_PARAM_BYTES * t.quantization().get().count();
        }
        for (Op op : g.ops()) n += OP_OVERHEAD_BYTES + 4L * (op.inputs().size() + op.outputs().size());
        return n;
    }

    /** The estimated size of the compiled model, given the input file's size. */
    public static long compiledBytes(CompileResult r, long inputBytes) {
        if (r.tpuOpCount() == 0) return inputBytes;
        return inputBytes + SEGMENT_EXECUTABLE_BYTES * r.tpuSegmentCount() + OP_EXECUTABLE_BYTES * r.tpuOpCount();
    }
}
