package dev.edgetpunas.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path tmp;

    private Path fakeDir(String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        for (String f : FashionMnist.FILES) Files.write(d.resolve(f), new byte[] {1});
        return d;
    }

    @Test
    void lookupOrderIsExplicitThenEnvironmentThenDebianThenCache() throws IOException {
        Path explicit = fakeDir("explicit"), env = fakeDir("env"), deb = fakeDir("deb"), cache = fakeDir("cache");
        Path none = tmp.resolve("none");
        Map<String, String> e = Map.of(FashionMnist.ENV, env.toString());
        assertEquals(Optional.of(explicit), FashionMnist.locate(explicit, e, deb, cache));
        assertEquals(Optional.of(env), FashionMnist.locate(null, e, deb, cache));
        assertEquals(Optional.of(deb), FashionMnist.locate(null, Map.of(), deb, cache));
        assertEquals(Optional.of(cache), FashionMnist.locate(null, Map.of(), none, cache));
        assertEquals(Optional.empty(), FashionMnist.locate(null, Map.of(), none, none));
        Path parent = tmp.resolve("parent");
        Files.createDirectories(parent);
        Files.move(fakeDir("sub"), parent.resolve("fashion-mnist"));
        assertEquals(Optional.of(parent.resolve("fashion-mnist")),
                FashionMnist.locate(null, Map.of(FashionMnist.ENV, parent.toString()), none, none), "ENV may name the parent");
    }

    @Test
    void anExplicitDirectoryWithoutTheFilesSaysWhatIsMissingAndHowToGetIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.locate(tmp, Map.of(), tmp, tmp));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("apt-get install dataset-fashion-mnist"),
                e.getMessage());
        assertEquals(1, FashionMnist.HOW_TO_GET.lines().count());
    }

    @Test
    void wrongSizesAreRejected() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("small"));
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), IdxTest.gzip(IdxTest.idx(Idx.IMAGES_MAGIC, new int[] {2, 28, 28}, 2 * 784)));
        Files.write(d.resolve("train-labels-idx1-ubyte.gz"), IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new int[] {2}, 2)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.load(d));
        assertTrue(e.getMessage().contains("[60000, 28, 28]"), e.getMessage());
    }

    @Test
    void realDataHasTheDocumentedSizesBalancedClassesAndNormalisationConstants() {
        Optional<Path> dir = FashionMnist.locate(null);
        assumeTrue(dir.isPresent(), FashionMnist.HOW_TO_GET);
        FashionMnist d = FashionMnist.load(dir.get());
        assertEquals(60_000, d.train().size());
        assertEquals(10_000, d.test().size());
        for (int c : d.train().classCounts()) assertEquals(6000, c);
        for (int c : d.test().classCounts()) assertEquals(1000, c);
        double s = 0, s2 = 0;
        int n = d.train().size() * d.train().imageSize();
        for (int i = 0; i < d.train().size(); i++) {
            for (int j = 0; j < 784; j++) {
                double v = d.train().pixel(i, j) / 255.0;
                s += v;
                s2 += v * v;
            }
        }
        double mean = s / n, std = Math.sqrt(s2 / n - mean * mean);
        assertEquals(0.2860, mean, 5e-5, "Normalization.STANDARDIZED mean");
        assertEquals(0.3530, std, 5e-5, "Normalization.STANDARDIZED std");
    }

    @Test
    void seededShufflesSplitsAndSamplesAreReproducibleAndDisjoint() {
        int n = 200;
        byte[] px = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            px[i * 4] = (byte) i;
        }
        Dataset d = new Dataset("toy", 2, 2, 1, 10, px, labels);
        var f = RandomGeneratorFactory.of("L64X128MixRandom");
        Dataset.Split a = d.split(0.75, f.create(5));
        Dataset.Split b = d.split(0.75, f.create(5));
        assertEquals(150, a.first().size());
        assertEquals(50, a.second().size());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Dataset part : new Dataset[] {a.first(), a.second()}) {
            for (int i = 0; i < part.size(); i++) assertTrue(seen.add(part.pixel(i, 0)), "sample in both parts");
        }
        assertEquals(n, seen.size());
        for (int i = 0; i < 150; i++) assertEquals(a.first().pixel(i, 0), b.first().pixel(i, 0), "same seed, same split");
        assertArrayEquals(d.permutation(f.create(9)), d.permutation(f.create(9)));
        assertTrue(!java.util.Arrays.equals(d.permutation(f.create(9)), d.permutation(f.create(10))), "different seeds differ");
        float[] x = new float[2 * 4];
        int[] y = new int[2];
        d.batch(new int[] {3, 255 % n}, 0, 2, Normalization.UNIT_RANGE, x, y);
        assertEquals(3 / 255f, x[0], 1e-7);
        assertEquals(3, y[0]);
        assertThrows(IllegalArgumentException.class, () -> new Dataset("bad", 2, 2, 1, 10, new byte[4], new int[] {10}));
    }

    /** Downloads the Debian package (about 30 MB) into a temporary cache: run with -Pevidence. */
    @Test
    @Tag("evidence")
    void fetchToCacheFillsACacheDirectoryWithoutRoot() {
        Path cache = FashionMnist.fetchToCache(tmp.resolve("cache"));
        assertTrue(FashionMnist.complete(cache));
        assertEquals(10_000, FashionMnist.load(cache).test().size());
    }
}
