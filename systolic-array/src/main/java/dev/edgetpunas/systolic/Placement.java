package dev.edgetpunas.systolic;

import dev.edgetpunas.systolic.workload.Workload;

/**
 * Where a layer's operands live, decided by the caller (which knows the compile result): on chip
 * (SRAM, moved at {@link EdgeTpuParams#sramBandwidthBytesPerCycle()}) or off chip (moved over the host
 * link at {@link EdgeTpuParams#linkBandwidthBytesPerCycle()}). Weights off chip means streamed from the
 * host on every inference.
 *
 * <pre>{@code
 * Placement p = Placement.ON_CHIP;                                   // cached weights, activations in SRAM
 * Placement q = new Placement(false, true, true);                    // streamed weights
 * Placement r = Placement.fitting(workload, true, 2 << 20);          // activations on chip if they fit 2 MiB
 * }</pre>
 *
 * @param weightsOnChip weights cached in SRAM (else streamed over the link)
 * @param inputOnChip input activations in SRAM (else read over the link)
 * @param outputOnChip output activations written to SRAM (else written over the link)
 */
public record Placement(boolean weightsOnChip, boolean inputOnChip, boolean outputOnChip) {
    /** Everything on chip. */
    public static final Placement ON_CHIP = new Placement(true, true, true);
    /** Weights cached on chip, activations off chip. */
    public static final Placement ACTIVATIONS_OFF_CHIP = new Placement(true, false, false);
    /** Everything off chip. */
    public static final Placement OFF_CHIP = new Placement(false, false, false);

    /**
     * Activations on chip if they fit {@code activationCapacityBytes}: the input if its bytes fit, the
     * output if input and output fit together (both are live while the layer runs).
     */
    public static Placement fitting(Workload w, boolean weightsOnChip, long activationCapacityBytes) {
        if (activationCapacityBytes < 0) {
            throw new IllegalArgumentException("activationCapacityBytes must be >= 0, but was " + activationCapacityBytes);
        }
        boolean in = w.inputBytes() <= activationCapacityBytes;
        boolean out = (in ? w.inputBytes() : 0) + w.outputBytes() <= activationCapacityBytes;
        return new Placement(weightsOnChip, in, out);
    }
}
