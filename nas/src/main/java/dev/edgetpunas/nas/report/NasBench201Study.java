package dev.edgetpunas.nas.report;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.eval.LatencyEvaluator;
import dev.edgetpunas.nas.eval.NasBench201Table;
import dev.edgetpunas.nas.evolution.Algorithm;
import dev.edgetpunas.nas.evolution.Engine;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Objective;
import dev.edgetpunas.nas.evolution.SearchListener;
import dev.edgetpunas.nas.evolution.SearchResult;
import dev.edgetpunas.nas.search.LatencyTarget;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Space;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The NAS-Bench-201 evidence: with table accuracy and a given latency model, the target T at the
 * median latency of all cells, (1) the exhaustive constrained optimum (the most accurate cell with
 * latency at most T, every cell's latency computed; timed) and (2) the best feasible accuracy found by
 * evolution and by random search over many seeds at several budgets, as mean, standard deviation,
 * minimum and maximum. A run's first N candidates do not depend on its budget, so each seed runs once
 * at the largest budget and smaller budgets read prefixes of its history.
 *
 * <pre>{@code
 * NasBench201Study.Result r = NasBench201Study.run(space, table, latency, 20, List.of(100, 300, 1000),
 *         List.of(Objective.Kind.MNAS_SOFT, Objective.Kind.MNAS_HARD), true, 2);
 * System.out.println(r.toMarkdown());
 * }</pre>
 */
public final class NasBench201Study {
    /** The label of the sanity-check runs that maximize accuracy alone. */
    public static final String UNCONSTRAINED = "unconstrained";

    private NasBench201Study() {}

    /**
     * Best feasible accuracy over seeds for one objective, algorithm and budget.
     *
     * @param objective the objective the search optimized ({@code mnas-soft}, {@code mnas-hard}, or
     *     {@code unconstrained}: accuracy alone, w = 0, whose column is then the best accuracy at any latency)
     * @param algorithm evolution or random
     * @param budget evaluations
     * @param found seeds that found a feasible candidate
     * @param seeds seeds run
     * @param mean mean best feasible accuracy (over seeds that found one)
     * @param sd its sample standard deviation
     * @param min the worst seed
     * @param max the best seed
     * @param hits seeds whose best feasible candidate is the exhaustive optimum
     * @param perSeed each seed's best feasible accuracy (NaN if it found none), seed 1 first
     * @param meanDistinct mean number of distinct cells among the candidates (revisits count against the budget)
     */
    public record Row(String objective, Algorithm algorithm, int budget, int found, int seeds, double mean, double sd, double min, double max,
            int hits, List<Double> perSeed, double meanDistinct) {
        public Row {
            perSeed = List.copyOf(perSeed);
        }

        /** The per-seed values that are numbers. */
        double[] values() {
            return perSeed.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        }
    }

    /**
     * The study's outcome.
     *
     * @param targetMs T, the median latency of all cells
     * @param optimum the exhaustive constrained optimum (the most accurate cell within T)
     * @param optimumAccuracy its accuracy
     * @param optimumLatencyMs its latency
     * @param exhaustiveSeconds wall time to compute every cell's latency and scan the table
     * @param exhaustiveCpuSeconds CPU time of the same (all threads of this process)
     * @param distinctNetworks distinct networks (latency keys) among the cells
     * @param rows the search results
     * @param searchSeconds time of all searches
     */
    public record Result(double targetMs, NasBench201Cell optimum, double optimumAccuracy, double optimumLatencyMs, double exhaustiveSeconds,
            double exhaustiveCpuSeconds, int distinctNetworks, List<Row> rows, double searchSeconds) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** The row of {@code objective}, {@code algorithm} and {@code budget}. */
        public Row row(String objective, Algorithm algorithm, int budget) {
            return rows.stream().filter(r -> r.objective().equals(objective) && r.algorithm() == algorithm && r.budget() == budget).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row " + objective + " " + algorithm.id() + " " + budget));
        }

        /**
         * Two-sided p-value of the Mann-Whitney U test (normal approximation) that evolution's and random
         * search's best feasible accuracies over the seeds come from the same distribution.
         */
        public double pValue(String objective, int budget) {
            double[] e = row(objective, Algorithm.EVOLUTION, budget).values();
            double[] r = row(objective, Algorithm.RANDOM, budget).values();
            if (e.length == 0 || r.length == 0) return Double.NaN;
            return new MannWhitneyUTest().mannWhitneyUTest(e, r);
        }

        /** The result as a Markdown section (a table per objective). */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Target T = median latency of all 15,625 cells = %.4f ms.%n", targetMs));
            sb.append(String.format(Locale.ROOT, "Exhaustive constrained optimum: %.2f %% at %.4f ms, `%s` (all cells' latency (%d distinct networks) "
                    + "and the table scan: %.1f s wall, %.1f s CPU).%n%n", 100 * optimumAccuracy, optimumLatencyMs, optimum, distinctNetworks,
                    exhaustiveSeconds, exhaustiveCpuSeconds));
            String last = null;
            for (Row r : rows) {
                if (!r.objective().equals(last)) {
                    boolean unc = r.objective().equals(UNCONSTRAINED);
                    sb.append(String.format(Locale.ROOT, "%nObjective %s (best %stest accuracy, %%, over %d seeds%s):%n%n", r.objective(),
                            unc ? "" : "feasible ", r.seeds(), unc ? "; accuracy alone, a check that the search works" : ""));
                    sb.append("| algorithm | budget | mean | sd | min | max | found optimum | regret (pp) | distinct cells | p (vs random) |\n");
                    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                    last = r.objective();
                }
                boolean unc = r.objective().equals(UNCONSTRAINED);
                String p = r.algorithm() == Algorithm.EVOLUTION ? String.format(Locale.ROOT, "%.2g", pValue(r.objective(), r.budget())) : "";
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %s | %.0f | %s |%n", r.algorithm().id(), r.budget(),
                        100 * r.mean(), 100 * r.sd(), 100 * r.min(), 100 * r.max(), unc ? "-" : r.hits() + "/" + r.seeds(),
                        unc ? "-" : String.format(Locale.ROOT, "%.2f", 100 * (optimumAccuracy - r.mean())), r.meanDistinct(), p));
            }
            sb.append(String.format(Locale.ROOT, "%nAll searches: %.1f s.%n", searchSeconds));
            return sb.toString();
        }
    }

    /**
     * Runs the study; seeds are 1..{@code seeds}. With {@code unconstrained}, also runs both
     * algorithms maximizing accuracy alone (w = 0): a check that the search works on this space at all.
     */
    public static Result run(NasBench201Space space, NasBench201Table table, LatencyEvaluator latency, int seeds, List<Integer> budgets,
            List<Objective.Kind> objectives, boolean unconstrained, int threads) {
        Objects.requireNonNull(latency, "latency");
        if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1, but was " + seeds);
        if (budgets.isEmpty()) throw new IllegalArgumentException("budgets must not be empty");
        if (space.dataset() != table.dataset()) {
            throw new IllegalArgumentException("space dataset " + space.dataset().id() + " differs from table dataset " + table.dataset().id());
        }
        CandidateEvaluator<NasBench201Cell> ev = new CandidateEvaluator<>(space, latency, table);
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        LatencyTarget target = LatencyTarget.median(ev, threads);
        double t = target.targetMs();
        NasBench201Cell opt = null;
        double optAcc = -1, optLat = 0;
        for (NasBench201Cell c : space.all().toList()) {
            double ms = ev.latencyMs(c);
            double acc = table.accuracy(c);
            if (ms <= t && acc > optAcc) {
                opt = c;
                optAcc = acc;
                optLat = ms;
            }
        }
        double exhaustive = (System.nanoTime() - t0) / 1e9;
        double exhaustiveCpu = processCpuSeconds() - cpu0;
        int distinct = ev.cachedLatencies();
        int maxBudget = budgets.stream().mapToInt(Integer::intValue).max().orElseThrow();
        long s0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<Objective> objs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Objective.Kind kind : objectives) {
            objs.add(Objective.of(kind, t));
            labels.add(kind.id());
        }
        if (unconstrained) {
            objs.add(new Objective(Objective.Kind.MNAS_SOFT, t, 0));
            labels.add(UNCONSTRAINED);
        }
        for (int o = 0; o < objs.size(); o++) {
            double limit = labels.get(o).equals(UNCONSTRAINED) ? Double.POSITIVE_INFINITY : t;
            for (Algorithm alg : Algorithm.values()) {
                double[][] best = new double[budgets.size()][seeds];
                double[] distinctCells = new double[budgets.size()];
                for (int seed = 1; seed <= seeds; seed++) {
                    SearchResult r = Engine.builder(ev).budget(maxBudget).seed(seed).algorithm(alg).threads(1)
                            .objective(objs.get(o)).build().run(SearchListener.NONE);
                    for (int b = 0; b < budgets.size(); b++) {
                        List<Evaluation> prefix = r.history().subList(0, budgets.get(b));
                        best[b][seed - 1] = bestFeasible(prefix, limit);
                        distinctCells[b] += prefix.stream().map(Evaluation::genome).distinct().count() / (double) seeds;
                    }
                }
                for (int b = 0; b < budgets.size(); b++) rows.add(row(labels.get(o), alg, budgets.get(b), best[b], optAcc, distinctCells[b]));
            }
        }
        return new Result(t, opt, optAcc, optLat, exhaustive, exhaustiveCpu, distinct, rows, (System.nanoTime() - s0) / 1e9);
    }

    /** CPU time of this process so far, in seconds (NaN where the platform does not tell). */
    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long ns = sun.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    private static double bestFeasible(List<Evaluation> h, double t) {
        double best = Double.NaN;
        for (Evaluation e : h) {
            if (e.succeeded() && e.latencyMs() <= t && !(e.accuracy() <= best)) best = e.accuracy();
        }
        return best;
    }

    private static Row row(String kind, Algorithm alg, int budget, double[] v, double optimum, double meanDistinct) {
        int n = 0, hits = 0;
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            n++;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (x == optimum) hits++;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double x : v) if (!Double.isNaN(x)) ss += (x - mean) * (x - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        List<Double> perSeed = new ArrayList<>(v.length);
        for (double x : v) perSeed.add(x);
        return new Row(kind, alg, budget, n, v.length, mean, sd, min, max, hits, perSeed, meanDistinct);
    }
}
