package dev.edgetpunas.systolic;

/**
 * Array geometry, dataflow and clock.
 *
 * <pre>{@code
 * ArrayConfig a = new ArrayConfig(64, 64, Dataflow.WS, 500.0);
 * a.peakMacsPerCycle();     // 4096
 * a.micros(29_933);         // 59.866
 * }</pre>
 *
 * @param rows array rows R (weight-stationary: the reduction dimension K maps here), > 0
 * @param cols array columns C (weight-stationary: output channels N map here), > 0
 * @param dataflow which operand stays in the PEs
 * @param clockMhz array clock in MHz, > 0 and finite
 */
public record ArrayConfig(int rows, int cols, Dataflow dataflow, double clockMhz) {
    /** The community-inferred Edge TPU array [D from 4 TOPS at 500 MHz]: 64 x 64, WS, 500 MHz. */
    public static ArrayConfig edgeTpu() {
        return new ArrayConfig(64, 64, Dataflow.WS, 500.0);
    }

    public ArrayConfig {
        if (rows <= 0) throw new IllegalArgumentException("rows must be > 0, but was " + rows);
        if (cols <= 0) throw new IllegalArgumentException("cols must be > 0, but was " + cols);
        if (dataflow == null) throw new IllegalArgumentException("dataflow must not be null");
        if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
            throw new IllegalArgumentException("clockMhz must be > 0 and finite, but was " + clockMhz);
        }
    }

    /** The same array with another dataflow. */
    public ArrayConfig withDataflow(Dataflow df) {
        return new ArrayConfig(rows, cols, df, clockMhz);
    }

    /** {@code R * C}. */
    public long peakMacsPerCycle() {
        return (long) rows * cols;
    }

    /** Microseconds that {@code cycles} take at this clock. */
    public double micros(long cycles) {
        return cycles / clockMhz;
    }
}
