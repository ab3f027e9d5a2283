package dev.edgetpunas.sim.report;

import java.util.Objects;

/**
 * How one op of a simulated inference ran.
 *
 * <pre>{@code
 * for (OpTiming o : report.ops()) System.out.println(o.op() + " " + o.placement() + " " + o.us());
 * }</pre>
 *
 * @param index op index in the graph
 * @param op TFLite builtin name ({@code CONV_2D}, {@code CUSTOM}, ...)
 * @param name the op's output tensor name
 * @param placement {@code tpu} or {@code cpu}
 * @param unit {@code array}, {@code vector}, {@code host}, or {@code none} (a relabel, no work)
 * @param reason why it runs where it runs (the compiler's status and reason)
 * @param cycles accelerator cycles including stalls (0 on the CPU)
 * @param stallCycles cycles the array waited for operands (SRAM or link)
 * @param utilization MACs / (cycles x R x C), or the vector path's busy fraction; 0 on the CPU
 * @param bytesIn activation bytes read
 * @param bytesOut activation bytes written
 * @param paramBytesStreamed parameter bytes streamed over the link for this op on every inference
 * @param linkBytes activation bytes that crossed the link because they did not fit on chip
 * @param startUs start time within the inference, microseconds
 * @param us duration, microseconds
 */
public record OpTiming(int index, String op, String name, String placement, String unit, String reason, long cycles,
        long stallCycles, double utilization, long bytesIn, long bytesOut, long paramBytesStreamed, long linkBytes,
        double startUs, double us) {
    public OpTiming {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reason, "reason");
    }

    /** Duration in milliseconds. */
    public double ms() {
        return us / 1000.0;
    }
}
