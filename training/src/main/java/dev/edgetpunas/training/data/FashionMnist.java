package dev.edgetpunas.training.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images, 28x28 grey, 10 classes,
 * as shipped by Debian's package {@code dataset-fashion-mnist}
 * ({@code /usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz}).
 *
 * <p>The directory is looked up in this order: an explicit directory (the CLI's {@code --data DIR}), the
 * environment variable {@code EDGETPUNAS_DATA} (the directory itself or its {@code fashion-mnist}
 * sub-directory), the installed Debian path, then the user cache {@code ~/.cache/edgetpu-nas/fashion-mnist},
 * which {@link #fetchToCache} fills without root ({@code apt-get download} + {@code dpkg-deb -x}); nothing is
 * downloaded unless that method is called. Sizes are checked on load.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(FashionMnist.locate(null).orElseThrow(
 *         () -> new IllegalArgumentException(FashionMnist.HOW_TO_GET)));
 * data.train().size();   // 60000
 * }</pre>
 */
public record FashionMnist(Path directory, Dataset train, Dataset test) {
    /** The four file names. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    /** Where Debian's package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The environment variable naming a data directory. */
    public static final String ENV = "EDGETPUNAS_DATA";
    /** The Debian package. */
    public static final String PACKAGE = "dataset-fashion-mnist";
    /** One line saying how to get the data. */
    public static final String HOW_TO_GET = "Fashion-MNIST not found: install it with 'apt-get install " + PACKAGE
            + "', or fetch it without root into ~/.cache/edgetpu-nas/fashion-mnist (FashionMnist.fetchToCache), or point "
            + ENV + " (or --data) at a directory holding " + FILES.get(0) + " and the other three files";
    /** Class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public FashionMnist {
        if (train == null || test == null) throw new IllegalArgumentException("train and test must not be null");
    }

    /** The user cache directory {@code ~/.cache/edgetpu-nas/fashion-mnist}. */
    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "edgetpu-nas", "fashion-mnist");
    }

    /** Looks the data up in the documented order, reading the real environment. */
    public static Optional<Path> locate(Path explicitDir) {
        return locate(explicitDir, System.getenv(), DEBIAN_DIR, cacheDir());
    }

    /**
     * Looks the data up: {@code explicitDir} (when not null it must hold the files, otherwise this throws
     * naming the missing file), then {@code env.get(ENV)}, {@code debianDir}, {@code cacheDir}.
     */
    public static Optional<Path> locate(Path explicitDir, Map<String, String> env, Path debianDir, Path cacheDir) {
        if (explicitDir != null) {
            for (String f : FILES) {
                if (!Files.isRegularFile(explicitDir.resolve(f))) {
                    throw new IllegalArgumentException("data directory " + explicitDir + " has no " + f + "; " + HOW_TO_GET);
                }
            }
            return Optional.of(explicitDir);
        }
        List<Path> candidates = new ArrayList<>();
        String e = env.get(ENV);
        if (e != null && !e.isBlank()) {
            candidates.add(Path.of(e));
            candidates.add(Path.of(e, "fashion-mnist"));
        }
        candidates.add(debianDir);
        candidates.add(cacheDir);
        for (Path c : candidates) if (complete(c)) return Optional.of(c);
        return Optional.empty();
    }

    /** Whether {@code dir} holds all four files. */
    public static boolean complete(Path dir) {
        for (String f : FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
        return true;
    }

    /** Loads and checks the four files in {@code dir} (60k/10k images of 28x28, labels 0..9). */
    public static FashionMnist load(Path dir) {
        Dataset train = read(dir, "train", 60_000);
        Dataset test = read(dir, "t10k", 10_000);
        return new FashionMnist(dir, train, test);
    }

    /** Loads from the first directory {@link #locate} finds, or throws with {@link #HOW_TO_GET}. */
    public static FashionMnist loadDefault() {
        return load(locate(null).orElseThrow(() -> new IllegalArgumentException(HOW_TO_GET)));
    }

    private static Dataset read(Path dir, String prefix, int expected) {
        Path imgFile = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path lblFile = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        Idx.Array img = Idx.readImages(imgFile);
        Idx.Array lbl = Idx.readLabels(lblFile);
        int[] d = img.dims();
        if (d[0] != expected || d[1] != 28 || d[2] != 28) {
            throw new IdxFormatException(imgFile, 4, "Fashion-MNIST " + prefix + " images must be [" + expected + ", 28, 28], but were "
                    + java.util.Arrays.toString(d));
        }
        if (lbl.dims()[0] != expected) {
            throw new IdxFormatException(lblFile, 4, "Fashion-MNIST " + prefix + " must have " + expected + " labels, but had " + lbl.dims()[0]);
        }
        int[] labels = new int[expected];
        for (int i = 0; i < expected; i++) {
            labels[i] = lbl.get(i);
            if (labels[i] > 9) throw new IdxFormatException(lblFile, 8 + i, "label must be 0..9, but was " + labels[i]);
        }
        return new Dataset("fashion-mnist/" + (prefix.equals("t10k") ? "test" : "train"), 28, 28, 1, 10, img.data(), labels);
    }

    /**
     * Fills {@code cacheDir} without root: {@code apt-get download dataset-fashion-mnist} into a temporary
     * directory, {@code dpkg-deb -x} the package, and moves the four files into {@code cacheDir}. Needs
     * {@code apt-get} and {@code dpkg-deb} on the PATH and a reachable Debian mirror. Returns {@code cacheDir}.
     * Call it only on explicit request (it downloads about 30 MB).
     */
    public static Path fetchToCache(Path cacheDir) {
        try {
            Path work = Files.createTempDirectory("edgetpunas-fmnist-");
            try {
                run(work, "apt-get", "download", PACKAGE);
                Path deb = null;
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(work, PACKAGE + "_*.deb")) {
                    for (Path p : ds) deb = p;
                }
                if (deb == null) throw new IllegalStateException("apt-get download " + PACKAGE + " produced no .deb in " + work);
                Path x = work.resolve("x");
                run(work, "dpkg-deb", "-x", deb.toString(), x.toString());
                Path src = x.resolve("usr/share/datasets/fashion-mnist");
                if (!complete(src)) throw new IllegalStateException("package " + deb.getFileName() + " does not hold " + FILES + " under " + src);
                Files.createDirectories(cacheDir);
                for (String f : FILES) {
                    Path tmp = cacheDir.resolve(f + ".part");
                    Files.copy(src.resolve(f), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, cacheDir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return cacheDir;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not fill " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8).strip();
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
