package dev.edgetpunas.quant.image;

/**
 * An 8-bit image in row-major HWC order (what an NHWC model input with batch 1 expects).
 *
 * <pre>{@code
 * Image8 img = Images.read(Path.of("parrot.jpg"));
 * int red = img.get(10, 20, 0);   // row 10, column 20, channel R
 * }</pre>
 *
 * @param width columns, &gt; 0
 * @param height rows, &gt; 0
 * @param channels 3 (RGB) or 1 (grey)
 * @param pixels {@code height * width * channels} unsigned bytes
 */
public record Image8(int width, int height, int channels, byte[] pixels) {

    public Image8 {
        if (width <= 0) throw new IllegalArgumentException("width must be > 0, but was " + width);
        if (height <= 0) throw new IllegalArgumentException("height must be > 0, but was " + height);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, but was " + channels);
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixels length must be " + (long) width * height * channels + ", but was " + pixels.length);
        }
        pixels = pixels.clone();
    }

    /** A copy of the pixels. */
    @Override
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The value (0..255) at row {@code y}, column {@code x}, channel {@code c}. */
    public int get(int y, int x, int c) {
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    /** The NHWC shape with batch 1. */
    public int[] shape() {
        return new int[] {1, height, width, channels};
    }

    /** Direct access for the resamplers (no copy). */
    byte[] raw() {
        return pixels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image8 i && width == i.width && height == i.height && channels == i.channels && java.util.Arrays.equals(pixels, i.pixels);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(pixels) * 31 + width * 7 + height * 3 + channels;
    }

    @Override
    public String toString() {
        return "Image8[" + width + "x" + height + "x" + channels + "]";
    }
}
