package dev.edgetpunas.training.data;

/**
 * How unsigned-byte pixels become float inputs. {@link #UNIT_RANGE} maps to [0, 1] ({@code v / 255}), the
 * default: simple, and what a TFLite float model fed with {@code v / 255} expects. {@link #STANDARDIZED}
 * subtracts the Fashion-MNIST training-set mean (0.2860) and divides by its standard deviation (0.3530),
 * both of {@code v / 255} over all 60,000 x 784 training pixels (a test recomputes them); it helps
 * networks without batch norm at their first layer.
 *
 * <pre>{@code
 * float x = Normalization.UNIT_RANGE.apply(255);   // 1.0
 * }</pre>
 */
public enum Normalization {
    UNIT_RANGE(0.0, 1.0),
    STANDARDIZED(0.2860, 0.3530);

    private final float mean;
    private final float invStd;

    Normalization(double mean, double std) {
        this.mean = (float) mean;
        this.invStd = (float) (1.0 / std);
    }

    /** The float input for a pixel value 0..255. */
    public float apply(int pixel) {
        return (pixel / 255f - mean) * invStd;
    }
}
