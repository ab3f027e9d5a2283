package dev.edgetpunas.compiler.compile;

import java.util.Objects;

/**
 * What a compilation depends on besides the graph: the compiler version, the SRAM the parameter cache
 * shares with the executable and the activations, the reserve rule's two constants, the placement
 * rule, and {@code -a} (several Edge TPU segments). The accelerator profile holds these values
 * ({@code accelerator.sramBytes}, {@code compiler.{version, reserveFixedBytes,
 * reserveActivationFactor, placement}}); callers build options from it.
 *
 * <pre>{@code
 * CompilerOptions o = CompilerOptions.defaults(CompilerVersion.V16_0).withSramBytes(16L << 20);
 * o.budgetBytes(peakActivationBytes);   // sram - fixed - factor * peak
 * }</pre>
 *
 * @param version the compiler version whose rules apply
 * @param sramBytes on-chip memory shared by cached parameters, the executable and activations
 * @param reserveFixedBytes the part of the reserve that does not depend on the model
 * @param reserveActivationFactor bytes reserved per byte of peak live activations of the Edge TPU segment
 * @param placement how parameters are put into the cache
 * @param multipleSubgraphs {@code -a}: every mappable op maps, giving several Edge TPU segments
 */
public record CompilerOptions(CompilerVersion version, long sramBytes, long reserveFixedBytes, double reserveActivationFactor,
        Placement placement, boolean multipleSubgraphs) {

    /** 8 MiB: Coral's "roughly 8 MB" of on-chip SRAM [M]. */
    public static final long DEFAULT_SRAM_BYTES = 8L << 20;
    /**
     * The fixed reserve fitted on the published compiler logs with 8 MiB of SRAM (the median of
     * {@code sram - (used + remaining)} over the logs; docs/compiler-model.md).
     */
    public static final long DEFAULT_RESERVE_FIXED_BYTES = 1_006_633L;
    /**
     * The activation factor fitted on the published logs: 0, because the logs with an approximable
     * graph show a smaller reserve for larger activations (docs/compiler-model.md).
     */
    public static final double DEFAULT_RESERVE_ACTIVATION_FACTOR = 0.0;
    /** Prefix placement fits the logs better than first-fit (docs/compiler-model.md). */
    public static final Placement DEFAULT_PLACEMENT = Placement.PREFIX;

    public CompilerOptions {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(placement, "placement");
        if (sramBytes < 0) throw new IllegalArgumentException("sramBytes must be >= 0, but was " + sramBytes);
        if (reserveFixedBytes < 0) throw new IllegalArgumentException("reserveFixedBytes must be >= 0, but was " + reserveFixedBytes);
        if (!(reserveActivationFactor >= 0) || Double.isInfinite(reserveActivationFactor)) {
            throw new IllegalArgumentException("reserveActivationFactor must be finite and >= 0, but was " + reserveActivationFactor);
        }
    }

    /** The fitted defaults for {@code version}. */
    public static CompilerOptions defaults(CompilerVersion version) {
        return new CompilerOptions(version, DEFAULT_SRAM_BYTES, DEFAULT_RESERVE_FIXED_BYTES, DEFAULT_RESERVE_ACTIVATION_FACTOR,
                DEFAULT_PLACEMENT, false);
    }

    /** The fitted defaults for compiler 16.0. */
    public static CompilerOptions defaults() {
        return defaults(CompilerVersion.V16_0);
    }

    public CompilerOptions withVersion(CompilerVersion v) {
        return new CompilerOptions(v, sramBytes, reserveFixedBytes, reserveActivationFactor, placement, multipleSubgraphs);
    }

    public CompilerOptions withSramBytes(long bytes) {
        return new CompilerOptions(version, bytes, reserveFixedBytes, reserveActivationFactor, placement, multipleSubgraphs);
    }

    /** These options with another reserve rule. */
    public CompilerOptions withReserve(long fixedBytes, double activationFactor) {
        return new CompilerOptions(version, sramBytes, fixedBytes, activationFactor, placement, multipleSubgraphs);
    }

    public CompilerOptions withPlacement(Placement p) {
        return new CompilerOptions(version, sramBytes, reserveFixedBytes, reserveActivationFactor, p, multipleSubgraphs);
    }

    public CompilerOptions withMultipleSubgraphs(boolean a) {
        return new CompilerOptions(version, sramBytes, reserveFixedBytes, reserveActivationFactor, placement, a);
    }

    /** The reserve for a model whose Edge TPU segment(s) peak at {@code peakActivationBytes} live activations. */
    public long reserveBytes(long peakActivationBytes) {
        return reserveFixedBytes + (long) Math.ceil(reserveActivationFactor * peakActivationBytes);
    }

    /** The parameter-cache budget: {@code max(0, sram - reserve)}. */
    public long budgetBytes(long peakActivationBytes) {
        return Math.max(0, sramBytes - reserveBytes(peakActivationBytes));
    }
}
