package dev.edgetpunas.cli.cluster;

import dev.edgetpunas.nas.cluster.ClusterSettings;
import dev.edgetpunas.nas.cluster.HazelcastEvaluationService;
import dev.edgetpunas.nas.cluster.SearchWork;
import dev.edgetpunas.nas.eval.EvaluationService;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.sim.profile.Profile;
import java.time.Duration;

/**
 * The bridge from {@code search} to the cluster: an evaluation-service factory whose service starts
 * the driver (a lite member) and sends each candidate's trial, with the search's work description, to
 * the workers. The only class of the search path that touches {@code nas-cluster}'s Hazelcast code;
 * a local search never loads it.
 *
 * <pre>{@code
 * SearchRun.builder(config).evaluation(ClusterSearch.factory(settings, config, profile, 3, Duration.ofHours(2)))...
 * }</pre>
 */
public final class ClusterSearch {
    private ClusterSearch() {}

    /** The factory for {@code config}'s trials under {@code profile} on the cluster {@code settings} describes. */
    public static EvaluationService.Factory factory(ClusterSettings settings, SearchConfig config, Profile profile, int retries, Duration taskTimeout) {
        SearchWork work = SearchWork.of(config, profile);
        HazelcastEvaluationService.Options o = new HazelcastEvaluationService.Options(retries, taskTimeout, Duration.ofMinutes(10));
        return HazelcastEvaluationService.factory(settings, () -> work, o);
    }
}
