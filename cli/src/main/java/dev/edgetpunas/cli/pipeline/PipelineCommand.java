package dev.edgetpunas.cli.pipeline;

import dev.edgetpunas.cli.BadInputException;
import dev.edgetpunas.cli.ProfileOption;
import dev.edgetpunas.cli.ProgressListener;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.training.data.FashionMnist;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgetpu-nas pipeline}: the main job, end to end, with an HTML report.
 *
 * <pre>{@code
 * ./edgetpu-nas pipeline                                   # defaults: 48 evaluations per search, runs/pipeline
 * ./edgetpu-nas pipeline --time-budget 30m --budget 120 --seed 7 --out runs/p7
 * ./edgetpu-nas pipeline --out runs/p7 --resume            # continue a killed run (same options)
 * }</pre>
 *
 * <p>Stages, each with its share of {@code --time-budget} ({@link Stage}): reference, search-edgetpu,
 * search-cpu, compare, scale, train, quantize, validate, report. Progress on stderr (bars in a terminal,
 * lines otherwise); the summary on stdout; everything else in {@code --out DIR}: {@code report.html},
 * {@code summary.json}, {@code manifest.json}, the searches' history CSVs and Pareto plots, Chrome traces,
 * the float and int8 {@code .tflite} files.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job: simulate reference models, search the edgetpu space on the Edge TPU profile and on cpu-only "
            + "(proxy accuracy on Fashion-MNIST), compare the winners stage by stage, compound-scale the Edge TPU winner, train it, "
            + "quantize it to int8, validate the simulator, and write DIR/report.html.",
            "The time budget is split across the stages (search-edgetpu 46%%, search-cpu 20%%, train 15%%, scale 6%%, quantize 6%%, "
            + "report 3%%, validate 2%%, reference 1%%, compare 1%%; time a stage leaves unused passes on); a stage that reaches its end "
            + "does less work and the report says what was cut. A killed run continues with --resume."})
public final class PipelineCommand implements Callable<Integer> {

    @Mixin ProfileOption profileOption;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "15m",
            description = "Wall time for the whole run: 15m, 900s, 1h30m (default: ${DEFAULT-VALUE}).")
    String timeBudget;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "" + PipelineSettings.DEFAULT_BUDGET,
            description = "Evaluations per search (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--population", paramLabel = "P", defaultValue = "" + PipelineSettings.DEFAULT_POPULATION,
            description = "Evolution population (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--sample", paramLabel = "S", defaultValue = "" + PipelineSettings.DEFAULT_SAMPLE,
            description = "Tournament sample size (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "K", description = "Threads; results never depend on it (default: all processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/pipeline", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out DIR where it stopped (finished stages are kept; a search resumes "
            + "from its checkpoint). Needs the options the run was started with.")
    boolean resume;

    @Option(names = "--stop-after", paramLabel = "STAGE", description = "Stop after this stage (continue later with --resume).")
    String stopAfter;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the Fashion-MNIST .gz files (default: $EDGETPUNAS_DATA, "
            + "/usr/share/datasets/fashion-mnist, ~/.cache/edgetpu-nas/fashion-mnist).")
    Path data;

    // knobs for tests and experiments: they change results, so they are part of the settings --resume checks
    @Option(names = "--proxy-steps", hidden = true) Integer proxySteps;
    @Option(names = "--proxy-batch", hidden = true) Integer proxyBatch;
    @Option(names = "--proxy-train-images", hidden = true) Integer proxyTrainImages;
    @Option(names = "--proxy-eval-images", hidden = true) Integer proxyEvalImages;
    @Option(names = "--train-width", hidden = true) Double trainWidth;
    @Option(names = "--train-images", hidden = true) Integer trainImages;
    @Option(names = "--train-epochs", hidden = true) Integer trainEpochs;
    @Option(names = "--train-batch", hidden = true) Integer trainBatch;
    @Option(names = "--test-images", hidden = true) Integer testImages;
    @Option(names = "--calibration-images", hidden = true) Integer calibrationImages;
    /** Test knob: the first search stops as if killed once a checkpoint holds this many evaluations. */
    @Option(names = "--interrupt-search-after", hidden = true) int interruptSearchAfter;

    @Override
    public Integer call() {
        Profile profile = profileOption.profile();
        Profile cpu = ProfileLoader.load("cpu-only");
        double budgetS = parseDuration(timeBudget);
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (k < 1) throw new BadInputException("--threads must be >= 1, but was " + k);
        Optional<Stage> stop = stopAfter == null ? Optional.empty() : Optional.of(Stage.parse(stopAfter));
        PipelineSettings settings = settings(profile);
        if (FashionMnist.locate(data).isEmpty()) throw new BadInputException(FashionMnist.HOW_TO_GET);
        PrintStream err = System.err;
        mkdirs(out);
        Manifest m;
        Optional<Manifest> prior = Manifest.read(out);
        if (resume && prior.isPresent()) {
            List<String> diff = prior.get().settings().differences(settings);
            if (!diff.isEmpty()) {
                throw new BadInputException("--resume: " + out + " was started with other settings (then vs now): " + String.join("; ", diff)
                        + "; pass the same options, or another --out");
            }
            m = prior.get();
        } else {
            if (resume) err.println("pipeline: nothing to resume in " + out + "; starting a fresh run");
            clean(out);
            m = Manifest.fresh(settings);
        }
        m.startedProcess();
        m.write(out);
        boolean terminal = ProgressListener.stderrIsTerminal();
        Run run = new Run(settings, profile, cpu, out, k, data, budgetS, err, terminal, new Run.Hooks(interruptSearchAfter));
        err.printf(Locale.ROOT, "pipeline: %s, seed %d, profile %s (compiler %s) and cpu-only, %d evaluations per search, time budget %s, "
                + "%d thread%s, output in %s%n", m.processes() > 1 ? "resuming (process " + m.processes() + ")" : "starting", seed, profile.name(),
                settings.compiler(), budget, formatDuration(budgetS), k, k == 1 ? "" : "s", out);
        long t0 = System.nanoTime();
        double shares = 0;
        Stage[] all = Stage.values();
        for (int i = 0; i < all.length; i++) {
            Stage st = all[i];
            Manifest.StageState before = m.state(st);
            run.label = "[" + (i + 1) + "/" + all.length + "] " + st.id();
            if (before.status().finished()) {
                err.printf(Locale.ROOT, "pipeline %s: %s in an earlier run (%.1f s)%n", run.label, before.status().id(), before.wallS());
                if (stop.isPresent() && stop.get() == st) return stopped(err, st);
                continue;
            }
            shares += st.share();
            run.deadline = new Deadline(t0 + (long) (shares * budgetS * 1e9));
            m.set(st, new Manifest.StageState(Manifest.Status.RUNNING, before.wallS(), List.of()));
            m.write(out);
            err.printf(Locale.ROOT, "pipeline %s: %s (until %s)%n", run.label, st.description(), formatDuration((run.deadline.endNanos() - t0) / 1e9));
            err.flush();
            long s0 = System.nanoTime();
            StageOutcome o;
            try {
                o = st == Stage.REPORT ? Report.write(run, m, s0) : runStage(run, st);
            } catch (Run.Interrupted e) {
                err.println("pipeline: " + e.getMessage() + "; continue with --resume");
                err.flush();
                return 1;
            } catch (RuntimeException e) {
                err.println("pipeline " + run.label + " failed; after fixing the cause, continue with --resume --out " + out);
                err.flush();
                throw e;
            }
            double wall = before.wallS() + (System.nanoTime() - s0) / 1e9;
            run.writeResult(st, o.result());
            m.set(st, new Manifest.StageState(o.cuts().isEmpty() ? Manifest.Status.DONE : Manifest.Status.CUT, wall, o.cuts()));
            m.write(out);
            err.printf(Locale.ROOT, "pipeline %s: %s in %.1f s: %s%n", run.label, o.cuts().isEmpty() ? "done" : "cut", wall, o.line());
            for (String c : o.cuts()) err.println("pipeline " + run.label + ": cut: " + c);
            err.flush();
            if (stop.isPresent() && stop.get() == st && st != Stage.REPORT) return stopped(err, st);
        }
        System.out.print(Report.stdoutSummary(out, Report.readSummary(out)));
        System.out.flush();
        return 0;
    }

    private int stopped(PrintStream err, Stage st) {
        err.println("pipeline: stopped after " + st.id() + " as asked; continue with --resume --out " + out);
        err.flush();
        return 0;
    }

    private static StageOutcome runStage(Run r, Stage st) {
        return switch (st) {
            case REFERENCE -> ReferenceStage.run(r);
            case SEARCH_EDGETPU, SEARCH_CPU -> SearchStage.run(r, st);
            case COMPARE -> CompareStage.run(r);
            case SCALE -> ScaleStage.run(r);
            case TRAIN -> TrainStage.run(r);
            case QUANTIZE -> QuantizeStage.run(r);
            case VALIDATE -> ValidateStage.run(r);
            case REPORT -> throw new IllegalStateException("the report is written by Report");
        };
    }

    private PipelineSettings settings(Profile profile) {
        PipelineSettings d = PipelineSettings.defaults(seed, profile.name(), profile.digest(), profile.compiler().version().id());
        return new PipelineSettings(seed, profile.name(), profile.digest(), d.compiler(), budget, population, sample,
                or(proxySteps, d.proxySteps()), or(proxyBatch, d.proxyBatch()), or(proxyTrainImages, d.proxyTrainImages()),
                or(proxyEvalImages, d.proxyEvalImages()), trainWidth != null ? trainWidth : d.trainWidth(), or(trainImages, d.trainImages()),
                or(trainEpochs, d.trainEpochs()), or(trainBatch, d.trainBatch()), or(testImages, d.testImages()),
                or(calibrationImages, d.calibrationImages()));
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }

    /** Removes what a previous run in {@code dir} left that a fresh run must not reuse: checkpoints, the proxy cache, stage results. */
    static void clean(Path dir) {
        try {
            for (Stage s : Stage.values()) Files.deleteIfExists(dir.resolve(s.id()).resolve("checkpoint.json"));
            Files.deleteIfExists(dir.resolve(ProxyCache.FILE));
            Path stages = dir.resolve("stages");
            if (Files.isDirectory(stages)) {
                try (Stream<Path> files = Files.list(stages)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) Files.delete(f);
                }
            }
            Files.deleteIfExists(dir.resolve(Report.SUMMARY));
            Files.deleteIfExists(dir.resolve(Report.HTML));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms]?)");

    /** Seconds in {@code 15m}, {@code 900s}, {@code 900}, {@code 1h30m}, {@code 2.5m}; an error names {@code --time-budget}. */
    static double parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher m = DURATION_PART.matcher(t);
        double s = 0;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            s += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
            at = m.end();
            if (m.group(2).isEmpty() && at < t.length()) break;
        }
        if (t.isEmpty() || at != t.length()) {
            throw new BadInputException("--time-budget must be a duration such as 15m, 900s or 1h30m, but was '" + text + "'");
        }
        if (!(s > 0)) throw new BadInputException("--time-budget must be > 0, but was '" + text + "'");
        return s;
    }

    static String formatDuration(double s) {
        long r = Math.round(s);
        if (r >= 3600) return String.format(Locale.ROOT, "%dh%02dm%02ds", r / 3600, r / 60 % 60, r % 60);
        if (r >= 60) return String.format(Locale.ROOT, "%dm%02ds", r / 60, r % 60);
        return r + "s";
    }
}
