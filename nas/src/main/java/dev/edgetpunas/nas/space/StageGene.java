package dev.edgetpunas.nas.space;

/**
 * The searchable choices of one stage of the {@code edgetpu} space. Canonical form: a fused stage
 * ({@code c1}) has kernel 3 and no SE, because the fused block's expansion conv is always 3x3 and has
 * no squeeze-and-excitation (tensorflow/tpu's {@code MBConvBlockWithoutDepthwise}).
 *
 * <pre>{@code
 * StageGene g = new StageGene(1, 3, 8, 2, 1, false);   // fused, e8, r2, width 1.0, no SE
 * }</pre>
 *
 * @param convType 0 (MBConv with depthwise) or 1 (fused)
 * @param kernel depthwise kernel, 3 or 5 (3 for fused stages)
 * @param expansion expansion ratio, 1, 4 or 8
 * @param repeats blocks in the stage, 1..6
 * @param width index into {@link EdgeTpuSpace#WIDTHS} (0: 0.75, 1: 1.0, 2: 1.25)
 * @param se squeeze-and-excitation (ratio 0.25); only on MBConv stages, only where the space allows it
 */
public record StageGene(int convType, int kernel, int expansion, int repeats, int width, boolean se) {
    public StageGene {
        if (convType != 0 && convType != 1) throw new IllegalArgumentException("conv type must be 0 or 1, but was " + convType);
        if (kernel != 3 && kernel != 5) throw new IllegalArgumentException("kernel must be 3 or 5, but was " + kernel);
        if (expansion != 1 && expansion != 4 && expansion != 8) {
            throw new IllegalArgumentException("expansion must be 1, 4 or 8, but was " + expansion);
        }
        if (repeats < 1 || repeats > 6) throw new IllegalArgumentException("repeats must be in 1..6, but was " + repeats);
        if (width < 0 || width >= EdgeTpuSpace.WIDTHS.length) {
            throw new IllegalArgumentException("width index must be in 0.." + (EdgeTpuSpace.WIDTHS.length - 1) + ", but was " + width);
        }
        if (convType == 1 && kernel != 3) throw new IllegalArgumentException("a fused stage (c1) has kernel 3, but was " + kernel);
        if (convType == 1 && se) throw new IllegalArgumentException("a fused stage (c1) has no SE");
    }

    /** True for a fused stage. */
    public boolean fused() {
        return convType == 1;
    }

    /** The width multiplier (0.75, 1.0 or 1.25). */
    public double widthMultiplier() {
        return EdgeTpuSpace.WIDTHS[width];
    }
}
