package dev.edgetpunas.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, int payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        for (int i = 0; i < payload; i++) b.put((byte) (i * 7));
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void plainAndGzipFilesReadTheSameImages() throws IOException {
        byte[] raw = idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 4}, 24);
        Idx.Array a = Idx.readImages(write("a-idx3-ubyte", raw));
        Idx.Array b = Idx.readImages(write("b-idx3-ubyte.gz", gzip(raw)));
        assertArrayEquals(new int[] {3, 2, 4}, a.dims());
        assertArrayEquals(a.data(), b.data());
        assertEquals((7 * 23) & 0xFF, a.get(23), "values are unsigned");
    }

    @Test
    void labelFilesHaveRankOne() throws IOException {
        Idx.Array l = Idx.readLabels(write("l", idx(Idx.LABELS_MAGIC, new int[] {5}, 5)));
        assertEquals(5, l.data().length);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(write("i", idx(Idx.IMAGES_MAGIC, new int[] {1, 1, 1}, 1))));
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void truncatedPayloadIsReportedWithFileAndOffset() throws IOException {
        Path p = write("trunc.gz", gzip(idx(Idx.IMAGES_MAGIC, new int[] {10, 28, 28}, 7000)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(p));
        assertEquals(p, e.file());
        assertEquals(16 + 7000, e.offset(), "the offset is where the data ends");
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("7840"), e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path p = write("long", idx(Idx.LABELS_MAGIC, new int[] {4}, 5));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void badMagicTypeAndRankAreRejectedAtTheirOffsets() throws IOException {
        byte[] notIdx = "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0, assertThrows(IdxFormatException.class, () -> Idx.read(write("txt", notIdx))).offset());
        byte[] floats = idx(0x00000D01, new int[] {1}, 1);
        assertEquals(2, assertThrows(IdxFormatException.class, () -> Idx.read(write("f", floats))).offset());
        byte[] rank0 = {0, 0, 8, 0};
        assertEquals(3, assertThrows(IdxFormatException.class, () -> Idx.read(write("r0", rank0))).offset());
        byte[] shortHeader = {0, 0, 8, 3, 0, 0, 0, 1};
        assertEquals(8, assertThrows(IdxFormatException.class, () -> Idx.read(write("sh", shortHeader))).offset());
        assertEquals(2, assertThrows(IdxFormatException.class, () -> Idx.read(write("tiny", new byte[] {0, 0}))).offset());
        byte[] zeroDim = idx(Idx.IMAGES_MAGIC, new int[] {0, 28, 28}, 0);
        assertEquals(4, assertThrows(IdxFormatException.class, () -> Idx.read(write("z", zeroDim))).offset());
    }

    @Test
    void corruptGzipAndMissingFilesAreBadInput() throws IOException {
        byte[] gz = gzip(idx(Idx.LABELS_MAGIC, new int[] {100}, 100));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(write("cut.gz", cut)));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("nope.gz")));
        assertTrue(missing.getMessage().contains("nope.gz"), missing.getMessage());
    }
}
