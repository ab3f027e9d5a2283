package dev.edgetpunas.sim;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.edgetpunas.compiler.compile.CompileResult;
import dev.edgetpunas.compiler.compile.CompilerOptions;
import dev.edgetpunas.compiler.compile.CompilerVersion;
import dev.edgetpunas.compiler.compile.EdgeTpuCompiler;
import dev.edgetpunas.compiler.compile.OpPlacement;
import dev.edgetpunas.compiler.compile.Placement;
import dev.edgetpunas.compiler.compile.Segment;
import dev.edgetpunas.compiler.compile.Where;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpMetrics;
import dev.edgetpunas.sim.internal.Lowering;
import dev.edgetpunas.sim.profile.AcceleratorSpec;
import dev.edgetpunas.sim.profile.LinkSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import dev.edgetpunas.sim.report.Transfer;
import dev.edgetpunas.systolic.ArrayConfig;
import dev.edgetpunas.systolic.CycleModel;
import dev.edgetpunas.systolic.Dataflow;
import dev.edgetpunas.systolic.DepthwiseMapping;
import dev.edgetpunas.systolic.EdgeTpuModel;
import dev.edgetpunas.systolic.EdgeTpuParams;
import dev.edgetpunas.systolic.ExecutionUnit;
import dev.edgetpunas.systolic.LayerResult;
import dev.edgetpunas.systolic.ScaleSimModel;
import dev.edgetpunas.systolic.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * The whole-inference latency model: compiles a deployed graph as edgetpu_compiler would (the
 * profile's compiler version and parameter cache), lowers every Edge TPU op onto the systolic array,
 * and adds up a sequential timeline:
 * <pre>
 * latency = per-invocation host overhead
 *         + input and output transfers over the link (+ transfers at TPU/CPU segment boundaries)
 *         + for each Edge TPU op: array or vector-path cycles / clock, with its streamed parameters'
 *           link time overlapped with compute as far as link.streamOverlap says
 *         + for each CPU op: the host cost model
 *         (+ cached-parameter loads in the cold and alternate scenarios)
 * </pre>
 * A pure function of (graph, profile, scenario): results are cached (compile results by graph
 * digest, reports by graph identity), the caches hold no state that changes a result, and one
 * instance is safe to use from many threads.
 *
 * <pre>{@code
 * Simulator sim = new Simulator(ProfileLoader.load("edgetpu-usb3-max"));
 * LatencyReport warm = sim.simulate(Deploy.apply(EfficientNet.build(EfficientNetSpec.EDGETPU_S)));
 * List<LatencyReport> pair = sim.simulateAll(List.of(v1, v2), Scenario.ALTERNATE);
 * }</pre>
 *
 * <p>Modelling assumptions (docs/design-decisions.md, "Simulator"): activations stay on chip when an
 * op's input and output fit in the SRAM left next to the cached parameters, otherwise what does not fit
 * crosses the link (a USB Accelerator has no DRAM; {@code accelerator.activationSpill} says how much);
 * the host overhead is paid once per Edge TPU segment invocation; the fixed transfer latency once per
 * segment-boundary transfer.
 */
public final class Simulator {
    private static final int CACHE_SIZE = 4096;

    private final Profile profile;
    /** The profile's digest, computed once (it serializes the whole profile). */
    private final String profileDigest;
    private final CompilerOptions compilerOptions;
    private final CycleModel cycleModel;
    private final double clockMhz;
    /** Null when caching is off. */
    private final Cache<String, CompileResult> compileCache;
    /** Null when caching is off. */
    private final Cache<Graph, LatencyReport[]> reportCache;

    /** A simulator for {@code profile} (its compiler version included), caching up to 4096 graphs. */
    public Simulator(Profile profile) {
        this(profile, CACHE_SIZE);
    }

    /**
     * A simulator for {@code profile} that caches compile results and reports of up to
     * {@code cacheSize} graphs; 0 turns caching off (no graph digest is computed). A cached entry holds
     * its graph, so a caller that never simulates a graph twice, such as a search whose evaluator
     * caches latencies by genome, should turn caching off: thousands of retained graphs cost more in
     * garbage collection than the simulation itself.
     *
     * <pre>{@code
     * Simulator forSearch = new Simulator(profile, 0);
     * }</pre>
     */
    public Simulator(Profile profile, int cacheSize) {
        if (cacheSize < 0) throw new IllegalArgumentException("cacheSize must be >= 0, but was " + cacheSize);
        this.compileCache = cacheSize == 0 ? null : CacheBuilder.newBuilder().maximumSize(cacheSize).build();
        this.reportCache = cacheSize == 0 ? null : CacheBuilder.newBuilder().weakKeys().maximumSize(cacheSize).<Graph, LatencyReport[]>build();
        this.profile = Objects.requireNonNull(profile, "profile");
        this.profileDigest = profile.digest();
        AcceleratorSpec a = profile.accelerator();
        this.clockMhz = a.clockMhz();
        this.compilerOptions = compilerOptions(profile);
        ArrayConfig array = new ArrayConfig(a.rows(), a.cols(), Dataflow.valueOf(a.dataflow().name()), a.clockMhz());
        EdgeTpuParams params = new EdgeTpuParams(a.doubleBufferedWeights(), a.sramBandwidthBytesPerCycle(),
                EdgeTpuParams.bytesPerCycle(profile.link().bandwidthMBps(), a.clockMhz()), a.vectorElementsPerCycle(),
                DepthwiseMapping.valueOf(a.depthwiseMapping().name()), a.foldOverheadCycles(), a.convInputReuse());
        this.cycleModel = array.dataflow() == Dataflow.WS ? new EdgeTpuModel(array, params)
                : new ScaleSimModel(array, a.vectorElementsPerCycle());
    }

    /** The compiler options a profile implies. */
    public static CompilerOptions compilerOptions(Profile p) {
        return new CompilerOptions(CompilerVersion.parse(p.compiler().version().id()), p.accelerator().sramBytes(),
                p.compiler().reserveFixedBytes(), p.compiler().reserveActivationFactor(),
                Placement.valueOf(p.compiler().placement().name()), false);
    }

    public Profile profile() {
        return profile;
    }

    public CompilerOptions compilerOptions() {
        return compilerOptions;
    }

    /** The compile result of {@code deployed} under this profile (cached by graph digest). */
    public CompileResult compile(Graph deployed) {
        if (compileCache == null) return EdgeTpuCompiler.compile(deployed, compilerOptions);
        try {
            return compileCache.get(deployed.digest(), () -> EdgeTpuCompiler.compile(deployed, compilerOptions));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException(c);
        }
    }

    /** One steady-state inference ({@link Scenario#WARM}). */
    public LatencyReport simulate(Graph deployed) {
        return simulate(deployed, Scenario.WARM);
    }

    /** One inference in the {@link Scenario#WARM} or {@link Scenario#COLD} scenario. */
    public LatencyReport simulate(Graph deployed, Scenario scenario) {
        if (scenario.alternates()) {
            throw new IllegalArgumentException("scenario " + scenario.id() + " needs several models: use simulateAll");
        }
        if (reportCache == null) {
            return run(deployed, profile.accelerator().present() ? compile(deployed) : null, scenario, scenario == Scenario.COLD);
        }
        LatencyReport[] slot;
        try {
            slot = reportCache.get(deployed, () -> new LatencyReport[2]);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        int i = scenario == Scenario.WARM ? 0 : 1;
        LatencyReport r = slot[i];
        if (r == null) {
            CompileResult c = profile.accelerator().present() ? compile(deployed) : null;
            r = run(deployed, c, scenario, scenario == Scenario.COLD);
            slot[i] = r; // racing threads compute the same value
        }
        return r;
    }

    /**
     * One inference of each model: in {@code WARM} and {@code COLD} each on its own; in
     * {@code ALTERNATE} the models run in turn, compiled separately, so each reloads its cached
     * parameters before every inference; in {@code ALTERNATE_COCOMPILED} they are co-compiled and share
     * the cache (first model first), so nothing is reloaded but later models may stream more.
     */
    public List<LatencyReport> simulateAll(List<Graph> deployed, Scenario scenario) {
        List<LatencyReport> out = new ArrayList<>(deployed.size());
        switch (scenario) {
            case WARM, COLD -> deployed.forEach(g -> out.add(simulate(g, scenario)));
            case ALTERNATE -> {
                for (Graph g : deployed) {
                    CompileResult c = profile.accelerator().present() ? compile(g) : null;
                    // with one model there is no switch, and its parameters stay cached
                    out.add(run(g, c, scenario, deployed.size() > 1));
                }
            }
            case ALTERNATE_COCOMPILED -> {
                List<CompileResult> cs = profile.accelerator().present() ? EdgeTpuCompiler.coCompile(deployed, compilerOptions) : null;
                // co-compiled models keep their cached parameters on chip while the others run: all of them share the SRAM
                long resident = 0;
                if (cs != null) for (CompileResult c : cs) resident += c.onchipUsedBytes();
                for (int k = 0; k < deployed.size(); k++) out.add(run(deployed.get(k), cs == null ? null : cs.get(k), scenario, false, resident));
            }
        }
        return out;
    }

    // ---- the timeline ----------------------------------------------------------------------------

    private LatencyReport run(Graph g, CompileResult c, Scenario scenario, boolean loadCachedParams) {
        return run(g, c, scenario, loadCachedParams, c == null ? 0 : c.onchipUsedBytes());
    }

    /** @param residentParamBytes cached parameter bytes on chip during this inference (this model's, plus co-compiled models') */
    private LatencyReport run(Graph g, CompileResult c, Scenario scenario, boolean loadCachedParams, long residentParamBytes) {
        Timeline t = new Timeline();
        if (c == null) {
            for (int i = 0; i < g.opCount(); i++) t.cpuOp(g, i, "host-only profile: every op runs on the CPU");
        } else {
            LinkSpec link = profile.link();
            if (loadCachedParams && c.onchipUsedBytes() > 0) {
                t.transfer("param_load", "cached parameters", c.onchipUsedBytes(), link.transferUs(c.onchipUsedBytes()));
            }
            long capacity = profile.accelerator().activationSharing() == AcceleratorSpec.ActivationSharing.SHARED
                    ? profile.accelerator().sramBytes() - residentParamBytes : profile.accelerator().sramBytes();
            for (Segment s : c.segments()) {
                if (s.where() == Where.CPU) {
                    for (int i : s.ops()) t.cpuOp(g, i, reason(c.op(i)));
                    continue;
                }
                t.overhead("Edge TPU invocation (segment " + s.index() + ")", link.overheadUs());
                for (int tensor : s.inputTensors()) {
                    boolean graphInput = g.inputs().contains(tensor);
                    long bytes = g.tensor(tensor).bytes();
                    t.transfer(graphInput ? "input" : "boundary", g.tensor(tensor).name(), bytes,
                            link.transferUs(bytes) + (graphInput ? 0 : link.transferLatencyUs()));
                }
                for (int i : s.ops()) t.tpuOp(g, i, c.op(i), capacity);
                for (int tensor : s.outputTensors()) {
                    boolean graphOutput = g.outputs().contains(tensor);
                    long bytes = g.tensor(tensor).bytes();
                    t.transfer(graphOutput ? "output" : "boundary", g.tensor(tensor).name(), bytes,
                            link.transferUs(bytes) + (graphOutput ? 0 : link.transferLatencyUs()));
                }
            }
        }
        return new LatencyReport(g.name(), profile.name(), profileDigest, scenario.id(), t.tpuUs, t.cpuUs, t.transferUs, t.overheadUs,
                t.ops, t.transfers, c);
    }

    private static String reason(OpPlacement p) {
        return p.reason().isEmpty() ? p.status().text() : p.status().text() + ": " + p.reason();
    }

    /** Accumulates the sequential timeline of one inference. */
    private final class Timeline {
        final List<OpTiming> ops = new ArrayList<>();
        final List<Transfer> transfers = new ArrayList<>();
        double now, tpuUs, cpuUs, transferUs, overheadUs;

        void overhead(String label, double us) {
            if (us <= 0) return;
            transfers.add(new Transfer("overhead", label, 0, now, us));
            now += us;
            overheadUs += us;
        }

        void transfer(String kind, String label, long bytes, double us) {
            transfers.add(new Transfer(kind, label, bytes, now, us));
            now += us;
            transferUs += us;
        }

        void cpuOp(Graph g, int i, String reason) {
            Op op = g.op(i);
            double us = HostCostModel.costUs(g, op, profile.host());
            ops.add(new OpTiming(i, op.opName(), op.outputs().isEmpty() ? op.opName() : g.tensor(op.output()).name(), "cpu", "host", reason, 0, 0, 0,
                    OpMetrics.inputActivationBytes(g, op), OpMetrics.outputActivationBytes(g, op), 0, 0, now, us));
            now += us;
            cpuUs += us;
        }

        void tpuOp(Graph g, int i, OpPlacement p, long capacity) {
            Op op = g.op(i);
            long in = OpMetrics.inputActivationBytes(g, op), out = OpMetrics.outputActivationBytes(g, op);
            String name = op.outputs().isEmpty() ? op.opName() : g.tensor(op.output()).name();
            Workload w = Lowering.lower(g, op);
            if (w == null) {
                ops.add(new OpTiming(i, op.opName(), name, "tpu", "none", reason(p), 0, 0, 0, in, out, 0, 0, now, 0));
                return;
            }
            boolean bothFit = in + out <= capacity;
            boolean wholeTensor = profile.accelerator().activationSpill() == AcceleratorSpec.ActivationSpill.WHOLE_TENSOR;
            boolean inOn = bothFit || !wholeTensor || in <= capacity / 2, outOn = bothFit || !wholeTensor || out <= capacity / 2;
            LayerResult r = cycleModel.evaluate(w, new dev.edgetpunas.systolic.Placement(true, inOn, outOn));
            double computeUs = r.cycles() / clockMhz;
            long streamed = p.streamedParamBytes();
            // excess mode: the part of the working set that does not fit crosses the link once
            long spilled = bothFit || wholeTensor ? 0 : in + out - Math.max(0, capacity);
            long linkMoved = streamed + spilled;
            double us = computeUs;
            if (linkMoved > 0) {
                LinkSpec link = profile.link();
                double linkUs = link.transferUs(linkMoved);
                us = computeUs + linkUs - link.streamOverlap() * Math.min(computeUs, linkUs);
                if (streamed > 0) transfers.add(new Transfer("stream", name, streamed, now, link.transferUs(streamed)));
                if (spilled > 0) transfers.add(new Transfer("spill", name, spilled, now, link.transferUs(spilled)));
            }
            ops.add(new OpTiming(i, op.opName(), name, "tpu", r.unit() == ExecutionUnit.ARRAY ? "array" : "vector", reason(p), r.cycles(),
                    r.stallCycles(), r.overallUtilization(), in, out, streamed, r.linkBytesRead() + r.linkBytesWritten() + spilled, now, us));
            now += us;
            tpuUs += us;
        }
    }
}
