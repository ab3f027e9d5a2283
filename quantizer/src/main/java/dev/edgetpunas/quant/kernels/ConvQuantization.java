package dev.edgetpunas.quant.kernels;

import dev.edgetpunas.quant.fixedpoint.QuantizedMultiplier;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;

/**
 * The requantization parameters shared by CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, computed as
 * TFLite's Prepare does: per output channel {@code QuantizeMultiplier(double(s_in) * double(s_w[c]) /
 * double(s_out))} (int8, {@code PopulateConvolutionQuantizationParams}), or
 * {@code QuantizeMultiplier(double(float(s_in * s_w)) / double(s_out))} for legacy uint8 models and
 * per-tensor int8 FULLY_CONNECTED ({@code GetQuantizedConvolutionMultipler}).
 */
final class ConvQuantization {
    final int[] multipliers;
    final int[] shifts;
    /** {@code -zero_point} of the filter (per-tensor); 0 for per-axis filters. */
    final int filterOffset;

    private ConvQuantization(int[] multipliers, int[] shifts, int filterOffset) {
        this.multipliers = multipliers;
        this.shifts = shifts;
        this.filterOffset = filterOffset;
    }

    static ConvQuantization of(String op, QTensor input, QTensor filter, QTensor output, int channels, int quantizedDim,
                               boolean floatProductForPerTensor) {
        if (input.type() != output.type()) {
            throw new IllegalArgumentException(op + ": input type " + input.type() + " and output type " + output.type() + " must match");
        }
        if (filter.type() != input.type()) {
            throw new IllegalArgumentException(op + ": filter type " + filter.type() + " must match input type " + input.type());
        }
        float sIn = input.perTensor().scale();
        float sOut = output.perTensor().scale();
        if (!(sOut > 0f)) throw new IllegalArgumentException(op + ": output scale must be > 0, but was " + sOut);
        QuantParams fp = filter.params();
        int filterOffset = 0;
        boolean legacy;
        if (fp instanceof PerAxis pa) {
            if (input.type() == QType.UINT8) {
                throw new IllegalArgumentException(op + ": uint8 models need per-tensor filter quantization, but got " + pa.count() + " scales");
            }
            if (pa.count() != channels) {
                throw new IllegalArgumentException(op + ": filter has " + pa.count() + " scales, but " + channels + " output channels");
            }
            if (pa.axis() != quantizedDim) {
                throw new IllegalArgumentException(op + ": filter quantized_dimension must be " + quantizedDim + ", but was " + pa.axis());
            }
            for (int c = 0; c < channels; c++) {
                if (pa.zeroPoint(c) != 0) {
                    throw new IllegalArgumentException(op + ": per-channel filter zero_points must be 0, but zero_points[" + c + "] was " + pa.zeroPoint(c));
                }
            }
            legacy = false;
        } else {
            PerTensor pt = (PerTensor) fp;
            filterOffset = -pt.zeroPoint();
            legacy = input.type() == QType.UINT8 || floatProductForPerTensor;
        }
        int[] m = new int[channels];
        int[] s = new int[channels];
        for (int c = 0; c < channels; c++) {
            float sW = fp.scale(c);
            double real = legacy ? (double) (sIn * sW) / (double) sOut : (double) sIn * (double) sW / (double) sOut;
            QuantizedMultiplier q = QuantizedMultiplier.of(real);
            m[c] = q.multiplier();
            s[c] = q.shift();
        }
        return new ConvQuantization(m, s, filterOffset);
    }

    /** Packs 8-bit filter values into ints with the filter offset applied. */
    static int[] pack(byte[] data, QType type, int offset) {
        int[] w = new int[data.length];
        if (type == QType.UINT8) {
            for (int i = 0; i < data.length; i++) w[i] = (data[i] & 0xFF) + offset;
        } else {
            for (int i = 0; i < data.length; i++) w[i] = data[i] + offset;
        }
        return w;
    }

    /** The bias, or zeros when absent; checks the length. */
    static int[] bias(String op, int[] bias, int channels) {
        if (bias == null) return new int[channels];
        if (bias.length != channels) {
            throw new IllegalArgumentException(op + ": bias length must be " + channels + ", but was " + bias.length);
        }
        return bias.clone();
    }
}
