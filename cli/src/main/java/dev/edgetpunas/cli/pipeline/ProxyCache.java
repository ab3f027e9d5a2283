package dev.edgetpunas.cli.pipeline;

import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import dev.edgetpunas.training.graph.ProxyTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy accuracy of the pipeline, shared by both searches and the scaling stage: the proxy
 * estimator's accuracy of the network it actually trains (the architecture adapted to Fashion-MNIST),
 * with a seed derived from the run's seed and that network, so an architecture has one proxy accuracy
 * in the whole run whichever search asks first. Estimates are kept in memory and in
 * {@code DIR/proxy-cache.csv} (rewritten atomically after each new one), so the cpu-only search reuses
 * the Edge TPU search's trainings (both start from the same random population) and a resumed run
 * retrains nothing it already has. The engine's per-candidate seed is ignored: the search already
 * keeps one accuracy per genome, and this makes it one per network across searches.
 *
 * <pre>{@code
 * ProxyCache proxy = ProxyCache.open(ProxyEstimator.create(null, budget), seed, dir.resolve(ProxyCache.FILE));
 * SearchRun.builder(config).proxyEstimator(proxy) ...;
 * proxy.hits();   // estimates served without training
 * }</pre>
 */
final class ProxyCache implements AccuracyEstimator {
    static final String FILE = "proxy-cache.csv";

    private final ProxyEstimator proxy;
    private final long seed;
    private final Path file;
    private final String header;
    private final ConcurrentMap<String, CompletableFuture<Estimate>> memo = new ConcurrentHashMap<>();
    /** Successful estimates in the order they were made: key -> {accuracy, network}. */
    private final Map<String, String[]> persisted = new LinkedHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger trained = new AtomicInteger();

    private ProxyCache(ProxyEstimator proxy, long seed, Path file) {
        this.proxy = proxy;
        this.seed = seed;
        this.file = file;
        this.header = "# edgetpu-nas pipeline proxy cache: seed " + seed + ", budget " + proxy.budget();
    }

    /**
     * A cache over {@code proxy}, loading {@code file} when it was written with the same seed and
     * budget (otherwise it starts empty and replaces the file).
     */
    static ProxyCache open(ProxyEstimator proxy, long seed, Path file) {
        ProxyCache c = new ProxyCache(proxy, seed, file);
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).equals(c.header)) {
                    for (String line : lines.subList(1, lines.size())) {
                        if (line.isBlank() || line.startsWith("key,")) continue;
                        String[] f = line.split(",", 3);
                        if (f.length < 3) throw new IllegalArgumentException(file + ": bad line '" + line + "'");
                        double acc = Double.parseDouble(f[1]);
                        c.persisted.put(f[0], new String[] {f[1], f[2]});
                        c.memo.put(f[0], CompletableFuture.completedFuture(Estimate.ok(acc)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": bad accuracy: " + e.getMessage(), e);
            }
        }
        return c;
    }

    @Override
    public String name() {
        return "proxy";
    }

    ProxyEstimator.Budget budget() {
        return proxy.budget();
    }

    /** Estimates served from memory or the file, without training. */
    int hits() {
        return hits.get();
    }

    /** Networks trained by this process. */
    int trained() {
        return trained.get();
    }

    /** Networks with a proxy accuracy (this process and earlier ones of the run). */
    int size() {
        synchronized (persisted) {
            return persisted.size();
        }
    }

    @Override
    public Estimate estimate(Architecture architecture, long ignoredSeed) {
        Optional<EfficientNetSpec> spec;
        try {
            spec = ProxyEstimator.specOf(architecture);
        } catch (IllegalArgumentException e) {
            return Estimate.failed(e.getMessage());
        }
        if (spec.isEmpty()) return proxy.estimate(architecture, seed); // fails with the estimator's own message
        EfficientNetSpec adapted = ProxyTask.adapt(spec.get(), proxy.budget().widthFactor());
        String network = BlocksFile.format(adapted.withName("proxy"));
        String key = sha256(network).substring(0, 20);
        CompletableFuture<Estimate> mine = new CompletableFuture<>();
        CompletableFuture<Estimate> prior = memo.putIfAbsent(key, mine);
        if (prior != null) {
            hits.incrementAndGet();
            return prior.join();
        }
        Estimate e;
        try {
            e = proxy.estimate(architecture, seedFor(key));
        } catch (RuntimeException ex) {
            e = Estimate.failed("proxy training failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        if (e instanceof Estimate.Ok ok) {
            trained.incrementAndGet();
            persist(key, ok.accuracy(), String.join(" ", network.lines().filter(l -> l.matches("r\\d.*")).toList()));
        } else {
            memo.remove(key, mine); // failures are not kept: a later call retries
        }
        mine.complete(e);
        return e;
    }

    /** The training seed of a network: a function of the run's seed and the network only. */
    long seedFor(String key) {
        long h = Long.parseUnsignedLong(key.substring(0, 16), 16);
        return new SplittableRandom(seed ^ h).nextLong();
    }

    private void persist(String key, double accuracy, String network) {
        synchronized (persisted) {
            persisted.put(key, new String[] {Double.toString(accuracy), network});
            StringBuilder sb = new StringBuilder(header).append('\n').append("key,accuracy,network\n");
            for (Map.Entry<String, String[]> x : persisted.entrySet()) {
                sb.append(x.getKey()).append(',').append(x.getValue()[0]).append(',').append(x.getValue()[1]).append('\n');
            }
            AtomicFiles.writeString(file, sb.toString());
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ProxyCache[%d networks, seed %d]", size(), seed);
    }
}
