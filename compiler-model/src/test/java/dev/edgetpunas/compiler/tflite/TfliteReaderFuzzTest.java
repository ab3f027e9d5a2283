package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.edgetpunas.compiler.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutated real files (bit flips, truncations, overwritten and copied words at random offsets, biased
 * towards the flatbuffer's tables rather than the weights) must either read or fail with a
 * {@link ModelFormatException} naming the source and an offset; never anything else, never an
 * allocation beyond what the file can describe (an OutOfMemoryError fails the test too).
 */
class TfliteReaderFuzzTest {
    private static final long SEED = 0x7F1E5EEDL;

    @Test
    void mutatedRealFilesFailOnlyWithModelFormatException() throws IOException {
        SplittableRandom master = new SplittableRandom(SEED);
        int cases = 0, rejected = 0;
        for (Path f : TfliteRealFilesTest.realFiles()) {
            byte[] original = Files.readAllBytes(f);
            int n = original.length < 200_000 ? 800 : 25;
            String name = f.getFileName().toString();
            for (int k = 0; k < n; k++) {
                long caseSeed = master.nextLong();
                byte[] mutated = mutate(original, new SplittableRandom(caseSeed));
                cases++;
                try {
                    TfliteReader.read(mutated, name);
                } catch (ModelFormatException e) {
                    rejected++;
                    assertTrue(e.getMessage().startsWith(name + ": at offset "), e.getMessage());
                    assertTrue(e.offset() >= 0 && e.offset() <= mutated.length + 8L, e.getMessage());
                } catch (Throwable t) {
                    fail(name + ", case seed " + caseSeed + ": " + t, t);
                }
            }
        }
        assertTrue(cases >= 4000, "cases: " + cases);
        // the mutations reach the tables: a good share of cases is rejected
        assertTrue(rejected > cases / 5, rejected + " of " + cases + " rejected");
    }

    static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] m;
        int kind = r.nextInt(5);
        if (kind == 1) return Arrays.copyOf(original, r.nextInt(original.length));
        m = original.clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int pos = position(m.length, r);
            switch (kind) {
                case 0 -> m[pos] ^= (byte) (1 << r.nextInt(8));
                case 2 -> putInt(m, pos & (r.nextBoolean() ? ~3 : ~0), interesting(m.length, r));
                case 3 -> putInt(m, pos, getInt(m, position(m.length, r)));
                default -> {
                    int len = 1 + r.nextInt(16);
                    for (int i = 0; i < len && pos + i < m.length; i++) m[pos + i] = (byte) r.nextInt(256);
                }
            }
        }
        return m;
    }

    /** 60%: the first KiB or the last 64 KiB, where TFLite files keep their tables; else anywhere. */
    private static int position(int size, SplittableRandom r) {
        if (r.nextInt(10) < 6) {
            int head = Math.min(1024, size), tail = Math.min(65536, size);
            int p = r.nextInt(head + tail);
            return p < head ? p : size - tail + (p - head);
        }
        return r.nextInt(size);
    }

    private static int interesting(int size, SplittableRandom r) {
        int[] v = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff, size, size - 4, size + 4, 1 << 30, r.nextInt(64), r.nextInt()};
        return v[r.nextInt(v.length)];
    }

    private static void putInt(byte[] b, int pos, int v) {
        if (pos + 4 <= b.length) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(pos, v);
    }

    private static int getInt(byte[] b, int pos) {
        return pos + 4 <= b.length ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(pos) : 0;
    }
}
