package dev.edgetpunas.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.zoo.EfficientNet;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An accuracy estimator as compound scaling uses it: each distinct network is estimated once (a member
 * found twice, or two grid points that build the same network, share one estimate). An estimator that
 * trains at its own small input size (the 28x28 proxy) cannot see the resolution: then every member is
 * estimated at the base's resolution, networks that differ only in resolution share one estimate, and
 * resolution (gamma) is chosen by latency alone.
 *
 * <pre>{@code
 * AccuracySource acc = AccuracySource.seeingResolution(CommandEstimator.shell("python train.py").build());
 * Estimate e = acc.estimate(member.spec(), base, 7L);
 * }</pre>
 *
 * <p>The estimator receives an {@link Architecture} of space {@code scaling}: its genome is the scaled
 * block strings joined by ", " and its JSON has {@code space}, {@code resolution}, {@code classes},
 * {@code stem_filters}, {@code head_filters}, {@code activation} and {@code blocks} (the scaled block
 * strings): only what defines the network, so two specs that round to the same network get the same
 * request whichever is estimated first.
 */
public final class AccuracySource {
    /** Space name in the architectures handed to the estimator. */
    public static final String SPACE = "scaling";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccuracyEstimator estimator;
    private final boolean seesResolution;
    private final ConcurrentMap<String, CompletableFuture<Estimate>> cache = new ConcurrentHashMap<>();

    private AccuracySource(AccuracyEstimator estimator, boolean seesResolution) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.seesResolution = seesResolution;
    }

    /** An estimator that trains or evaluates at the member's resolution (an external command). */
    public static AccuracySource seeingResolution(AccuracyEstimator e) {
        return new AccuracySource(e, true);
    }

    /** An estimator that cannot see the resolution (the 28x28 proxy trainer). */
    public static AccuracySource blindToResolution(AccuracyEstimator e) {
        return new AccuracySource(e, false);
    }

    public boolean seesResolution() {
        return seesResolution;
    }

    /** The estimator's name ({@code cmd}, {@code proxy}). */
    public String name() {
        return estimator.name();
    }

    /**
     * The accuracy of {@code spec}; estimated once per distinct network. When the estimator cannot see
     * the resolution, {@code spec} is estimated at {@code base}'s resolution.
     */
    public Estimate estimate(EfficientNetSpec spec, EfficientNetSpec base, long seed) {
        EfficientNetSpec s = seesResolution ? spec : spec.withResolution(base.resolution());
        String key = CompoundScaling.architectureKey(s, true);
        CompletableFuture<Estimate> mine = new CompletableFuture<>();
        CompletableFuture<Estimate> f = cache.putIfAbsent(key, mine);
        if (f != null) return f.join();
        try {
            Estimate e = estimator.estimate(architecture(s), seed);
            mine.complete(Objects.requireNonNull(e, "estimate"));
            return e;
        } catch (RuntimeException ex) {
            Estimate failed = Estimate.failed("estimator threw " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            mine.complete(failed);
            return failed;
        }
    }

    /** The architecture handed to the estimator for {@code spec}. */
    static Architecture architecture(EfficientNetSpec scaled) {
        EfficientNetSpec spec = CompoundScaling.materialize(scaled).withName(SPACE);
        ObjectNode o = JSON.createObjectNode();
        o.put("space", SPACE);
        o.put("resolution", spec.resolution());
        o.put("classes", spec.classes());
        o.put("stem_filters", spec.roundFilters(spec.stemFilters()));
        o.put("head_filters", spec.roundFilters(spec.headFilters()));
        o.put("activation", spec.activation().id());
        ArrayNode blocks = o.putArray("blocks");
        CompoundScaling.blockStrings(spec).forEach(blocks::add);
        String genome = String.join(", ", CompoundScaling.blockStrings(spec));
        return new Architecture(SPACE, genome, o, () -> EfficientNet.build(spec));
    }
}
