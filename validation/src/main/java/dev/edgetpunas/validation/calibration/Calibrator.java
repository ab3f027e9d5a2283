package dev.edgetpunas.validation.calibration;

import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.validation.Fidelity;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.internal.ModelCache;
import dev.edgetpunas.validation.internal.Predictor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.EvaluationRmsChecker;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a few profile values to measurements: bounded least squares on log latency
 * ({@code sum_i (ln predicted_i - ln measured_i)^2}, so a 10% miss weighs the same on a 2 ms and a 1 s model),
 * over each parameter's position in its physical bounds (log scale for rates and bandwidths), with Commons
 * Math optimizers. The simulator is piecewise flat in some parameters (an SRAM bandwidth that causes no stall
 * has no gradient) and has kinks (a stall starts), so a gradient method alone stalls: the box is first
 * screened with {@value #SCREEN_POINTS} Halton points; from the profile's values, the middle of the box and
 * the best {@value #SCREENED} screening points a bounded derivative-free search runs (BOBYQA; Brent for one
 * parameter), then Levenberg-Marquardt with a forward-difference Jacobian polishes; the best point seen wins.
 * Then leave-one-out cross-validation: every row is predicted by a fit on all the other rows, started from
 * the in-sample optimum (no screening: the folds differ from the full set by one row).
 *
 * <pre>{@code
 * Profile p = ProfileLoader.load("edgetpu-usb3-max");
 * List<Measurement> rows = MeasurementSet.builtIn().filter(m -> m.profile().equals("edgetpu-usb3-max")).rows();
 * CalibrationResult r = new Calibrator().calibrate(p, rows, List.of("link.bandwidthMBps", "link.overheadUs"),
 *         Calibrator.Options.defaults().withThreads(2));
 * }</pre>
 *
 * <p>Every row is simulated on the candidate profile whatever its own {@code profile} column says: select
 * the rows first. Deterministic: the same inputs give the same fit for any thread count (each
 * leave-one-out fit is independent).
 */
public final class Calibrator {
    /** Forward-difference step in a parameter's unit interval. */
    private static final double STEP = 1e-3;
    /** The larger step of the sensitivity probe, in a parameter's unit interval. */
    static final double PROBE = 0.05;

    /** Initial trust-region radius of the in-sample search, in unit-box coordinates. */
    static final double SEARCH_RADIUS = 0.2;
    /** Initial radius of the leave-one-out searches, which start at the in-sample optimum. */
    static final double LOO_RADIUS = 0.05;
    /** Halton points evaluated to find starting points. */
    static final int SCREEN_POINTS = 48;
    /** How many of the best screening points start a local fit. */
    static final int SCREENED = 2;

    private final ModelCache models = new ModelCache();

    /**
     * Options of a calibration.
     *
     * @param threads threads for the leave-one-out fits (results do not depend on it)
     * @param leaveOneOut run leave-one-out cross-validation
     * @param maxIterations optimizer iterations per fit
     */
    public record Options(int threads, boolean leaveOneOut, int maxIterations) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, but was " + maxIterations);
        }

        /** One thread, leave-one-out on, 100 iterations. */
        public static Options defaults() {
            return new Options(1, true, 100);
        }

        public Options withThreads(int n) {
            return new Options(n, leaveOneOut, maxIterations);
        }

        public Options withLeaveOneOut(boolean on) {
            return new Options(threads, on, maxIterations);
        }
    }

    /** Progress of the leave-one-out fits. */
    @FunctionalInterface
    public interface Listener {
        /** {@code done} of {@code total} leave-one-out fits are finished. */
        void fitDone(int done, int total);

        /** A listener that ignores progress. */
        static Listener none() {
            return (d, t) -> {};
        }
    }

    /** {@link #calibrate(Profile, List, List, Options, Listener)} without progress. */
    public CalibrationResult calibrate(Profile base, List<Measurement> rows, List<String> keys, Options options) {
        return calibrate(base, rows, keys, options, Listener.none());
    }

    /**
     * Fits {@code keys} of {@code base} to {@code rows}.
     *
     * @throws IllegalArgumentException for no rows, no keys, more than {@value CalibrationParameters#MAX_PARAMETERS}
     *     keys, a repeated key or a key that cannot be fitted
     */
    public CalibrationResult calibrate(Profile base, List<Measurement> rows, List<String> keys, Options options, Listener listener) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        if (rows.isEmpty()) throw new IllegalArgumentException("rows must not be empty: no measurement to calibrate on");
        List<CalibrationParameter> params = parameters(base, keys);
        Map<String, Double> initial = new LinkedHashMap<>();
        double[] u0 = new double[params.size()];
        for (int j = 0; j < params.size(); j++) {
            double v = ((Number) base.valueAt(params.get(j).keyPath())).doubleValue();
            initial.put(params.get(j).keyPath(), v);
            u0[j] = params.get(j).toUnit(v);
        }
        Problem all = new Problem(base, params, rows);
        double[] before = all.predict(null);
        Fit best = all.fit(all.starts(u0), SEARCH_RADIUS, options.maxIterations());
        double[] fitted = all.predict(best.u);
        Profile calibrated = all.profile(best.u);

        double[] loo = new double[rows.size()];
        java.util.Arrays.fill(loo, Double.NaN);
        List<Map<String, Double>> looValues = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) looValues.add(Map.of());
        Optional<Fidelity> looFidelity = Optional.empty();
        if (options.leaveOneOut() && rows.size() >= 2) {
            runLeaveOneOut(base, params, rows, best.u, options, listener, loo, looValues);
            looFidelity = Optional.of(Fidelity.of(measured(rows), loo));
        }
        List<CalibrationResult.Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) out.add(new CalibrationResult.Row(rows.get(i), before[i], fitted[i], loo[i], looValues.get(i)));
        return new CalibrationResult(base, calibrated, params, initial, values(params, best.u), out, Fidelity.of(measured(rows), before),
                Fidelity.of(measured(rows), fitted), looFidelity, rmsLog(rows, before), rmsLog(rows, fitted), best.evaluations,
                all.insensitive(best.u));
    }

    /**
     * The parameters for {@code keys}, with bounds for {@code base}.
     *
     * @throws IllegalArgumentException for no keys, more than {@value CalibrationParameters#MAX_PARAMETERS}, a repeated key or a key
     *     that cannot be fitted
     */
    public static List<CalibrationParameter> parameters(Profile base, List<String> keys) {
        if (keys.isEmpty()) throw new IllegalArgumentException("params must name at least one key");
        if (keys.size() > CalibrationParameters.MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + CalibrationParameters.MAX_PARAMETERS + " free parameters per profile, but "
                    + keys.size() + " were given: " + String.join(",", keys));
        }
        Set<String> seen = new HashSet<>();
        List<CalibrationParameter> params = new ArrayList<>();
        for (String k : keys) {
            CalibrationParameter p = CalibrationParameters.of(k, base);
            if (!seen.add(p.keyPath())) throw new IllegalArgumentException("params: '" + k + "' is given twice");
            params.add(p);
        }
        return params;
    }

    private void runLeaveOneOut(Profile base, List<CalibrationParameter> params, List<Measurement> rows, double[] start, Options options,
            Listener listener, double[] loo, List<Map<String, Double>> looValues) {
        int n = rows.size();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), n));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int held = i;
                futures.add(pool.submit(() -> {
                    List<Measurement> train = new ArrayList<>(rows);
                    train.remove(held);
                    Problem p = new Problem(base, params, train);
                    Fit f = p.fit(List.of(start), LOO_RADIUS, options.maxIterations());
                    Problem one = new Problem(base, params, List.of(rows.get(held)));
                    loo[held] = one.predict(f.u)[0];
                    looValues.set(held, values(params, f.u));
                    listener.fitDone(done.incrementAndGet(), n);
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Double> values(List<CalibrationParameter> params, double[] u) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < params.size(); j++) m.put(params.get(j).keyPath(), params.get(j).fromUnit(u[j]));
        return m;
    }

    private static double[] measured(List<Measurement> rows) {
        double[] m = new double[rows.size()];
        for (int i = 0; i < m.length; i++) m[i] = rows.get(i).latencyMs();
        return m;
    }

    private static double rmsLog(List<Measurement> rows, double[] predicted) {
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            double r = safeLog(predicted[i]) - Math.log(rows.get(i).latencyMs());
            s += r * r;
        }
        return Math.sqrt(s / predicted.length);
    }

    private static double safeLog(double v) {
        return Math.log(Math.max(v, 1e-9));
    }

    private record Fit(double[] u, double cost, int evaluations) {}

    /** One least-squares problem: parameters, rows, and how a point in the unit box becomes predictions. */
    private final class Problem {
        final Profile base;
        final List<CalibrationParameter> params;
        final List<Measurement> rows;
        final double[] target;

        Problem(Profile base, List<CalibrationParameter> params, List<Measurement> rows) {
            this.base = base;
            this.params = params;
            this.rows = rows;
            this.target = new double[rows.size()];
            for (int i = 0; i < target.length; i++) target[i] = Math.log(rows.get(i).latencyMs());
        }

        Profile profile(double[] u) {
            if (u == null) return base;
            Map<String, Object> o = new LinkedHashMap<>();
            for (int j = 0; j < params.size(); j++) {
                CalibrationParameter p = params.get(j);
                o.put(p.keyPath(), p.profileValue(p.fromUnit(u[j])));
            }
            return base.withOverrides(o);
        }

        double[] predict(double[] u) {
            Profile p = profile(u);
            return new Predictor(models).predict(rows, ref -> p);
        }

        double[] logPredict(double[] u) {
            double[] v = predict(u);
            for (int i = 0; i < v.length; i++) v[i] = safeLog(v[i]);
            return v;
        }

        double cost(double[] logPred) {
            double s = 0;
            for (int i = 0; i < logPred.length; i++) s += (logPred[i] - target[i]) * (logPred[i] - target[i]);
            return s;
        }

        double[][] jacobian(double[] u, double[] f) {
            double[][] jac = new double[f.length][u.length];
            for (int j = 0; j < u.length; j++) {
                double h = u[j] + STEP <= 1 ? STEP : -STEP;
                double[] u2 = u.clone();
                u2[j] += h;
                double[] f2 = logPredict(u2);
                for (int i = 0; i < f.length; i++) jac[i][j] = (f2[i] - f[i]) / h;
            }
            return jac;
        }

        /**
         * Keys whose value changes no prediction near {@code u}: probed one key at a time by the Jacobian's small
         * step and by steps of {@value #PROBE} of the box to either side (a key such as a byte reserve changes
         * predictions in jumps, so a small step alone would call it insensitive).
         */
        List<String> insensitive(double[] u) {
            double[] f = logPredict(u);
            List<String> out = new ArrayList<>();
            for (int j = 0; j < u.length; j++) {
                boolean any = false;
                for (double step : new double[] {STEP, -STEP, PROBE, -PROBE}) {
                    double[] u2 = u.clone();
                    u2[j] = Math.max(0, Math.min(1, u[j] + step));
                    if (u2[j] == u[j]) continue;
                    double[] f2 = logPredict(u2);
                    for (int i = 0; i < f.length && !any; i++) any = Math.abs(f2[i] - f[i]) > 1e-12;
                    if (any) break;
                }
                if (!any) out.add(params.get(j).keyPath());
            }
            return out;
        }

        /** The profile's point, the middle of the box, and the best screening points. */
        List<double[]> starts(double[] u0) {
            int p = u0.length;
            double[] mid = new double[p];
            java.util.Arrays.fill(mid, 0.5);
            List<double[]> points = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            for (int i = 1; i <= SCREEN_POINTS; i++) {
                double[] u = new double[p];
                for (int j = 0; j < p; j++) u[j] = halton(i, PRIMES[j]);
                points.add(u);
                costs.add(cost(logPredict(u)));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) order.add(i);
            order.sort((a, b) -> Double.compare(costs.get(a), costs.get(b)));
            List<double[]> starts = new ArrayList<>(List.of(u0, mid));
            for (int i = 0; i < SCREENED; i++) starts.add(points.get(order.get(i)));
            return starts;
        }

        Fit fit(List<double[]> starts, double radius, int maxIterations) {
            Fit best = null;
            int evaluations = 0;
            for (double[] s : starts) {
                Fit f = fitFrom(s, radius, maxIterations);
                evaluations += f.evaluations;
                if (best == null || f.cost < best.cost - 1e-15) best = f;
            }
            return new Fit(best.u, best.cost, evaluations);
        }

        /** A derivative-free bounded search (BOBYQA; Brent in one dimension), then Levenberg-Marquardt from its point. */
        private Fit fitFrom(double[] start, double radius, int maxIterations) {
            Tracker t = new Tracker();
            t.evaluate(start);
            int budget = maxIterations * 10;
            try {
                if (start.length == 1) {
                    new BrentOptimizer(1e-6, 1e-9).optimize(new MaxEval(budget),
                            new UnivariateObjectiveFunction(x -> t.evaluate(new double[] {x})), GoalType.MINIMIZE, new SearchInterval(0, 1, start[0]));
                } else {
                    double[] lo = new double[start.length], hi = new double[start.length];
                    java.util.Arrays.fill(hi, 1);
                    new BOBYQAOptimizer(2 * start.length + 1, radius, 1e-5).optimize(new MaxEval(budget), new ObjectiveFunction(t::evaluate),
                            GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lo, hi));
                }
            } catch (TooManyEvaluationsException e) {
                // keep the best point seen
            }
            leastSquares(t.best.clone(), maxIterations, t);
            return new Fit(t.best, t.bestCost, t.evaluations);
        }

        /** Levenberg-Marquardt from {@code start}; every point it evaluates is offered to {@code t}. */
        private void leastSquares(double[] start, int maxIterations, Tracker t) {
            MultivariateJacobianFunction model = point -> {
                double[] u = clamp(point.toArray());
                double[] lp = logPredict(u);
                t.offer(u, cost(lp));
                return new Pair<>(new ArrayRealVector(lp, false), new Array2DRowRealMatrix(jacobian(u, lp), false));
            };
            LeastSquaresProblem lsp = new LeastSquaresBuilder()
                    .start(start)
                    .model(model)
                    .target(target)
                    .parameterValidator(Calibrator::clamp)
                    .checker(new EvaluationRmsChecker(1e-7, 1e-9))
                    .maxIterations(maxIterations)
                    .maxEvaluations(maxIterations * 4)
                    .lazyEvaluation(false)
                    .build();
            try {
                new LevenbergMarquardtOptimizer().optimize(lsp);
            } catch (TooManyEvaluationsException | TooManyIterationsException e) {
                // keep the best point seen
            }
        }

        /** Evaluates points and remembers the best one (optimizers may end elsewhere, or throw at their budget). */
        private final class Tracker {
            double[] best;
            double bestCost = Double.MAX_VALUE;
            int evaluations;

            double evaluate(double[] u) {
                double[] c = clamp(u);
                double v = cost(logPredict(c));
                offer(c, v);
                return v;
            }

            void offer(double[] u, double cost) {
                evaluations++;
                if (cost < bestCost || best == null) {
                    bestCost = cost;
                    best = u.clone();
                }
            }
        }
    }

    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13};

    /** The {@code i}-th element of the van der Corput sequence in {@code base} (one coordinate of a Halton point). */
    static double halton(int i, int base) {
        double f = 1, r = 0;
        for (int k = i; k > 0; k /= base) {
            f /= base;
            r += f * (k % base);
        }
        return r;
    }

    private static RealVector clamp(RealVector v) {
        return new ArrayRealVector(clamp(v.toArray()), false);
    }

    private static double[] clamp(double[] u) {
        double[] c = u.clone();
        for (int j = 0; j < c.length; j++) c[j] = Double.isNaN(c[j]) ? 0.5 : Math.max(0, Math.min(1, c[j]));
        return c;
    }
}
