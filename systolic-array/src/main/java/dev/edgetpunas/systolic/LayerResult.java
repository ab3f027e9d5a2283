package dev.edgetpunas.systolic;

/**
 * What one layer costs on the array (or the vector path).
 *
 * <pre>{@code
 * LayerResult r = model.evaluate(workload, Placement.ON_CHIP);
 * double us = array.micros(r.cycles());
 * long moved = r.bytesMoved();
 * }</pre>
 *
 * @param cycles total cycles, stalls included
 * @param stallCycles cycles lost waiting for operand bandwidth (0 in SCALE-Sim mode), {@code <= cycles}
 * @param macs multiply-accumulates of the workload (0 for pure vector work)
 * @param overallUtilization work / (cycles * peak of {@link #unit}), a fraction in [0, 1]: for the array
 *     {@code MACs / (cycles * R * C)} as SCALE-Sim's "overall util"; for the vector path lane
 *     operations / (cycles * vectorElementsPerCycle)
 * @param mappingEfficiency the fraction of the unit's PEs (lanes) that a fold's mapping fills, in [0, 1]:
 *     for the array {@code MACs / (folds * R * C * T)}
 * @param folds weight tiles loaded into the array (0 on the vector path)
 * @param sramBytesRead bytes read from on-chip SRAM (weights and activations)
 * @param sramBytesWritten bytes written to on-chip SRAM
 * @param linkBytesRead bytes read over the host link (streamed weights, off-chip activations)
 * @param linkBytesWritten bytes written over the host link (off-chip outputs)
 * @param unit where the layer ran
 */
public record LayerResult(long cycles, long stallCycles, long macs, double overallUtilization, double mappingEfficiency,
                          long folds, long sramBytesRead, long sramBytesWritten, long linkBytesRead, long linkBytesWritten,
                          ExecutionUnit unit) {
    public LayerResult {
        if (cycles <= 0) throw new IllegalArgumentException("cycles must be > 0, but was " + cycles);
        if (stallCycles < 0 || stallCycles > cycles) {
            throw new IllegalArgumentException("stallCycles must be in [0, cycles=" + cycles + "], but was " + stallCycles);
        }
        if (macs < 0) throw new IllegalArgumentException("macs must be >= 0, but was " + macs);
        if (!(overallUtilization >= 0 && overallUtilization <= 1)) {
            throw new IllegalArgumentException("overallUtilization must be in [0, 1], but was " + overallUtilization);
        }
        if (!(mappingEfficiency >= 0 && mappingEfficiency <= 1)) {
            throw new IllegalArgumentException("mappingEfficiency must be in [0, 1], but was " + mappingEfficiency);
        }
        if (folds < 0) throw new IllegalArgumentException("folds must be >= 0, but was " + folds);
        if (sramBytesRead < 0 || sramBytesWritten < 0 || linkBytesRead < 0 || linkBytesWritten < 0) {
            throw new IllegalArgumentException("byte counts must be >= 0, but were sram " + sramBytesRead + "/" + sramBytesWritten
                    + ", link " + linkBytesRead + "/" + linkBytesWritten);
        }
        if (unit == null) throw new IllegalArgumentException("unit must not be null");
    }

    /** Cycles spent computing (not stalled): {@code cycles - stallCycles}. */
    public long computeCycles() {
        return cycles - stallCycles;
    }

    /** All bytes moved at every level, read and written. */
    public long bytesMoved() {
        return sramBytesRead + sramBytesWritten + linkBytesRead + linkBytesWritten;
    }

    /** Bytes moved over the host link. */
    public long linkBytes() {
        return linkBytesRead + linkBytesWritten;
    }

    /** Bytes moved to and from SRAM. */
    public long sramBytes() {
        return sramBytesRead + sramBytesWritten;
    }
}
