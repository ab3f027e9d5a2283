package dev.edgetpunas.scaling;

import dev.edgetpunas.training.estimate.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The latency-aware coefficient search: every grid point (alpha, beta, gamma) scales the base to
 * phi = 1; its score is the estimated accuracy per ms of simulated latency, or, without an estimator,
 * {@code 1 / latency} (the fastest point wins, which the result says). The best score wins; ties go to
 * the earlier grid point. Points run on {@code threads} threads; the result does not depend on it.
 *
 * <pre>{@code
 * CoefficientSearch.Result r = CoefficientSearch.run(scaler, CoefficientGrid.DEFAULT, Optional.empty(), 1L, 2,
 *         ScalingListener.NONE);
 * r.best().coefficients();   // alpha, beta, gamma to scale with
 * r.notes();                 // e.g. "no accuracy estimator: ..."
 * }</pre>
 */
public final class CoefficientSearch {
    private CoefficientSearch() {}

    /** How grid points were scored. */
    public enum Scoring {
        /** Estimated accuracy divided by simulated latency (ms). */
        ACCURACY_PER_MS("accuracy_per_ms"),
        /** {@code 1 / latency_ms}: no estimator was given. */
        LATENCY("latency");

        private final String id;

        Scoring(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * What the search found.
     *
     * @param points every grid point in grid order
     * @param best the winner
     * @param scoring how points were scored
     * @param notes what a user must know to read the result (scoring by latency alone, a proxy blind to
     *     resolution, failed estimates)
     */
    public record Result(List<GridPoint> points, GridPoint best, Scoring scoring, List<String> notes) {
        public Result {
            points = List.copyOf(points);
            Objects.requireNonNull(best, "best");
            Objects.requireNonNull(scoring, "scoring");
            notes = List.copyOf(notes);
        }
    }

    /** Runs the search. */
    public static Result run(FamilyScaler scaler, CoefficientGrid grid, Optional<AccuracySource> accuracy, long seed, int threads,
            ScalingListener listener) {
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(listener, "listener");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        List<CompoundCoefficients> cs = grid.points();
        if (cs.isEmpty()) throw new IllegalArgumentException("the coefficient grid has no point with alpha * beta^2 * gamma^2 in ["
                + grid.flopsMin() + ", " + grid.flopsMax() + "]");
        List<GridPoint> points = new ArrayList<>(cs.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cs.size()), r -> {
            Thread t = new Thread(r, "coefficient-search");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<GridPoint>> futures = new ArrayList<>();
            for (CompoundCoefficients c : cs) {
                futures.add(pool.submit(() -> {
                    GridPoint p = evaluate(scaler, c, accuracy, seed);
                    listener.gridPoint(p, done.incrementAndGet(), cs.size());
                    return p;
                }));
            }
            for (Future<GridPoint> f : futures) points.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("coefficient search interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        GridPoint best = null;
        for (GridPoint p : points) if (p.ok() && (best == null || p.score() > best.score())) best = p;
        List<String> notes = new ArrayList<>();
        long failed = points.stream().filter(p -> !p.ok()).count();
        if (best == null) {
            throw new IllegalArgumentException("every accuracy estimate of the coefficient search failed (first: "
                    + points.get(0).failure().orElse("?") + ")");
        }
        Scoring scoring = accuracy.isPresent() ? Scoring.ACCURACY_PER_MS : Scoring.LATENCY;
        if (accuracy.isEmpty()) {
            notes.add("no accuracy estimator: grid points are scored by simulated latency at phi = 1 alone (the fastest wins); "
                    + "give --accuracy to score accuracy per ms");
        } else if (!accuracy.get().seesResolution()) {
            notes.add("the accuracy estimator (" + accuracy.get().name() + ") trains at its own small input size and cannot see "
                    + "resolution: gamma is chosen by latency alone");
        }
        if (failed > 0) {
            GridPoint first = points.stream().filter(p -> !p.ok()).findFirst().orElseThrow();
            notes.add(String.format(Locale.ROOT, "%d of %d grid points failed their accuracy estimate and were skipped (first, %s: %s)", failed,
                    points.size(), first.coefficients(), first.failure().orElse("?")));
        }
        return new Result(points, best, scoring, notes);
    }

    private static GridPoint evaluate(FamilyScaler scaler, CompoundCoefficients c, Optional<AccuracySource> accuracy, long seed) {
        Member m = scaler.member(1.0, c);
        if (accuracy.isEmpty()) return new GridPoint(c, m, Optional.empty(), 1.0 / m.latencyMs());
        Estimate e = accuracy.get().estimate(m.spec(), scaler.base(), seed);
        m = m.withAccuracy(e);
        double score = e instanceof Estimate.Ok ok ? ok.accuracy() / m.latencyMs() : Double.NaN;
        return new GridPoint(c, m, Optional.of(e), score);
    }
}
