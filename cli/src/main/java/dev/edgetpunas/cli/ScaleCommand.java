package dev.edgetpunas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.compiler.zoo.BlocksFile;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.EfficientNetVariant;
import dev.edgetpunas.compiler.zoo.Models;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import dev.edgetpunas.scaling.AccuracySource;
import dev.edgetpunas.scaling.CoefficientGrid;
import dev.edgetpunas.scaling.CoefficientSearch;
import dev.edgetpunas.scaling.CompoundCoefficients;
import dev.edgetpunas.scaling.CompoundScaling;
import dev.edgetpunas.scaling.FamilyScaler;
import dev.edgetpunas.scaling.GridPoint;
import dev.edgetpunas.scaling.LatencyProbe;
import dev.edgetpunas.scaling.Member;
import dev.edgetpunas.scaling.ScalingListener;
import dev.edgetpunas.scaling.ScalingOptions;
import dev.edgetpunas.scaling.Step;
import dev.edgetpunas.scaling.TargetMatch;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.training.estimate.CommandEstimator;
import dev.edgetpunas.training.estimate.Estimate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgetpu-nas scale MODEL}: compound scaling of an EfficientNet-style network into a family,
 * with simulated latency on a profile.
 *
 * <pre>{@code
 * ./edgetpu-nas scale efficientnet-edgetpu-s --targets 1.5x,2.5x,4x
 * ./edgetpu-nas scale efficientnet-edgetpu-s --published edgetpu          # S scaled as M and L
 * ./edgetpu-nas scale mynet.blocks --phi 0,0.5,1 --coefficients 1.2,1.1,1.15 --json
 * ./edgetpu-nas scale efficientnet-edgetpu-s --targets 6,10 --search --accuracy-cmd 'python eval.py' --out runs/family
 * }</pre>
 */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compound-scale an EfficientNet-style network (depth alpha^phi, width beta^phi, resolution gamma^phi) into a",
            "family and simulate each member. With --targets, find for each latency target the slowest member that meets it",
            "and the closest one above it (latency moves in steps: rounded filters and repeats, the parameter cache)."})
public final class ScaleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "An EfficientNet zoo name (optionally @SIZE), a .blocks file or blocks:BLOCK,... (other networks have no block "
                    + "strings to scale).")
    String model;

    @Mixin ProfileOption profileOption;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    static final class Mode {
        @Option(names = "--targets", paramLabel = "MS,...", split = ",",
                description = "Latency targets in ms, or multiples of the base's latency with x (1.5x,2.5x,4x).")
        List<String> targets;

        @Option(names = "--phi", paramLabel = "PHI,...", split = ",", description = "Members at these compound coefficients (default 0,1,2,3).")
        List<Double> phis;

        @Option(names = "--published", paramLabel = "FAMILY",
                description = "Scale the base with a published table: efficientnet (B0-B7's coefficients) or edgetpu (S/M/L's).")
        String published;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Coefficients coefficients;

    static final class Coefficients {
        @Option(names = "--coefficients", paramLabel = "A,B,G", description = "alpha,beta,gamma (default 1.2,1.1,1.15).")
        String values;

        @Option(names = "--search", description = "Search alpha in [1.0, 1.4], beta and gamma in [1.0, 1.3] (step 0.05, "
                + "alpha*beta^2*gamma^2 in [1.9, 2.1]): best estimated accuracy per ms at phi = 1 (latency alone without --accuracy).")
        boolean search;
    }

    @Option(names = "--accuracy", paramLabel = "cmd|proxy", description = "Accuracy estimator for --search and the members: cmd (your command) "
            + "or proxy (28x28 proxy training).")
    String accuracy;

    @Option(names = "--accuracy-cmd", paramLabel = "CMD", description = "Command that reads the architecture as JSON on stdin and prints an "
            + "accuracy on its last line (implies --accuracy cmd).")
    String accuracyCmd;

    @Option(names = "--accuracy-timeout", paramLabel = "SECONDS", defaultValue = "3600", description = "Time limit per estimate (default 3600).")
    double accuracyTimeoutS;

    @Option(names = "--tolerance", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "A member is within its target when |latency - target| <= tolerance * target (default 0.05).")
    double tolerance;

    @Option(names = "--fine-tune-steps", paramLabel = "N", defaultValue = "4", description = "With --targets, move the resolution of the "
            + "members around a target by up to N steps of 8 to get closer (default 4; 0: keep gamma^phi).")
    int fineTuneSteps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed handed to the accuracy estimator (default 1).")
    long seed;

    @Option(names = "--threads", paramLabel = "K", defaultValue = "1", description = "Threads for the coefficient search (results do not depend on K).")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Write scale.json, one .blocks file per member and search.csv (with --search) to DIR.")
    Path out;

    @Option(names = "--json", description = "Print JSON: members (phi, depth_coefficient, width_coefficient, resolution, macs, params, "
            + "latency_ms, onchip_used_bytes, offchip_streamed_bytes, blocks, ...), alpha, beta, gamma.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Profile profile = profileOption.profile();
        if (threads < 1) throw new BadInputException("--threads must be >= 1, but was " + threads);
        EfficientNetSpec base = Models.efficientNetSpec(model).orElseThrow(() -> new BadInputException(model
                + " is not built from EfficientNet block strings, so it cannot be compound-scaled by their rules; "
                + "pass an EfficientNet zoo name, a .blocks file or blocks:BLOCK,..."));
        Optional<AccuracySource> acc = accuracySource();
        boolean published = mode != null && mode.published != null;
        boolean search = coefficients != null && coefficients.search;
        if (published && coefficients != null) {
            throw new BadInputException("--published uses the table's coefficients: drop --coefficients/--search");
        }
        ScalingOptions opts = ScalingOptions.DEFAULT.withTolerance(tolerance);
        if (fineTuneSteps < 0 || fineTuneSteps > 64) throw new BadInputException("--fine-tune-steps must be in 0..64, but was " + fineTuneSteps);
        opts = opts.withFineTuning(opts.fineTuneAbove(), fineTuneSteps);
        Simulator sim = new Simulator(profile);
        FamilyScaler scaler = new FamilyScaler(base, LatencyProbe.of(sim), opts, ScalingListener.NONE);
        Member baseMember = scaler.baseMember();

        List<String> notes = new ArrayList<>();
        CompoundCoefficients c = coefficients != null && coefficients.values != null ? CompoundCoefficients.parse(coefficients.values)
                : CompoundCoefficients.DEFAULT;
        Optional<CoefficientSearch.Result> searchResult = Optional.empty();
        if (search) {
            CoefficientSearch.Result r = runSearch(scaler, acc);
            searchResult = Optional.of(r);
            c = r.best().coefficients();
            notes.addAll(r.notes());
        }

        List<Row> rows = new ArrayList<>();
        String modeId;
        if (published) {
            modeId = "published";
            EfficientNetVariant.Family fam = EfficientNetVariant.Family.parse(mode.published);
            for (EfficientNetVariant v : EfficientNetVariant.of(fam)) rows.add(new Row(scaler.published(v), Optional.empty(), v.modelName()));
        } else if (mode != null && mode.targets != null) {
            modeId = "targets";
            List<Double> ts = targets(mode.targets, baseMember.latencyMs());
            for (TargetMatch t : scaler.meet(ts, c)) rows.add(new Row(t.member(), Optional.of(t), null));
        } else {
            modeId = "phi";
            List<Double> phis = mode != null && mode.phis != null ? mode.phis : List.of(0.0, 1.0, 2.0, 3.0);
            for (double phi : phis) {
                if (phi < -10 || phi > 10) throw new BadInputException("--phi must be in [-10, 10], but was " + phi);
                rows.add(new Row(scaler.member(phi, c), Optional.empty(), null));
            }
        }
        if (acc.isPresent()) rows = withAccuracy(rows, acc.get(), base);

        ObjectNode report = report(profile, baseMember, modeId, published ? null : c, acc, notes, searchResult, rows);
        if (out != null) writeOut(report, rows, searchResult);
        if (json) {
            System.out.println(Json.pretty(report));
            return 0;
        }
        System.out.print(text(profile, baseMember, modeId, published ? null : c, notes, searchResult, rows));
        return 0;
    }

    /** A member to print: with its target when targets were asked, or the published variant it copies. */
    record Row(Member member, Optional<TargetMatch> target, String variant) {}

    private Optional<AccuracySource> accuracySource() {
        if (accuracy == null && accuracyCmd == null) return Optional.empty();
        String kind = accuracy == null ? "cmd" : accuracy.trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "cmd" -> {
                if (accuracyCmd == null || accuracyCmd.isBlank()) throw new BadInputException("--accuracy cmd needs --accuracy-cmd CMD");
                if (!(accuracyTimeoutS > 0)) throw new BadInputException("--accuracy-timeout must be > 0, but was " + accuracyTimeoutS);
                CommandEstimator e = CommandEstimator.shell(accuracyCmd).timeout(Duration.ofMillis(Math.round(accuracyTimeoutS * 1000))).build();
                return Optional.of(AccuracySource.seeingResolution(e));
            }
            case "proxy" -> {
                if (accuracyCmd != null) throw new BadInputException("--accuracy-cmd goes with --accuracy cmd, not proxy");
                return Optional.of(proxy());
            }
            default -> throw new BadInputException("--accuracy must be cmd or proxy, but was '" + accuracy + "'");
        }
    }

    /**
     * The proxy accuracy (training module, Fashion-MNIST at 28x28, default budget). It cannot see the
     * resolution, so the coefficient search chooses gamma by latency alone and says so.
     */
    private static AccuracySource proxy() {
        return AccuracySource.blindToResolution(ProxyEstimator.create(null, ProxyEstimator.Budget.defaults()));
    }

    private CoefficientSearch.Result runSearch(FamilyScaler scaler, Optional<AccuracySource> acc) {
        int total = CoefficientGrid.DEFAULT.points().size();
        boolean bar = System.console() != null && !json;
        ProgressBar pb = bar ? new ProgressBarBuilder().setTaskName("coefficient search").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build() : null;
        try {
            ScalingListener l = new ScalingListener() {
                @Override
                public void gridPoint(GridPoint p, int done, int n) {
                    if (pb != null) pb.stepTo(done);
                }
            };
            return CoefficientSearch.run(scaler, CoefficientGrid.DEFAULT, acc, seed, threads, l);
        } finally {
            if (pb != null) pb.close();
        }
    }

    private List<Row> withAccuracy(List<Row> rows, AccuracySource acc, EfficientNetSpec base) {
        Map<Member, Member> done = new LinkedHashMap<>();
        List<Row> outRows = new ArrayList<>();
        for (Row r : rows) {
            Member m = done.computeIfAbsent(r.member(), x -> x.withAccuracy(acc.estimate(x.spec(), base, seed)));
            outRows.add(new Row(m, r.target(), r.variant()));
        }
        return outRows;
    }

    /** Targets in ms; {@code Nx} is N times the base's latency. */
    static List<Double> targets(List<String> texts, double baseMs) {
        List<Double> out = new ArrayList<>();
        for (String s : texts) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            boolean times = t.endsWith("x");
            String num = times ? t.substring(0, t.length() - 1) : t.endsWith("ms") ? t.substring(0, t.length() - 2) : t;
            double v;
            try {
                v = Double.parseDouble(num.trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("--targets: '" + s + "' is not a latency in ms (5.5) or a multiple of the base's latency (2x)");
            }
            if (!(v > 0) || !Double.isFinite(v)) throw new BadInputException("--targets: a target must be > 0, but was '" + s + "'");
            out.add(times ? v * baseMs : v);
        }
        return out;
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    private ObjectNode report(Profile profile, Member base, String modeId, CompoundCoefficients c, Optional<AccuracySource> acc,
            List<String> notes, Optional<CoefficientSearch.Result> search, List<Row> rows) {
        ObjectNode root = Json.report();
        ProfileOption.describe(root, profile);
        root.put("compiler", profile.compiler().version().id());
        ObjectNode b = root.putObject("base");
        b.put("model", model);
        b.put("name", base.name());
        b.put("resolution", base.resolution());
        b.put("macs", base.macs());
        b.put("params", base.params());
        b.put("latency_ms", base.latencyMs());
        root.put("mode", modeId);
        if (c == null) {
            root.putNull("alpha");
            root.putNull("beta");
            root.putNull("gamma");
        } else {
            root.put("alpha", c.alpha());
            root.put("beta", c.beta());
            root.put("gamma", c.gamma());
            root.put("flops_factor", c.flopsFactor());
        }
        root.put("tolerance", tolerance);
        root.put("seed", seed);
        if (acc.isPresent()) root.put("accuracy_source", acc.get().name());
        else root.putNull("accuracy_source");
        ArrayNode ns = root.putArray("notes");
        notes.forEach(ns::add);
        search.ifPresent(r -> root.set("search", searchJson(r)));
        ArrayNode members = root.putArray("members");
        for (Row r : rows) {
            ObjectNode m = memberJson(r.member());
            if (r.variant() != null) m.put("published_variant", r.variant());
            r.target().ifPresent(t -> {
                m.put("target_ms", t.targetMs());
                m.put("distance_to_target", t.distance());
                m.put("meets_target", t.meets());
                m.put("within_tolerance", t.withinTolerance());
                if (t.reason().isPresent()) m.put("reason", t.reason().get());
                else m.putNull("reason");
                if (t.otherSide().isPresent()) {
                    ObjectNode o = memberJson(t.otherSide().get());
                    o.put("distance_to_target", t.otherSideDistance().orElseThrow());
                    m.set("other_side", o);
                } else {
                    m.putNull("other_side");
                }
                if (t.step().isPresent()) m.set("step", stepJson(t.step().get()));
                else m.putNull("step");
            });
            members.add(m);
        }
        return root;
    }

    private static ObjectNode memberJson(Member m) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", m.name());
        putMember(o, m);
        if (m.accuracy().isPresent()) putAccuracy(o, m.accuracy().get(), "accuracy");
        ArrayNode blocks = o.putArray("blocks");
        m.blocks().forEach(blocks::add);
        return o;
    }

    /** A member's scaling and measurement as in {@code scale --json} (phi ... cpu_ops); the pipeline's report uses them too. */
    public static ObjectNode putMember(ObjectNode o, Member m) {
        if (m.phi().isPresent()) o.put("phi", m.phi().getAsDouble());
        else o.putNull("phi");
        o.put("depth_coefficient", m.depthCoefficient());
        o.put("width_coefficient", m.widthCoefficient());
        o.put("resolution", m.resolution());
        o.put("resolution_fine_tuned", m.resolutionFineTuned());
        o.put("stem_filters", m.stemFilters());
        o.put("head_filters", m.headFilters());
        o.put("macs", m.macs());
        o.put("params", m.params());
        o.put("latency_ms", m.latencyMs());
        o.put("onchip_used_bytes", m.measurement().onchipUsedBytes());
        o.put("offchip_streamed_bytes", m.measurement().offchipStreamedBytes());
        o.put("activation_link_bytes", m.measurement().activationLinkBytes());
        o.put("cpu_ops", m.measurement().cpuOps());
        return o;
    }

    /** {@code key}: the estimated accuracy, or null with {@code key_error} saying why the estimate failed. */
    public static void putAccuracy(ObjectNode o, Estimate e, String key) {
        if (e instanceof Estimate.Ok ok) o.put(key, ok.accuracy());
        else {
            o.putNull(key);
            o.put(key + "_error", ((Estimate.Failed) e).reason());
        }
    }

    private static ObjectNode stepJson(Step s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("from_ms", s.from().latencyMs());
        o.put("to_ms", s.to().latencyMs());
        o.put("from", s.from().label());
        o.put("to", s.to().label());
        ArrayNode ch = o.putArray("changes");
        s.changes().forEach(ch::add);
        ArrayNode ca = o.putArray("causes");
        s.causes().forEach(ca::add);
        return o;
    }

    private static ObjectNode searchJson(CoefficientSearch.Result r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("scoring", r.scoring().id());
        o.put("grid_points", r.points().size());
        o.set("best", pointJson(r.best()));
        ArrayNode pts = o.putArray("points");
        r.points().forEach(p -> pts.add(pointJson(p)));
        return o;
    }

    private static ObjectNode pointJson(GridPoint p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("alpha", p.coefficients().alpha());
        o.put("beta", p.coefficients().beta());
        o.put("gamma", p.coefficients().gamma());
        o.put("flops_factor", p.coefficients().flopsFactor());
        o.put("latency_ms", p.member().latencyMs());
        o.put("macs", p.member().macs());
        if (p.member().accuracyValue().isPresent()) o.put("accuracy", p.member().accuracyValue().getAsDouble());
        else o.putNull("accuracy");
        if (p.ok()) o.put("score", p.score());
        else o.putNull("score");
        o.put("status", p.ok() ? "ok" : "failed");
        p.failure().ifPresent(f -> o.put("reason", f));
        return o;
    }

    // ---- files --------------------------------------------------------------------------------------

    private void writeOut(ObjectNode report, List<Row> rows, Optional<CoefficientSearch.Result> search) {
        AtomicFiles.writeString(out.resolve("scale.json"), Json.pretty(report) + "\n");
        List<String> written = new ArrayList<>();
        for (Row r : rows) {
            Member m = r.member();
            String file = m.name().replaceAll("[^A-Za-z0-9._@-]", "_") + ".blocks";
            if (written.contains(file)) continue;
            written.add(file);
            StringBuilder sb = new StringBuilder();
            sb.append("# ").append(m.name()).append(": scaled by edgetpu-nas scale from ").append(model).append('\n');
            sb.append(String.format(Locale.ROOT, "# depth %.6f, width %.6f, %dx%d; %.3f ms on %s%n", m.depthCoefficient(), m.widthCoefficient(),
                    m.resolution(), m.resolution(), m.latencyMs(), profileOption.profile().name()));
            r.target().ifPresent(t -> sb.append(String.format(Locale.ROOT, "# target %.3f ms, distance %+.2f%%%n", t.targetMs(), 100 * t.distance())));
            sb.append(BlocksFile.format(CompoundScaling.materialize(m.spec())));
            AtomicFiles.writeString(out.resolve(file), sb.toString());
        }
        search.ifPresent(s -> {
            StringBuilder csv = new StringBuilder("alpha,beta,gamma,flops_factor,macs,latency_ms,accuracy,score,status,reason\n");
            for (GridPoint p : s.points()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.6f,%d,%.6f,%s,%s,%s,%s%n", p.coefficients().alpha(), p.coefficients().beta(),
                        p.coefficients().gamma(), p.coefficients().flopsFactor(), p.member().macs(), p.member().latencyMs(),
                        p.member().accuracyValue().isPresent() ? Double.toString(p.member().accuracyValue().getAsDouble()) : "",
                        p.ok() ? String.format(Locale.ROOT, "%.8g", p.score()) : "", p.ok() ? "ok" : "failed",
                        p.failure().map(f -> '"' + f.replace("\"", "\"\"") + '"').orElse("")));
            }
            AtomicFiles.writeString(out.resolve("search.csv"), csv.toString());
        });
        System.err.println("edgetpu-nas: wrote scale.json, " + written.size() + " .blocks file(s)" + (search.isPresent() ? ", search.csv" : "")
                + " to " + out);
    }

    // ---- text ---------------------------------------------------------------------------------------

    private String text(Profile profile, Member base, String modeId, CompoundCoefficients c, List<String> notes,
            Optional<CoefficientSearch.Result> search, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "base: %s, %dx%d, %s MACs, %s params: %.3f ms on %s (compiler %s)%n", base.name(), base.resolution(),
                base.resolution(), TextTable.si(base.macs()), TextTable.si(base.params()), base.latencyMs(), profile.name(),
                profile.compiler().version().id()));
        if (search.isPresent()) sb.append(searchText(search.get()));
        if (c != null) {
            sb.append(String.format(Locale.ROOT, "scaling: %s%s; alpha*beta^2*gamma^2 = %.3f%n", c, search.isPresent() ? " (searched)" : "",
                    c.flopsFactor()));
        } else {
            sb.append("scaling: the published ").append(mode.published.toLowerCase(Locale.ROOT)).append(" table (width and depth relative to the base, "
                    + "published resolutions)\n");
        }
        for (String n : notes) sb.append("note: ").append(n).append('\n');
        sb.append('\n');
        boolean targets = modeId.equals("targets");
        boolean anyAcc = rows.stream().anyMatch(r -> r.member().accuracy().isPresent());
        List<String> header = new ArrayList<>();
        if (targets) header.addAll(List.of("target ms", "side"));
        if (modeId.equals("published")) header.add("variant");
        header.addAll(List.of("phi", "depth", "width", "res", "MACs", "params", "latency ms"));
        if (targets) header.add("distance");
        header.addAll(List.of("cached", "streamed"));
        if (anyAcc) header.add("accuracy");
        TextTable t = new TextTable(header.toArray(String[]::new));
        int first = targets ? 2 : modeId.equals("published") ? 1 : 0;
        int[] right = new int[header.size() - first];
        for (int i = 0; i < right.length; i++) right[i] = first + i;
        t.rightAlign(right);
        if (targets) t.rightAlign(0);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            if (targets) {
                TargetMatch m = r.target().orElseThrow();
                cells.add(String.format(Locale.ROOT, "%.3f", m.targetMs()));
                cells.add(m.meets() ? "meets" : "over");
            }
            if (r.variant() != null) cells.add(r.variant());
            cells.addAll(memberCells(r.member()));
            if (targets) cells.add(pct(r.target().orElseThrow().distance()));
            cells.add(TextTable.bytes(r.member().measurement().onchipUsedBytes()));
            cells.add(TextTable.bytes(r.member().measurement().offchipStreamedBytes()));
            if (anyAcc) cells.add(accuracy(r.member()));
            t.row(cells.toArray());
            if (targets && r.target().get().otherSide().isPresent()) {
                TargetMatch m = r.target().get();
                Member o = m.otherSide().get();
                List<String> oc = new ArrayList<>(List.of("", o.latencyMs() <= m.targetMs() ? "under" : "next over"));
                oc.addAll(memberCells(o));
                oc.add(pct(m.otherSideDistance().orElseThrow()));
                oc.add(TextTable.bytes(o.measurement().onchipUsedBytes()));
                oc.add(TextTable.bytes(o.measurement().offchipStreamedBytes()));
                if (anyAcc) oc.add(accuracy(o));
                t.row(oc.toArray());
            }
        }
        sb.append(t);
        boolean anyTuned = rows.stream().anyMatch(r -> r.member().resolutionFineTuned()
                || r.target().flatMap(TargetMatch::otherSide).map(Member::resolutionFineTuned).orElse(false));
        if (anyTuned) sb.append("* resolution fine-tuned off gamma^phi in steps of 8 (depth and width as at phi)\n");
        if (targets) {
            List<String> reasons = new ArrayList<>();
            for (Row r : rows) {
                TargetMatch m = r.target().orElseThrow();
                m.reason().ifPresent(x -> reasons.add(String.format(Locale.ROOT, "%.3f ms: %s", m.targetMs(), x)));
            }
            if (!reasons.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%nnot within %s%% of the target:%n", new java.math.BigDecimal(tolerance * 100)
                        .round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString()));
                reasons.forEach(x -> sb.append("  ").append(x).append('\n'));
            }
        }
        for (Row r : rows) {
            if (r.member().accuracy().isPresent() && !r.member().accuracy().get().isOk()) {
                sb.append("accuracy of ").append(r.member().label()).append(" failed: ")
                        .append(((Estimate.Failed) r.member().accuracy().get()).reason()).append('\n');
            }
        }
        sb.append("\nblock strings:\n");
        List<String> seen = new ArrayList<>();
        for (Row r : rows) {
            Member m = r.member();
            if (seen.contains(m.name())) continue;
            seen.add(m.name());
            String what = r.variant() != null ? r.variant() : m.label();
            if (r.target().isPresent()) what += String.format(Locale.ROOT, " (target %.3f ms)", r.target().get().targetMs());
            sb.append(String.format(Locale.ROOT, "%s: %dx%d, stem %d, head %d%n  %s%n", what, m.resolution(), m.resolution(), m.stemFilters(),
                    m.headFilters(), String.join(", ", m.blocks())));
        }
        return sb.toString();
    }

    private static List<String> memberCells(Member m) {
        return List.of(m.phi().isPresent() ? CompoundScaling.formatPhi(m.phi().getAsDouble()) : "-",
                String.format(Locale.ROOT, "%.4f", m.depthCoefficient()), String.format(Locale.ROOT, "%.4f", m.widthCoefficient()),
                m.resolution() + (m.resolutionFineTuned() ? "*" : ""), TextTable.si(m.macs()), TextTable.si(m.params()),
                String.format(Locale.ROOT, "%.3f", m.latencyMs()));
    }

    private static String accuracy(Member m) {
        if (m.accuracy().isEmpty()) return "";
        return m.accuracyValue().isPresent() ? String.format(Locale.ROOT, "%.4f", m.accuracyValue().getAsDouble()) : "failed";
    }

    private static String pct(double d) {
        return String.format(Locale.ROOT, "%+.2f%%", 100 * d);
    }

    private static String searchText(CoefficientSearch.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "coefficient search: %d grid points (alpha*beta^2*gamma^2 in [1.9, 2.1]), scored by %s at phi = 1%n",
                r.points().size(), r.scoring() == CoefficientSearch.Scoring.LATENCY ? "latency alone" : "accuracy per ms"));
        List<GridPoint> ranked = new ArrayList<>(r.points().stream().filter(GridPoint::ok).toList());
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        TextTable t = new TextTable("rank", "alpha", "beta", "gamma", "a*b^2*g^2", "res", "MACs", "latency ms", "accuracy", "score")
                .rightAlign(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < Math.min(5, ranked.size()); i++) {
            GridPoint p = ranked.get(i);
            t.row(i + 1, p.coefficients().alpha(), p.coefficients().beta(), p.coefficients().gamma(),
                    String.format(Locale.ROOT, "%.3f", p.coefficients().flopsFactor()), p.member().resolution(), TextTable.si(p.member().macs()),
                    String.format(Locale.ROOT, "%.3f", p.member().latencyMs()),
                    p.member().accuracyValue().isPresent() ? String.format(Locale.ROOT, "%.4f", p.member().accuracyValue().getAsDouble()) : "-",
                    String.format(Locale.ROOT, "%.5g", p.score()));
        }
        sb.append(t);
        return sb.toString();
    }
}
