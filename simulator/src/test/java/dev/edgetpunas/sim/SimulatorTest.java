package dev.edgetpunas.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.GraphBuilder;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.sim.report.OpTiming;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    static final Profile USB3 = ProfileLoader.load("edgetpu-usb3-max");
    static final Profile CPU = ProfileLoader.load("cpu-only");

    /** A small random CNN: {@code layers} conv(+BN+ReLU) layers of width {@code width}, then a head. */
    static GraphBuilder cnn(int res, int layers, int width, int kernel, boolean depthwise) {
        GraphBuilder b = new GraphBuilder("cnn", DType.FLOAT32);
        int x = b.input("input", res, res, 3);
        x = b.convBnAct("stem", x, width, 3, 2, Nonlinearity.RELU);
        for (int i = 0; i < layers; i++) {
            x = depthwise && i % 2 == 1 ? b.depthwiseBnAct("dw" + i, x, kernel, i % 3 == 0 ? 2 : 1, Nonlinearity.RELU6)
                    : b.convBnAct("conv" + i, x, width * (1 + i % 3), kernel, i % 3 == 0 ? 2 : 1, Nonlinearity.RELU);
        }
        return b;
    }

    static Graph finish(GraphBuilder b) {
        return Deploy.apply(b.build(lastTensor(b)));
    }

    static int lastTensor(GraphBuilder b) {
        int t = b.tensorCount() - 1;
        while (b.tensor(t).constant()) t--;
        return t;
    }

    @Test
    void latencyIsPositiveAndFiniteAndItsPartsAddUp() {
        qt().withExamples(60).forAll(integers().between(32, 256), integers().between(1, 8), integers().between(8, 128), integers().between(0, 3))
                .checkAssert((res, layers, width, pi) -> {
                    Profile p = List.of(USB3, CPU, ProfileLoader.load("edgetpu-rpi3-usb2"), ProfileLoader.load("edgetpu-devboard")).get(pi);
                    Graph g = finish(cnn(res, layers, width, 3, layers % 2 == 0));
                    LatencyReport r = new Simulator(p).simulate(g);
                    assertTrue(r.latencyMs() > 0 && Double.isFinite(r.latencyMs()), () -> "latency " + r.latencyMs());
                    double opSum = r.ops().stream().mapToDouble(OpTiming::us).sum();
                    assertEquals(r.tpuUs() + r.cpuUs(), opSum, 1e-6 * Math.max(1, opSum));
                    assertEquals(g.opCount(), r.ops().size());
                });
    }

    /**
     * Property: appending an op never lowers latency. The appended ops (a conv with parameters, then an
     * activation) keep the output's shape: an op that shrinks the output can legitimately shorten the
     * output transfer.
     */
    @Test
    void appendingAnOpNeverLowersLatency() {
        qt().withExamples(60).forAll(integers().between(32, 224), integers().between(1, 6), integers().between(8, 256), integers().between(0, 1))
                .checkAssert((res, layers, width, pi) -> {
                    Profile p = pi == 0 ? USB3 : CPU;
                    GraphBuilder b = cnn(res, layers, width, 3, true);
                    int last = lastTensor(b);
                    Graph before = Deploy.apply(b.build(last));
                    int y = b.conv2d("extra", last, b.shape(last).c(), 3, 1, Padding.SAME, true, Activation.NONE);
                    y = b.relu("extra/relu", y);
                    Graph after = Deploy.apply(b.build(y));
                    double l0 = new Simulator(p).simulate(before).latencyMs(), l1 = new Simulator(p).simulate(after).latencyMs();
                    assertTrue(l1 >= l0, () -> "appending lowered latency " + l0 + " -> " + l1);
                });
    }

    /**
     * Property: a faster array clock or a faster link never raises latency. Cycles are whole numbers per
     * fold, so a link-bound layer's time can move by rounding: the property allows 1e-5 of the latency.
     */
    @Test
    void fasterClockOrLinkNeverRaisesLatency() {
        qt().withExamples(40).forAll(integers().between(64, 320), integers().between(1, 8), integers().between(16, 512), integers().between(101, 400))
                .checkAssert((res, layers, width, pct) -> {
                    Graph g = finish(cnn(res, layers, width, 3, layers % 3 == 0));
                    double base = new Simulator(USB3).simulate(g).latencyMs();
                    double f = pct / 100.0;
                    Profile fastClock = USB3.withOverrides(Map.of("accelerator.clockMhz", USB3.accelerator().clockMhz() * f));
                    Profile fastLink = USB3.withOverrides(Map.of("link.bandwidthMBps", USB3.link().bandwidthMBps() * f));
                    LatencyReport c = new Simulator(fastClock).simulate(g), l = new Simulator(fastLink).simulate(g);
                    assertTrue(c.latencyMs() <= base * (1 + 1e-5), () -> "clock x" + f + ": " + base + " -> " + c.latencyMs() + "\n" + diff(new Simulator(USB3).simulate(g), c));
                    assertTrue(l.latencyMs() <= base * (1 + 1e-5), () -> "link x" + f + ": " + base + " -> " + l.latencyMs());
                });
    }

    static String diff(LatencyReport a, LatencyReport b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.ops().size(); i++) {
            OpTiming x = a.ops().get(i), y = b.ops().get(i);
            if (y.us() > x.us()) sb.append(x.op()).append(' ').append(x.name()).append(": ").append(x.us()).append(" -> ").append(y.us())
                    .append(" cycles ").append(x.cycles()).append(" -> ").append(y.cycles()).append(" stall ").append(x.stallCycles())
                    .append(" -> ").append(y.stallCycles()).append(" link ").append(x.linkBytes()).append('\n');
        }
        return sb.toString();
    }

    /** On the host-only profile the latency is exactly the host cost of every op. */
    @Test
    void cpuOnlyLatencyEqualsTheHostCostOfAllOps() {
        for (String m : List.of("efficientnet-edgetpu-s", "mobilenet-v2", "inception-v1", "ssd-mobilenet-v2")) {
            Graph g = Deploy.apply(ModelZoo.build(m));
            double expected = 0;
            for (var op : g.ops()) expected += HostCostModel.costUs(g, op, CPU.host());
            LatencyReport r = new Simulator(CPU).simulate(g);
            assertEquals(expected / 1000.0, r.latencyMs(), 1e-9, m);
            assertEquals(r.latencyMs(), r.cpuMs(), 1e-12, m);
        }
    }

    @Test
    void coldIsSlowerThanWarmByTheCachedParameterLoad() {
        Graph g = Deploy.apply(EfficientNet.build(EfficientNetSpec.EDGETPU_S));
        Simulator sim = new Simulator(USB3);
        LatencyReport warm = sim.simulate(g), cold = sim.simulate(g, Scenario.COLD);
        double load = USB3.link().transferUs(warm.compile().onchipUsedBytes()) / 1000.0;
        assertEquals(warm.latencyMs() + load, cold.latencyMs(), 1e-9);
    }

    @Test
    void coCompilingTwoModelsIsFasterThanAlternatingSeparatelyCompiledOnes() {
        List<Graph> pair = List.of(Deploy.apply(ModelZoo.build("mobilenet-v1")), Deploy.apply(ModelZoo.build("mobilenet-v2")));
        Simulator sim = new Simulator(USB3);
        double separate = sim.simulateAll(pair, Scenario.ALTERNATE).stream().mapToDouble(LatencyReport::latencyMs).sum();
        double co = sim.simulateAll(pair, Scenario.ALTERNATE_COCOMPILED).stream().mapToDouble(LatencyReport::latencyMs).sum();
        double alone = sim.simulateAll(pair, Scenario.WARM).stream().mapToDouble(LatencyReport::latencyMs).sum();
        assertTrue(alone <= co && co < separate, alone + " <= " + co + " < " + separate);
        assertThrows(IllegalArgumentException.class, () -> sim.simulate(pair.get(0), Scenario.ALTERNATE));
    }

    @Test
    void resultsDoNotDependOnThreadsOrCaches() {
        Graph g = Deploy.apply(ModelZoo.build("mobilenet-v2"));
        Simulator shared = new Simulator(USB3);
        double fresh = new Simulator(USB3).simulate(g).latencyMs();
        List<Double> par = IntStream.range(0, 64).parallel().mapToObj(i -> shared.simulate(g).latencyMs()).toList();
        for (double v : par) assertEquals(fresh, v, 0.0);
        // an equal but distinct graph object hits the compile cache and gives the same answer
        assertEquals(fresh, shared.simulate(Deploy.apply(ModelZoo.build("mobilenet-v2"))).latencyMs(), 0.0);
    }

    @Test
    void unmappedOpsRunOnTheCpuWithTheirReason() {
        Graph b0 = Deploy.apply(ModelZoo.build("efficientnet-b0"));
        Profile v2 = USB3.withCompilerVersion(dev.edgetpunas.sim.profile.CompilerSpec.Version.V2_0);
        LatencyReport r = new Simulator(v2).simulate(b0);
        OpTiming firstCpu = r.ops().stream().filter(o -> o.placement().equals("cpu")).findFirst().orElseThrow();
        assertEquals("MUL", firstCpu.op());
        assertTrue(firstCpu.reason().startsWith("Operation is otherwise supported"), firstCpu.reason());
        assertTrue(r.cpuMs() > r.tpuMs());
        assertTrue(r.transfers().stream().anyMatch(t -> t.kind().equals("boundary")), "a TPU->CPU boundary transfer");
    }
}
