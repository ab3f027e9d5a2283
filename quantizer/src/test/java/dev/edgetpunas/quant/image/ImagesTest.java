package dev.edgetpunas.quant.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding and resizing against Pillow. The golden CRC32s and pixels were computed once with Pillow
 * 9.4.0 (Debian python3-pil): {@code Image.open(f).convert("RGB").resize((s, s), FILTER)},
 * {@code zlib.crc32(img.tobytes())}, {@code img.getpixel((x, y))}; an exact match means every byte
 * equals Pillow's.
 */
class ImagesTest {

    private static Image8 shared(String name) throws IOException {
        Optional<Path> p = SharedData.find("data/tflite/" + name);
        assumeTrue(p.isPresent(), SharedData.MISSING);
        return Images.read(p.get());
    }

    private static long crc(Image8 img) {
        CRC32 c = new CRC32();
        c.update(img.pixels());
        return c.getValue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bird.bmp, 512, 343, 3896649652, 63, 73, 34",
        "sunflower.bmp, 512, 340, 158014204, 121, 130, 83",
        "grace_hopper.bmp, 512, 600, 2705721102, 19, 22, 58",
        "parrot.jpg, 512, 929, 3796469417, 110, 132, 68",
    })
    void decodesLikePillow(String file, int w, int h, long crc, int r, int g, int b) throws IOException {
        Image8 img = shared(file);
        assertEquals(w, img.width());
        assertEquals(h, img.height());
        assertEquals(3, img.channels());
        assertArrayEquals(new int[] {r, g, b}, new int[] {img.get(10, 20, 0), img.get(10, 20, 1), img.get(10, 20, 2)}, "pixel at row 10, column 20");
        assertEquals(crc, crc(img), "all decoded bytes equal Pillow's");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "bird.bmp, LANCZOS, 224, 2834036959, 108, 102, 101",
        "bird.bmp, BILINEAR, 160, 934366656, 159, 153, 142",
        "bird.bmp, NEAREST, 224, 2817710035, 107, 101, 102",
        "bird.bmp, LANCZOS, 128, 1760930102, 1, 0, 0",
        "sunflower.bmp, LANCZOS, 224, 986791975, 248, 228, 0",
        "sunflower.bmp, NEAREST, 224, 92097409, 248, 228, 0",
        "grace_hopper.bmp, LANCZOS, 224, 55017941, 189, 174, 181",
        "grace_hopper.bmp, BILINEAR, 160, 2761831398, 13, 13, 15",
        "parrot.jpg, LANCZOS, 224, 2035532152, 64, 99, 82",
        "parrot.jpg, BILINEAR, 160, 1506476446, 90, 72, 89",
        "parrot.jpg, NEAREST, 224, 2448579617, 65, 102, 84",
        "parrot.jpg, LANCZOS, 128, 3457273651, 81, 120, 114",
    })
    void resizesExactlyLikePillow(String file, Resampler filter, int size, long crc, int r, int g, int b) throws IOException {
        Image8 img = filter.resize(shared(file), size, size);
        assertEquals(size, img.width());
        assertEquals(size, img.height());
        assertArrayEquals(new int[] {r, g, b}, new int[] {img.get(100, 50, 0), img.get(100, 50, 1), img.get(100, 50, 2)}, "pixel at row 100, column 50");
        assertEquals(crc, crc(img), "all resized bytes equal Pillow's");
    }

    @Test
    void greyBmpKeepsItsSamples() throws IOException {
        Optional<Path> p = SharedData.find("data/tflite/mnist_nine.bmp");
        assumeTrue(p.isPresent(), SharedData.MISSING);
        Image8 g = Images.read(p.get(), Images.Mode.GREY);
        assertEquals(28, g.width());
        assertEquals(1, g.channels());
        assertEquals(32, g.get(14, 14, 0));
        assertEquals(3369603055L, crc(g));
        Image8 rgb = Images.read(p.get());
        assertEquals(32, rgb.get(14, 14, 1));
    }

    @Test
    void pngRoundTripsAndGreyConversionUsesPillowWeights(@TempDir Path dir) throws IOException {
        BufferedImage bi = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, 0xFF8000);
        bi.setRGB(1, 0, 0x0000FF);
        Path f = dir.resolve("x.png");
        ImageIO.write(bi, "png", f.toFile());
        Image8 rgb = Images.read(f);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 0, 0, 0, (byte) 255}, rgb.pixels());
        Image8 grey = Images.read(f, Images.Mode.GREY);
        assertEquals((255 * 19595 + 128 * 38470 + 0x8000) >> 16, grey.get(0, 0, 0)); // 151
        assertEquals((255 * 7471 + 0x8000) >> 16, grey.get(0, 1, 0)); // 29
    }

    @Test
    void unreadableFilesAreRejectedWithTheirName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("not-an-image.jpg");
        Files.writeString(f, "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.read(f));
        assertEquals(true, e.getMessage().contains("not-an-image.jpg"));
    }

    @Test
    void inputTensorsShiftOrNormalise() {
        Image8 img = new Image8(2, 1, 1, new byte[] {0, (byte) 200});
        assertArrayEquals(new byte[] {0, (byte) 200}, InputTensors.uint8(img));
        assertArrayEquals(new byte[] {-128, 72}, InputTensors.int8(img));
        assertArrayEquals(new byte[] {-128, 72}, InputTensors.quantized(img, QType.INT8));
        // a MobileNet-style input: uint8 zp 128, scale 1/128 -> [-1, 1); the int8 twin (zp 0) gives the same floats
        assertArrayEquals(new float[] {-1f, 0.5625f}, InputTensors.floats(img, new PerTensor(1 / 128f, 128), QType.UINT8));
        assertArrayEquals(new float[] {-1f, 0.5625f}, InputTensors.floats(img, new PerTensor(1 / 128f, 0), QType.INT8));
        assertArrayEquals(new float[] {-1f, 0.5625f}, InputTensors.floats(img, 128f, 128f));
    }

    @Test
    void resizingToTheSameSizeIsIdentityAndParseNamesFilters() {
        Image8 img = new Image8(3, 2, 3, new byte[18]);
        assertEquals(img, Resampler.LANCZOS.resize(img, 3, 2));
        assertEquals(Resampler.BILINEAR, Resampler.parse("Bilinear"));
        assertThrows(IllegalArgumentException.class, () -> Resampler.parse("bicubic"));
        assertThrows(IllegalArgumentException.class, () -> new Image8(0, 1, 3, new byte[0]));
    }
}
