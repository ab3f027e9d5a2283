package dev.edgetpunas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.cli.Json;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One pipeline process: settings, profiles, the output directory, threads, the current stage's
 * deadline and progress, and what stages share (the proxy cache, Fashion-MNIST, earlier stages'
 * results read back from {@code DIR/stages/}).
 */
final class Run {
    /** Test knob: the first search throws {@link Interrupted} once a checkpoint holds at least this many evaluations (0: never). */
    record Hooks(int interruptSearchAfter) {
        static final Hooks NONE = new Hooks(0);
    }

    /** Thrown by a test hook to stop the process as a kill would (outputs and manifest as they are). */
    static final class Interrupted extends RuntimeException {
        Interrupted(String message) {
            super(message);
        }
    }

    final PipelineSettings settings;
    final Profile profile;
    final Profile cpu;
    final Path dir;
    final int threads;
    final Path dataDir;
    final double timeBudgetS;
    final PrintStream err;
    final boolean terminal;
    Hooks hooks;
    Deadline deadline = Deadline.NONE;
    String label = "";
    private ProxyCache proxy;
    private FashionMnist data;
    private Boolean swishAndSe;

    Run(PipelineSettings settings, Profile profile, Profile cpu, Path dir, int threads, Path dataDir, double timeBudgetS, PrintStream err,
            boolean terminal, Hooks hooks) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.threads = threads;
        this.dataDir = dataDir;
        this.timeBudgetS = timeBudgetS;
        this.err = err;
        this.terminal = terminal;
        this.hooks = hooks;
    }

    /** The shared proxy estimator (created on first use; Fashion-MNIST must be present). */
    synchronized ProxyCache proxy() {
        if (proxy == null) {
            proxy = ProxyCache.open(ProxyEstimator.create(dataDir, settings.proxyBudget()), settings.seed(), dir.resolve(ProxyCache.FILE));
        }
        return proxy;
    }

    /** Fashion-MNIST (loaded on first use). */
    synchronized FashionMnist data() {
        if (data == null) {
            data = FashionMnist.load(FashionMnist.locate(dataDir).orElseThrow(() -> new IllegalArgumentException(FashionMnist.HOW_TO_GET)));
        }
        return data;
    }

    /**
     * Whether swish and squeeze-and-excitation are in the search space (both searches use the same
     * space): as {@code edgetpu-nas search} decides, true when the Edge TPU profile's compiler maps
     * EfficientNet-EdgeTPU-S with swish and SE on every MBConv stage entirely to the Edge TPU.
     */
    synchronized boolean swishAndSe() {
        if (swishAndSe == null) swishAndSe = EdgeTpuSpace.swishAndSeMapped(new Simulator(profile, 0));
        return swishAndSe;
    }

    EdgeTpuSpace space() {
        return new EdgeTpuSpace(swishAndSe());
    }

    Path stageFile(Stage s) {
        return dir.resolve("stages").resolve(s.id() + ".json");
    }

    /** An earlier stage's result. */
    ObjectNode result(Stage s) {
        Path f = stageFile(s);
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            if (!(n instanceof ObjectNode o)) throw new IllegalArgumentException(f + " is not a JSON object");
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the result of stage " + s.id() + " (" + f + "): " + e.getMessage(), e);
        }
    }

    void writeResult(Stage s, ObjectNode result) {
        AtomicFiles.writeString(stageFile(s), Json.pretty(result) + "\n");
    }

    Path mkdirs(String sub) {
        Path p = dir.resolve(sub);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    StageProgress progress(long max, String unit) {
        return StageProgress.start(err, terminal, label, max, unit);
    }
}
