package dev.edgetpunas.training.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of (Fashion-)MNIST, plain or gzip-compressed (detected by the gzip magic, not
 * the file name). Header: two zero bytes, a type byte (only 0x08, unsigned byte, is accepted), a rank
 * byte, then one big-endian int32 per dimension; the payload must hold exactly the product of the
 * dimensions. Images are magic {@code 0x00000803} ({@code [count, rows, cols]}), labels {@code 0x00000801}
 * ({@code [count]}).
 *
 * <pre>{@code
 * Idx.Array images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));
 * images.dims();   // [60000, 28, 28]
 * Idx.Array labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class Idx {
    /** Magic number of an image file (unsigned bytes, rank 3). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file (unsigned bytes, rank 1). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /** The content of an IDX file: its dimensions and its unsigned-byte payload (row-major). */
    public record Array(Path file, int[] dims, byte[] data) {
        public Array {
            dims = dims.clone();
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** Element {@code i} as an unsigned value 0..255. */
        public int get(int i) {
            return data[i] & 0xFF;
        }
    }

    /** Reads an IDX file of unsigned bytes of any rank. */
    public static Array read(Path file) {
        byte[] raw = readAll(file);
        if (raw.length < 4) throw new IdxFormatException(file, raw.length, "file ends inside the 4-byte magic number");
        if (raw[0] != 0 || raw[1] != 0) {
            throw new IdxFormatException(file, 0, String.format("magic number must start with two zero bytes, but was 0x%02x%02x%02x%02x",
                    raw[0], raw[1], raw[2], raw[3]));
        }
        if ((raw[2] & 0xFF) != 0x08) {
            throw new IdxFormatException(file, 2, String.format("element type must be 0x08 (unsigned byte), but was 0x%02x", raw[2] & 0xFF));
        }
        int rank = raw[3] & 0xFF;
        if (rank < 1) throw new IdxFormatException(file, 3, "rank must be >= 1, but was 0");
        int header = 4 + 4 * rank;
        if (raw.length < header) {
            throw new IdxFormatException(file, raw.length, "file ends inside the header (" + rank + " dimensions need " + header + " bytes)");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            int o = 4 + 4 * d;
            dims[d] = ((raw[o] & 0xFF) << 24) | ((raw[o + 1] & 0xFF) << 16) | ((raw[o + 2] & 0xFF) << 8) | (raw[o + 3] & 0xFF);
            if (dims[d] < 1) throw new IdxFormatException(file, o, "dimension " + d + " must be >= 1, but was " + dims[d]);
            count *= dims[d];
        }
        long payload = raw.length - (long) header;
        if (payload != count) {
            throw new IdxFormatException(file, Math.min(raw.length, header + count), "dimensions " + Arrays.toString(dims) + " need "
                    + count + " bytes after the " + header + "-byte header, but the file has " + payload
                    + (payload < count ? " (truncated)" : " (trailing bytes)"));
        }
        return new Array(file, dims, Arrays.copyOfRange(raw, header, raw.length));
    }

    /** Reads an image file ({@code 0x00000803}, {@code [count, rows, cols]}). */
    public static Array readImages(Path file) {
        Array a = read(file);
        if (a.dims.length != 3) throw new IdxFormatException(file, 3, String.format(
                "an image file must have magic 0x%08x (rank 3), but rank was %d", IMAGES_MAGIC, a.dims.length));
        return a;
    }

    /** Reads a label file ({@code 0x00000801}, {@code [count]}). */
    public static Array readLabels(Path file) {
        Array a = read(file);
        if (a.dims.length != 1) throw new IdxFormatException(file, 3, String.format(
                "a label file must have magic 0x%08x (rank 1), but rank was %d", LABELS_MAGIC, a.dims.length));
        return a;
    }

    private static byte[] readAll(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                byte[] buf = new byte[1 << 16];
                long total = 0;
                try (GZIPInputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    int r;
                    while ((r = gz.read(buf)) > 0) {
                        out.write(buf, 0, r);
                        total += r;
                    }
                } catch (ZipException | java.io.EOFException e) {
                    throw new IdxFormatException(file, total, "corrupt gzip stream: " + e.getMessage());
                }
                return out.toByteArray();
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e, e);
        }
    }
}
