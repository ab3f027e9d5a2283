package dev.edgetpunas.quant.ptq;

/**
 * Options of {@link PostTrainingQuantizer}.
 *
 * <pre>{@code
 * PtqOptions o = PtqOptions.defaults();                         // min/max, int8 input and output
 * PtqOptions p = PtqOptions.defaults().withPercentile(99.99);    // clip activations at the 0.01% tails
 * PtqOptions f = PtqOptions.defaults().withFloatEdges(true, true); // QUANTIZE in, DEQUANTIZE out
 * }</pre>
 *
 * @param calibration how activation ranges come from the calibration samples
 * @param percentile for {@link Calibration#PERCENTILE}: the upper percentile in (50, 100]; the lower
 *     one is {@code 100 - percentile}
 * @param histogramBins bins of the per-tensor histogram the percentile is read from, &ge; 16
 * @param floatInput keep float graph inputs and quantize them with a leading QUANTIZE op
 * @param floatOutput give float graph outputs through trailing DEQUANTIZE ops (8-bit outputs only)
 */
public record PtqOptions(Calibration calibration, double percentile, int histogramBins, boolean floatInput, boolean floatOutput) {

    /** How activation ranges are taken from the calibration samples. */
    public enum Calibration {
        /** The smallest and largest value seen (TFLite's calibrator). */
        MIN_MAX,
        /** The {@code 100 - p} and {@code p} percentiles of all values seen (a second pass over the samples). */
        PERCENTILE
    }

    public PtqOptions {
        if (calibration == null) throw new IllegalArgumentException("calibration must not be null");
        if (!(percentile > 50 && percentile <= 100)) throw new IllegalArgumentException("percentile must be in (50, 100], but was " + percentile);
        if (histogramBins < 16) throw new IllegalArgumentException("histogram_bins must be >= 16, but was " + histogramBins);
    }

    /** Min/max calibration, int8 input and output (what the Edge TPU runs). */
    public static PtqOptions defaults() {
        return new PtqOptions(Calibration.MIN_MAX, 99.99, 2048, false, false);
    }

    /** Percentile calibration at {@code p}. */
    public PtqOptions withPercentile(double p) {
        return new PtqOptions(Calibration.PERCENTILE, p, histogramBins, floatInput, floatOutput);
    }

    /** Min/max calibration. */
    public PtqOptions withMinMax() {
        return new PtqOptions(Calibration.MIN_MAX, percentile, histogramBins, floatInput, floatOutput);
    }

    /** Float input and/or output at the graph's edges. */
    public PtqOptions withFloatEdges(boolean input, boolean output) {
        return new PtqOptions(calibration, percentile, histogramBins, input, output);
    }
}
