package dev.edgetpunas.systolic;

import java.util.Locale;

/**
 * How {@link EdgeTpuModel} runs a depthwise convolution. On a weight-stationary array every column sees
 * the same row inputs, so a column cannot hold "its own" channel; these are the legal choices.
 *
 * <pre>{@code
 * DepthwiseMapping m = DepthwiseMapping.parse("block-diagonal");   // BLOCK_DIAGONAL
 * }</pre>
 */
public enum DepthwiseMapping {
    /**
     * Pack {@code g = min(floor(R / (kh*kw)), floor(C / multiplier))} channels per fold along the
     * diagonal: channel j's kernel sits in rows {@code j*kh*kw ..} and its filters in columns
     * {@code j*multiplier ..}; the off-diagonal PEs hold zeros (about 1.5% of a 64x64 array busy for 3x3).
     */
    BLOCK_DIAGONAL,
    /** One channel per fold (kh*kw rows, multiplier columns). */
    CHANNEL_SERIAL,
    /** A separate vector path with its own throughput ({@link EdgeTpuParams#vectorElementsPerCycle()}). */
    VECTOR;

    /** Parses {@code block-diagonal}, {@code channel-serial} or {@code vector} (any case, '-' or '_'). */
    public static DepthwiseMapping parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (DepthwiseMapping m : values()) {
                if (m.name().equals(t)) return m;
            }
        }
        throw new IllegalArgumentException("depthwiseMapping must be one of block-diagonal, channel-serial, vector, but was '" + text + "'");
    }

    /** The lower-case, dash-separated name used on command lines and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
