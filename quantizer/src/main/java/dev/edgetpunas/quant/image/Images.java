package dev.edgetpunas.quant.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes BMP, JPEG and PNG files (whatever {@code javax.imageio} reads) to 8-bit RGB or grey.
 * Colour conversion goes through {@link BufferedImage#getRGB}, so palette images come out as RGB; 8-bit
 * grey images keep their samples (replicated for RGB, as Pillow's {@code convert("RGB")}); grey is Pillow's {@code convert("L")}: {@code (19595 R + 38470 G + 7471 B + 0x8000) >> 16}.
 * Alpha is dropped (not composited). EXIF orientation is ignored, as Pillow's {@code Image.open} does.
 *
 * <pre>{@code
 * Image8 rgb = Images.read(Path.of("bird.bmp"));
 * Image8 grey = Images.read(Path.of("mnist_nine.bmp"), Images.Mode.GREY);
 * }</pre>
 */
public final class Images {
    private Images() {}

    /** Output colour mode. */
    public enum Mode {
        /** Three channels, R G B. */
        RGB,
        /** One luminance channel. */
        GREY
    }

    /** Reads an image file as RGB. */
    public static Image8 read(Path file) throws IOException {
        return read(file, Mode.RGB);
    }

    /** Reads an image file; throws {@link IllegalArgumentException} naming the file if no decoder accepts it. */
    public static Image8 read(Path file, Mode mode) throws IOException {
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (javax.imageio.IIOException e) {
            throw new IllegalArgumentException(file + ": cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException(file + ": not a readable image (supported: BMP, JPEG, PNG, GIF)");
        }
        return fromBufferedImage(img, mode);
    }

    private static boolean isGrey8(BufferedImage img) {
        var cm = img.getColorModel();
        return img.getRaster().getNumBands() == 1 && !(cm instanceof java.awt.image.IndexColorModel)
                && cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY && cm.getComponentSize(0) == 8;
    }

    /** Converts a decoded image. */
    public static Image8 fromBufferedImage(BufferedImage img, Mode mode) {
        int w = img.getWidth(), h = img.getHeight();
        if (isGrey8(img)) {
            // getRGB would treat the samples as linear grey and gamma-encode them; Pillow keeps them as they are
            int[] g = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            int channels = mode == Mode.RGB ? 3 : 1;
            byte[] px = new byte[w * h * channels];
            for (int i = 0; i < g.length; i++) for (int ch = 0; ch < channels; ch++) px[i * channels + ch] = (byte) g[i];
            return new Image8(w, h, channels, px);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int channels = mode == Mode.RGB ? 3 : 1;
        byte[] px = new byte[w * h * channels];
        for (int i = 0; i < argb.length; i++) {
            int r = (argb[i] >> 16) & 0xFF, g = (argb[i] >> 8) & 0xFF, b = argb[i] & 0xFF;
            if (mode == Mode.RGB) {
                px[3 * i] = (byte) r;
                px[3 * i + 1] = (byte) g;
                px[3 * i + 2] = (byte) b;
            } else {
                px[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
        }
        return new Image8(w, h, channels, px);
    }
}
