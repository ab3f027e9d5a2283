package dev.edgetpunas.quant.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;

import org.junit.jupiter.api.Test;

class QuantParamsTest {

    @Test
    void calibrationWidensTheRangeToContainZero() {
        PerTensor p = Calibration.fromMinMax(0.5f, 6f, QType.INT8); // min becomes 0
        assertEquals(6f / 255f, p.scale(), 0f);
        assertEquals(-128, p.zeroPoint());
        PerTensor n = Calibration.fromMinMax(-4f, -1f, QType.INT8); // max becomes 0
        assertEquals(127, n.zeroPoint());
        assertEquals(0, n.quantize(0f, QType.INT8) - n.zeroPoint());
    }

    @Test
    void calibrationZeroPointIsRoundedMinusMinOverScale() {
        PerTensor p = Calibration.fromMinMax(-1.5f, 6f, QType.INT8);
        float scale = 7.5f / 255f;
        assertEquals(scale, p.scale(), 0f);
        assertEquals(Math.round(-128 - (-1.5f / scale)), p.zeroPoint()); // -77: positive tie impossible here
        assertEquals(-77, p.zeroPoint());
        PerTensor u = Calibration.fromMinMax(-1.5f, 6f, QType.UINT8);
        assertEquals(51, u.zeroPoint());
        assertEquals(u.zeroPoint() - 128, p.zeroPoint());
    }

    @Test
    void degenerateRangeGetsTheParametersOfZeroToOneAndStillRepresentsZeroExactly() {
        PerTensor p = Calibration.fromMinMax(0f, 0f, QType.INT8);
        assertEquals(Calibration.fromMinMax(0f, 1f, QType.INT8), p);
        assertEquals(1f / 255f, p.scale());
        assertEquals(-128, p.zeroPoint());
        assertEquals(0f, p.dequantize(p.quantize(0f, QType.INT8)));
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromMinMax(1f, 0f, QType.INT8));
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromMinMax(Float.NaN, 0f, QType.INT8));
    }

    @Test
    void testUtilParamsGiveZeroPointZeroForSymmetricInt8Range() {
        PerTensor p = Calibration.testUtilParams(-1f, 1f, QType.INT8);
        assertEquals(0, p.zeroPoint());
        assertEquals(0.007843137718737125, p.scale(), 0.0);
        assertEquals(-1, Calibration.fromMinMax(-1f, 1f, QType.INT8).zeroPoint()); // the calibrator picks -1
    }

    @Test
    void dequantizeOfQuantizeIsWithinHalfAScaleInsideTheRange() {
        qt().withFixedSeed(7L).forAll(floats().between(-50f, 0f), floats().between(0f, 50f), floats().between(0f, 1f))
                .checkAssert((min, max, t) -> {
                    if (max - min < 1e-3f) return;
                    for (QType type : QType.values()) {
                        PerTensor p = Calibration.fromMinMax(min, max, type);
                        // the representable range [(qmin - zp) * s, (qmax - zp) * s] covers [min, max] up to zero-point rounding
                        float lo = p.dequantize(type.min()), hi = p.dequantize(type.max());
                        float x = lo + t * (hi - lo);
                        float back = p.dequantize(p.quantize(x, type));
                        assertTrue(Math.abs(back - x) <= p.scale() / 2 * (1 + 1e-5f), () -> type + " x=" + x + " back=" + back + " scale=" + p.scale());
                    }
                });
    }

    @Test
    void quantizeClampsAndRoundsHalfAwayFromZero() {
        PerTensor p = new PerTensor(0.5f, 0);
        assertEquals(-3, p.quantize(-1.25f, QType.INT8)); // -2.5 -> -3
        assertEquals(3, p.quantize(1.25f, QType.INT8));
        assertEquals(-128, p.quantize(-1000f, QType.INT8));
        assertEquals(255, p.quantize(1000f, QType.UINT8));
        assertEquals(0, p.quantize(-1f, QType.UINT8));
    }

    @Test
    void symmetricPerChannelWeightsUseMaxAbsOver127AndHandleAnAllZeroChannel() {
        // shape [3, 1, 1, 2]: channel 0 = {0.5, -1.0}, channel 1 = {0, 0}, channel 2 = {2.54, 0.004}
        float[] w = {0.5f, -1.0f, 0f, 0f, 2.54f, 0.004f};
        WeightQuantizer.QuantizedWeights q = WeightQuantizer.symmetricPerChannel(w, new int[] {3, 1, 1, 2}, 0);
        PerAxis p = (PerAxis) q.params();
        assertEquals(1f / 127f, p.scale(0), 0f);
        assertEquals(0f, p.scale(1), 0f);
        assertEquals(2.54f / 127f, p.scale(2), 0f);
        assertArrayEquals(new byte[] {64, -127, 0, 0, 127, 0}, q.data()); // 63.5 -> 64 (half away)
        int[] bias = WeightQuantizer.quantizeBias(new float[] {0.1f, 5f, -0.2f}, 0.5f, p);
        assertEquals(0, bias[1]); // zero scale -> zero bias
        assertEquals(Math.round(0.1 / (0.5 / 127)), bias[0]);
        assertEquals(-Math.round(0.2 / (0.5 * 2.54 / 127)), bias[2]);
    }

    @Test
    void weightsNeverUseMinus128() {
        qt().withFixedSeed(8L).forAll(floats().between(-10f, 10f), floats().between(-10f, 10f)).checkAssert((a, b) -> {
            WeightQuantizer.QuantizedWeights q = WeightQuantizer.symmetricPerTensor(new float[] {a, b, -Math.max(Math.abs(a), Math.abs(b))});
            for (byte v : q.data()) assertTrue(v >= -127);
        });
    }

    @Test
    void fusedActivationRangesQuantizeTheirBoundsInFloat() {
        PerTensor p = new PerTensor(0.007843137718737125f, 0); // float(2/255): 1/scale = 127.4999 -> 127
        assertArrayEquals(new int[] {-127, 127}, FusedActivation.RELU_N1_TO_1.range(QType.INT8, p));
        assertArrayEquals(new int[] {0, 127}, FusedActivation.RELU.range(QType.INT8, p));
        PerTensor q = new PerTensor(0.05f, -128);
        assertArrayEquals(new int[] {-128, -8}, FusedActivation.RELU6.range(QType.INT8, q));
        assertArrayEquals(new int[] {0, 120}, FusedActivation.RELU6.range(QType.UINT8, new PerTensor(0.05f, 0)));
        assertArrayEquals(new int[] {-128, 127}, FusedActivation.NONE.range(QType.INT8, q));
    }

    @Test
    void paramsValidateAndCompareByValue() {
        assertThrows(IllegalArgumentException.class, () -> new PerTensor(-1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new PerAxis(new float[] {1f}, new int[] {0, 0}, 0));
        assertEquals(new PerAxis(new float[] {1f, 2f}, new int[] {0, 0}, 3), new PerAxis(new float[] {1f, 2f}, new int[] {0, 0}, 3));
        assertNotEquals(new PerAxis(new float[] {1f, 2f}, new int[] {0, 0}, 3), new PerAxis(new float[] {1f, 2f}, new int[] {0, 0}, 0));
        assertEquals(new PerTensor(0.5f, 3), QuantParams.of(new float[] {0.5f}, new int[] {3}, 0));
        assertThrows(IllegalArgumentException.class, () -> QType.INT8.checkZeroPoint(200, "input"));
        assertEquals(new PerTensor(0.5f, 0), new PerTensor(0.5f, 128).convertTo(QType.UINT8, QType.INT8));
    }
}
