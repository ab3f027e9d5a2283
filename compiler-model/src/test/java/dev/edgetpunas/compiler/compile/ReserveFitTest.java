package dev.edgetpunas.compiler.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reserve rule fitted on the published edgetpu_compiler logs
 * ({@code ../shared/data/published/edgetpu_compiler_logs.csv}), and the predictions of the fitted
 * defaults against every logged row. With {@code -Dedgetpunas.printFit=true} it prints the table that
 * docs/compiler-model.md shows.
 *
 * <p>Fit, two constants: (1) {@code reserveActivationFactor} by least absolute deviations, jointly
 * with a free fixed part, on the rows whose model can be approximated by a graph (MobileNetV3-Small
 * backbone + conv to 128; YOLOv7-tiny at 640, 416 and 320 as a sensitivity check), constrained to
 * {@code >= 0}; (2) {@code reserveFixedBytes} by least absolute deviations (the median) of
 * {@code sram - (used + remaining)} over every row that is not the second model of a co-compilation.
 */
class ReserveFitTest {
    static final long MIB = 1L << 20;
    static final long SRAM = CompilerOptions.DEFAULT_SRAM_BYTES;

    record Row(String model, String compiler, long input, long output, long used, long remaining, long streamed, int subgraphs,
            int totalOps) {
        long budget() {
            return used + remaining;
        }

        boolean secondOfCoCompilation() {
            return model.contains("co-compiled second");
        }
    }

    static List<Row> rows;

    @BeforeAll
    static void read() throws IOException {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Path csv = SharedData.require("data/published/edgetpu_compiler_logs.csv");
        rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = csvFields(line);
            rows.add(new Row(f.get(0), f.get(1), bytes(f.get(2)), bytes(f.get(3)), bytes(f.get(4)), bytes(f.get(5)), bytes(f.get(6)),
                    Integer.parseInt(f.get(7)), Integer.parseInt(f.get(8))));
        }
    }

    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    private static final Pattern SIZE = Pattern.compile("([0-9.]+)(B|KiB|MiB)");

    static long bytes(String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) throw new IllegalArgumentException("not a compiler size: '" + s + "'");
        double v = Double.parseDouble(m.group(1));
        return Math.round(v * switch (m.group(2)) {
            case "MiB" -> MIB;
            case "KiB" -> 1024;
            default -> 1;
        });
    }

    static Row row(String prefix) {
        return rows.stream().filter(r -> r.model().startsWith(prefix)).findFirst().orElseThrow();
    }

    /** An approximated graph of a logged model and its peak live activation bytes. */
    record Approx(String name, Row row, Graph graph, long peak) {}

    static List<Approx> approximations() {
        List<Approx> out = new ArrayList<>();
        Graph v3 = Deploy.apply(TestModels.mobileNetV3SmallBackboneTraining());
        out.add(new Approx("MobileNetV3-Small backbone + conv128 @224", row("MobileNetV3Small"), v3, peak(v3)));
        for (int size : new int[] {640, 416, 320}) {
            Graph y = Deploy.apply(TestModels.yoloV7TinyTraining(size));
            out.add(new Approx("YOLOv7-tiny @" + size, row("YOLOv7-tiny"), y, peak(y)));
        }
        return out;
    }

    static long peak(Graph g) {
        return EdgeTpuCompiler.compile(g, CompilerOptions.defaults()).peakActivationBytes();
    }

    /** Least absolute deviations of reserve = F + k * peak over (F, k) >= 0 on a grid; returns {F, k}. */
    static double[] ladFit(long[] reserve, long[] peak) {
        double bestF = 0, bestK = 0, best = Double.MAX_VALUE;
        for (int ki = 0; ki <= 400; ki++) {
            double k = ki * 0.005;
            // for fixed k the best F is the median of reserve - k * peak, clipped at 0
            double[] r = new double[reserve.length];
            for (int i = 0; i < r.length; i++) r[i] = reserve[i] - k * peak[i];
            double f = Math.max(0, median(r));
            double j = 0;
            for (double x : r) j += Math.abs(x - f);
            if (j < best - 1e-6) {
                best = j;
                bestF = f;
                bestK = k;
            }
        }
        return new double[] {bestF, bestK};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void theLogsShowNoActivationDrivenReserveSoTheFactorFitsToZero() {
        List<Approx> ap = approximations();
        for (int pick = 1; pick <= 3; pick++) {
            long[] reserve = {SRAM - ap.get(0).row().budget(), SRAM - ap.get(pick).row().budget()};
            long[] peak = {ap.get(0).peak(), ap.get(pick).peak()};
            assertTrue(peak[1] > peak[0], "YOLOv7-tiny has the larger activations");
            assertTrue(reserve[1] < reserve[0], "but the smaller reserve");
            double[] fk = ladFit(reserve, peak);
            assertEquals(0.0, fk[1], 1e-9, ap.get(pick).name() + ": the factor sits at its bound");
        }
        assertEquals(0.0, CompilerOptions.DEFAULT_RESERVE_ACTIVATION_FACTOR, "the default is the fitted factor");
    }

    @Test
    void theFixedReserveIsTheMedianReserveOfTheLogs() {
        List<Row> first = rows.stream().filter(r -> !r.secondOfCoCompilation()).toList();
        assertEquals(7, first.size());
        double[] reserve = first.stream().mapToDouble(r -> SRAM - r.budget()).toArray();
        long fitted = Math.max(0, Math.round(median(reserve)));
        assertEquals(fitted, CompilerOptions.DEFAULT_RESERVE_FIXED_BYTES, 1, "the default is the fitted fixed reserve");
    }

    @Test
    void printPredictedVersusLogged() {
        StringBuilder sb = new StringBuilder("\nreserve fit: F = " + CompileReport.formatBytes(CompilerOptions.DEFAULT_RESERVE_FIXED_BYTES)
                + ", k = " + CompilerOptions.DEFAULT_RESERVE_ACTIVATION_FACTOR + ", SRAM " + CompileReport.formatBytes(SRAM) + "\n");
        sb.append(String.format(Locale.ROOT, "%-44s %10s %10s | %9s %9s %9s | %9s %9s %9s | %9s%n", "model (approximation)", "peak act", "params",
                "used", "remain", "streamed", "log used", "log rem", "log str", "ff used"));
        for (Approx a : approximations()) {
            CompileResult p = EdgeTpuCompiler.compile(a.graph(), CompilerOptions.defaults());
            CompileResult ff = EdgeTpuCompiler.compile(a.graph(), CompilerOptions.defaults().withPlacement(Placement.FIRST_FIT));
            sb.append(String.format(Locale.ROOT, "%-44s %10s %10s | %9s %9s %9s | %9s %9s %9s | %9s%n", a.name(), mib(a.peak()),
                    mib(a.graph().paramBytes()), mib(p.onchipUsedBytes()), mib(p.onchipRemainingBytes()), mib(p.offchipStreamedBytes()),
                    mib(a.row().used()), mib(a.row().remaining()), mib(a.row().streamed()), mib(ff.onchipUsedBytes())));
            // the same graphs with the logged budget: does the placement rule reproduce used and streamed?
            CompilerOptions logged = CompilerOptions.defaults().withReserve(SRAM - a.row().budget(), 0);
            CompileResult lp = EdgeTpuCompiler.compile(a.graph(), logged);
            CompileResult lf = EdgeTpuCompiler.compile(a.graph(), logged.withPlacement(Placement.FIRST_FIT));
            sb.append(String.format(Locale.ROOT, "%-44s %10s %10s | %9s %9s %9s | %9s %9s %9s | %9s%n", "  with the logged budget", "", "",
                    mib(lp.onchipUsedBytes()), mib(lp.onchipRemainingBytes()), mib(lp.offchipStreamedBytes()), "", "", "",
                    mib(lf.onchipUsedBytes())));
        }
        sb.append("rows without a graph: params ~ input size; predicted budget = SRAM - F\n");
        long left = SRAM - CompilerOptions.DEFAULT_RESERVE_FIXED_BYTES;
        for (Row r : rows) {
            long budget = r.secondOfCoCompilation() ? left : SRAM - CompilerOptions.DEFAULT_RESERVE_FIXED_BYTES;
            long used = Math.min(r.input(), budget);
            left = budget - used;
            sb.append(String.format(Locale.ROOT, "%-44.44s %10s %10s | %9s %9s %9s | %9s %9s %9s | budget %s vs logged %s%n", r.model(), "?",
                    mib(r.input()), mib(used), mib(budget - used), mib(r.input() - used), mib(r.used()), mib(r.remaining()), mib(r.streamed()),
                    mib(budget), mib(r.budget())));
        }
        if (Boolean.getBoolean("edgetpunas.printFit")) System.out.print(sb);
        assertTrue(sb.toString().contains("YOLOv7-tiny @640"));
    }

    static String mib(long b) {
        return String.format(Locale.ROOT, "%.2f", b / (double) MIB);
    }
}
