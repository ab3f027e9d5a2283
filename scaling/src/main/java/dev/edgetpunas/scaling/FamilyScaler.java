package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.compiler.zoo.EfficientNetVariant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Scales one base network into members and finds the members that meet latency targets. Every network
 * is built, deployed and measured once (cached by its architecture, so two phis that round to the
 * same network cost one simulation). Thread-safe; results depend only on the inputs.
 *
 * <pre>{@code
 * FamilyScaler scaler = new FamilyScaler(EfficientNetSpec.EDGETPU_S,
 *         LatencyProbe.of(new Simulator(ProfileLoader.load("edgetpu-usb3-max"))));
 * Member m1 = scaler.member(1.0, CompoundCoefficients.DEFAULT);
 * Member m = scaler.published(EfficientNetVariant.EDGETPU_M);
 * List<TargetMatch> family = scaler.meet(List.of(5.0, 10.0, 20.0), CompoundCoefficients.DEFAULT);
 * }</pre>
 *
 * <h2>Meeting a latency target</h2>
 * Latency is a step function of phi: filters and repeats are rounded, and whole parameter tensors drop
 * out of the on-chip cache. So the search
 * <ol>
 *   <li>scans phi from 0 in steps of {@code coarseStep} upward until a member is slower than the
 *       largest target (at most {@code phiMax}) and, if the base is slower than the smallest target,
 *       downward until one is faster (at least {@code phiMin});</li>
 *   <li>for each target and each pair of neighbouring scan points on either side of it, bisects phi on
 *       a grid of 0.001 down to the step: two members 0.001 apart, one meeting the target, one not;</li>
 *   <li>where the member meeting the target is more than {@code fineTuneAbove} under it, moves the
 *       resolution of the two members around the target in steps of 8 (up from the one below while it
 *       still meets the target, down from the one above until it does), keeping their depth and width,
 *       at most {@code fineTuneSteps} steps each;</li>
 *   <li>reports the slowest member that meets the target and the fastest one that does not, with the
 *       step between them when the member is not within {@code tolerance}.</li>
 * </ol>
 * Phi is quantized to 0.001 everywhere, so a printed phi rebuilds exactly the printed member.
 */
public final class FamilyScaler {
    private static final int PHI_SCALE = 1000;

    private final EfficientNetSpec base;
    private final LatencyProbe probe;
    private final ScalingOptions options;
    private final ScalingListener listener;
    private final ConcurrentMap<String, CompletableFuture<Sized>> cache = new ConcurrentHashMap<>();

    private record Sized(long macs, long params, Measurement measurement) {}

    /** A scaler with the default options and no listener. */
    public FamilyScaler(EfficientNetSpec base, LatencyProbe probe) {
        this(base, probe, ScalingOptions.DEFAULT, ScalingListener.NONE);
    }

    public FamilyScaler(EfficientNetSpec base, LatencyProbe probe, ScalingOptions options, ScalingListener listener) {
        this.base = Objects.requireNonNull(base, "base");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public EfficientNetSpec base() {
        return base;
    }

    public ScalingOptions options() {
        return options;
    }

    /** The base network, as member phi = 0. */
    public Member baseMember() {
        return measure(base, OptionalDouble.of(0.0), false);
    }

    /** The member at {@code phi} (quantized to 0.001). */
    public Member member(double phi, CompoundCoefficients c) {
        double q = quantize(phi);
        return measure(CompoundScaling.scale(base, q, c), OptionalDouble.of(q), false);
    }

    /** The base scaled with a published variant's coefficients (no phi). */
    public Member published(EfficientNetVariant v) {
        return measure(CompoundScaling.scale(base, v), OptionalDouble.empty(), false);
    }

    /** {@code spec} measured; {@code phi} and {@code fineTuned} only label it. */
    public Member measure(EfficientNetSpec spec, OptionalDouble phi, boolean fineTuned) {
        String key = CompoundScaling.architectureKey(spec, true);
        CompletableFuture<Sized> mine = new CompletableFuture<>();
        CompletableFuture<Sized> f = cache.putIfAbsent(key, mine);
        Sized s;
        if (f != null) {
            try {
                s = f.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } else {
            try {
                Graph training = EfficientNet.build(spec);
                s = new Sized(training.macs(), training.paramCount(), probe.measure(Deploy.apply(training)));
                mine.complete(s);
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        Member m = new Member(spec, phi, fineTuned, s.macs(), s.params(), s.measurement(), Optional.empty());
        if (f == null) listener.measured(m);
        return m;
    }

    /** Distinct networks measured so far. */
    public int measuredCount() {
        return cache.size();
    }

    /** For each target (ms, in the given order), the member that meets it; see the class comment. */
    public List<TargetMatch> meet(List<Double> targetsMs, CompoundCoefficients c) {
        Objects.requireNonNull(c, "coefficients");
        if (targetsMs.isEmpty()) throw new IllegalArgumentException("targets must not be empty");
        for (double t : targetsMs) {
            if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("target must be a finite number of ms > 0, but was " + t);
        }
        double min = targetsMs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = targetsMs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        TreeMap<Integer, Member> scan = scan(c, min, max);
        List<TargetMatch> out = new ArrayList<>();
        for (double t : targetsMs) out.add(meet(t, c, scan));
        return out;
    }

    private TreeMap<Integer, Member> scan(CompoundCoefficients c, double minTarget, double maxTarget) {
        int step = Math.max(1, (int) Math.round(options.coarseStep() * PHI_SCALE));
        int kMin = (int) Math.ceil(options.phiMin() * PHI_SCALE - 1e-9), kMax = (int) Math.floor(options.phiMax() * PHI_SCALE + 1e-9);
        TreeMap<Integer, Member> scan = new TreeMap<>();
        Member m0 = at(0, c);
        scan.put(0, m0);
        if (m0.latencyMs() <= maxTarget) {
            for (int k = step; k <= kMax; k += step) {
                Member m = at(k, c);
                scan.put(k, m);
                if (m.latencyMs() > maxTarget) break;
            }
        }
        if (m0.latencyMs() > minTarget) {
            for (int k = -step; k >= kMin; k -= step) {
                Member m = at(k, c);
                scan.put(k, m);
                if (m.latencyMs() <= minTarget) break;
            }
        }
        return scan;
    }

    private Member at(int k, CompoundCoefficients c) {
        double phi = k / (double) PHI_SCALE;
        return measure(CompoundScaling.scale(base, phi, c), OptionalDouble.of(phi), false);
    }

    private TargetMatch meet(double t, CompoundCoefficients c, TreeMap<Integer, Member> scan) {
        List<Member> pool = new ArrayList<>(scan.values());
        Integer prev = null;
        for (Integer k : scan.keySet()) {
            if (prev != null) {
                Member a = scan.get(prev), b = scan.get(k);
                boolean aMeets = a.latencyMs() <= t, bMeets = b.latencyMs() <= t;
                if (aMeets != bMeets) bisect(aMeets ? prev : k, aMeets ? k : prev, t, c, pool);
            }
            prev = k;
        }
        Optional<Member> below = best(pool, t, true), above = best(pool, t, false);
        boolean fineTuned = false;
        if (below.isPresent() && options.fineTuneSteps() > 0 && (t - below.get().latencyMs()) / t > options.fineTuneAbove()) {
            fineTuned = true;
            fineTune(below.get(), t, true, pool);
            above.ifPresent(a -> fineTune(a, t, false, pool));
            below = best(pool, t, true);
            above = best(pool, t, false);
        }
        Member member = below.isPresent() ? below.get() : above.orElseThrow();
        Optional<Member> other = below.isPresent() ? above : Optional.empty();
        double distance = (member.latencyMs() - t) / t;
        boolean within = Math.abs(distance) <= options.tolerance();
        Optional<Step> step = below.isPresent() && above.isPresent() ? Optional.of(Step.between(below.get(), above.get())) : Optional.empty();
        Optional<String> reason = within ? Optional.empty() : Optional.of(reason(t, below, above, step, fineTuned));
        return new TargetMatch(t, member, other, distance, within, step, reason);
    }

    /** Bisects phi between {@code lo} (meets {@code t}) and {@code hi} (does not), adding both final ends to the pool. */
    private void bisect(int lo, int hi, double t, CompoundCoefficients c, List<Member> pool) {
        String loKey = key(lo, c), hiKey = key(hi, c);
        while (Math.abs(hi - lo) > 1) {
            int mid = Math.floorDiv(lo + hi, 2);
            String midKey = key(mid, c);
            if (midKey.equals(loKey)) {
                lo = mid;
            } else if (midKey.equals(hiKey)) {
                hi = mid;
            } else if (at(mid, c).latencyMs() <= t) {
                lo = mid;
                loKey = midKey;
            } else {
                hi = mid;
                hiKey = midKey;
            }
        }
        pool.add(at(lo, c));
        pool.add(at(hi, c));
    }

    private String key(int k, CompoundCoefficients c) {
        return CompoundScaling.architectureKey(CompoundScaling.scale(base, k / (double) PHI_SCALE, c), true);
    }

    /** Moves the resolution of {@code from} in steps of 8: up while it meets {@code t} (from below), down while it does not (from above). */
    private void fineTune(Member from, double t, boolean up, List<Member> pool) {
        int r = from.resolution();
        int m = CompoundScaling.RESOLUTION_MULTIPLE;
        int next = up ? (r / m + 1) * m : ((r - 1) / m) * m;
        for (int i = 0; i < options.fineTuneSteps() && next >= m && next <= 4096; i++) {
            EfficientNetSpec s = from.spec();
            String name = s.name().replaceFirst("@\\d+$", "") + "@" + next;
            Member x = measure(s.withName(name).withResolution(next), from.phi(), true);
            pool.add(x);
            boolean meets = x.latencyMs() <= t;
            if (up != meets) break;
            next += up ? m : -m;
        }
    }

    /** The slowest member meeting {@code t} ({@code meeting}) or the fastest one above it; ties prefer compound members, then larger phi. */
    private static Optional<Member> best(List<Member> pool, double t, boolean meeting) {
        Comparator<Member> byLatency = Comparator.comparingDouble(Member::latencyMs);
        Comparator<Member> order = (meeting ? byLatency : byLatency.reversed())
                .thenComparing(m -> !m.resolutionFineTuned())
                .thenComparingDouble(m -> m.phi().orElse(0))
                .thenComparingInt(Member::resolution);
        return pool.stream().filter(m -> (m.latencyMs() <= t) == meeting).max(order);
    }

    private String reason(double t, Optional<Member> below, Optional<Member> above, Optional<Step> step, boolean fineTuned) {
        String tol = CompoundCoefficients.trim(options.tolerance() * 100) + "%";
        if (below.isEmpty()) {
            Member m = above.orElseThrow();
            return String.format(Locale.ROOT, "no member meets %.3f ms: the fastest one found (%s, phi >= %s) takes %.3f ms", t, m.label(),
                    CompoundScaling.formatPhi(options.phiMin()), m.latencyMs());
        }
        if (above.isEmpty()) {
            Member m = below.get();
            return String.format(Locale.ROOT, "every member up to phi %s is faster than %.3f ms: the slowest one found (%s) takes %.3f ms",
                    CompoundScaling.formatPhi(options.phiMax()), t, m.label(), m.latencyMs());
        }
        return String.format(Locale.ROOT, "cannot get within %s: the slowest member meeting %.3f ms is %.2f%% under it, the next one %.2f%% over; ",
                tol, t, 100 * (t - below.get().latencyMs()) / t, 100 * (above.get().latencyMs() - t) / t) + step.orElseThrow().describe()
                + String.format(Locale.ROOT, fineTuned ? " (after moving both resolutions by up to %d steps of 8)" : "", options.fineTuneSteps());
    }

    static double quantize(double phi) {
        if (!Double.isFinite(phi)) throw new IllegalArgumentException("phi must be finite, but was " + phi);
        return Math.round(phi * PHI_SCALE) / (double) PHI_SCALE;
    }
}
