package dev.edgetpunas.quant.image;

import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;

/**
 * Turns an 8-bit image into a model's input tensor (NHWC, batch 1): raw uint8 (what Coral's classify
 * example feeds a uint8 model), int8 ({@code u - 128}, the same real values for an int8 model whose
 * zero point is the uint8 one minus 128), or float32 normalised with the quantization parameters the
 * quantized model's input uses ({@code (u - zp) * scale}, with the zero point expressed for uint8).
 *
 * <pre>{@code
 * byte[] u8 = InputTensors.uint8(img);
 * byte[] i8 = InputTensors.int8(img);
 * float[] f = InputTensors.floats(img, new PerTensor(1 / 128f, 128), QType.UINT8);  // [-1, 1)
 * }</pre>
 */
public final class InputTensors {
    private InputTensors() {}

    /** The pixels as they are. */
    public static byte[] uint8(Image8 img) {
        return img.pixels();
    }

    /** The pixels minus 128, as int8. */
    public static byte[] int8(Image8 img) {
        byte[] p = img.pixels();
        for (int i = 0; i < p.length; i++) p[i] = (byte) (p[i] ^ 0x80);
        return p;
    }

    /** Pixels as the input type of a quantized model: raw for uint8, shifted by 128 for int8. */
    public static byte[] quantized(Image8 img, QType type) {
        return type == QType.UINT8 ? uint8(img) : int8(img);
    }

    /**
     * Float pixels {@code (u - zp_u8) * scale}, where {@code params} are the quantized input's
     * parameters for {@code type} (an int8 zero point is moved by +128 to address the raw pixel).
     */
    public static float[] floats(Image8 img, PerTensor params, QType type) {
        PerTensor u8 = params.convertTo(type, QType.UINT8);
        byte[] p = img.pixels();
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) f[i] = u8.dequantize(p[i] & 0xFF);
        return f;
    }

    /** Float pixels {@code (u - mean) / std}. */
    public static float[] floats(Image8 img, float mean, float std) {
        if (!(std > 0f)) throw new IllegalArgumentException("std must be > 0, but was " + std);
        byte[] p = img.pixels();
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) f[i] = ((p[i] & 0xFF) - mean) / std;
        return f;
    }
}
