package dev.edgetpunas.nas.cluster;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.search.AccuracySpec;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.nas.search.SearchRun;
import dev.edgetpunas.nas.search.SpaceKind;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.SearchSpace;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A search's trial work as it crosses the network: the space and its settings, the accelerator
 * profile as YAML text (never a path), and the accuracy estimator's configuration. A worker rebuilds
 * the same evaluator the driver would use: latency from the simulator under the profile (no simulator
 * caches, as {@code search} does), accuracy from the NAS-Bench-201 table of the worker's own shared
 * data, the user's command (run on the worker, in its working directory), or the proxy trainer
 * (Fashion-MNIST of the worker).
 *
 * <pre>{@code
 * SearchWork w = SearchWork.of(config, profile);   // what every task carries
 * CandidateEvaluator<?> ev = w.evaluator();        // on the worker
 * }</pre>
 *
 * @param space {@code nasbench201} or {@code edgetpu}
 * @param dataset the NAS-Bench-201 dataset id (its network's input and classes)
 * @param swishAndSe whether swish and SE are searchable (edgetpu)
 * @param profileName the profile's name
 * @param profileYaml the whole profile as YAML
 * @param accuracy {@code nb201:DATASET}, {@code cmd} or {@code proxy}
 * @param accuracyCommand the command ({@code cmd}), or ""
 * @param accuracyTimeoutMillis how long one command trial may run
 */
public record SearchWork(String space, String dataset, boolean swishAndSe, String profileName, String profileYaml, String accuracy,
        String accuracyCommand, long accuracyTimeoutMillis) implements TrialWork {
    private static final long serialVersionUID = 1L;

    public SearchWork {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(profileYaml, "profileYaml");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(accuracyCommand, "accuracyCommand");
        SpaceKind.parse(space);
        NasBench201Dataset.parse(dataset);
        AccuracySpec.parse(accuracy);
        if (accuracyTimeoutMillis < 1) throw new IllegalArgumentException("accuracy timeout must be >= 1 ms, but was " + accuracyTimeoutMillis);
    }

    /** The work of the search {@code config} with latency simulated under {@code profile}. */
    public static SearchWork of(SearchConfig config, Profile profile) {
        return new SearchWork(config.space().id(), config.dataset().id(), config.swishAndSe(), profile.name(), ProfileLoader.toYaml(profile),
                config.accuracy().toString(), config.accuracyCommand().orElse(""), config.accuracyTimeout().toMillis());
    }

    @Override
    public String id() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join("\u0000", space, dataset, Boolean.toString(swishAndSe), profileName, profileYaml, accuracy, accuracyCommand,
                    Long.toString(accuracyTimeoutMillis)).getBytes(StandardCharsets.UTF_8));
            return "search-" + HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The profile the YAML describes. */
    public Profile profile() {
        return ProfileLoader.parse(profileYaml, profileName + ".yaml");
    }

    @Override
    public CandidateEvaluator<?> evaluator() {
        NasBench201Dataset ds = NasBench201Dataset.parse(dataset);
        Simulator simulator = new Simulator(profile(), 0);
        AccuracyEstimator estimator = SearchRun.accuracyEstimator(AccuracySpec.parse(accuracy), ds, Optional.empty(), accuracyCommand,
                Duration.ofMillis(accuracyTimeoutMillis), () -> ProxyEstimator.create(null, ProxyEstimator.Budget.defaults()));
        return build(SearchRun.space(SpaceKind.parse(space), ds, swishAndSe), simulator, estimator);
    }

    private static <G> CandidateEvaluator<G> build(SearchSpace<G> s, Simulator simulator, AccuracyEstimator estimator) {
        return new CandidateEvaluator<>(s, deployed -> simulator.simulate(deployed).latencyMs(), estimator);
    }
}
