package dev.edgetpunas.validation.internal;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.report.LatencyReport;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Simulated latency of measurement rows. Each call builds one {@link Simulator} per effective profile and
 * simulates each distinct (model, scenario) once, so duplicate published figures cost nothing.
 *
 * <pre>{@code
 * double[] ms = new Predictor(new ModelCache()).predict(rows, ProfileLoader::load);
 * }</pre>
 */
public final class Predictor {
    private final ModelCache models;

    public Predictor(ModelCache models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    /** The profile a row runs on: its compiler version applied, the accelerator removed for CPU rows. */
    public static Profile effectiveProfile(Profile base, Measurement m) {
        Profile p = base;
        if (m.compiler().isPresent()) p = p.withCompilerVersion(CompilerSpec.Version.parse(m.compiler().get()));
        if (m.device() == Device.CPU && p.accelerator().present()) p = p.withOverrides(Map.of("accelerator.present", false));
        return p;
    }

    /**
     * Predicted milliseconds of each row.
     *
     * @param profileOf the profile of a row's profile reference
     * @throws IllegalArgumentException prefixed with the row's origin if its model or profile fails
     */
    public double[] predict(List<Measurement> rows, Function<String, Profile> profileOf) {
        Map<Profile, Simulator> sims = new HashMap<>();
        Map<List<Object>, Double> done = new HashMap<>();
        double[] out = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            try {
                Profile p = effectiveProfile(profileOf.apply(m.profile()), m);
                Simulator sim = sims.computeIfAbsent(p, Simulator::new);
                List<Object> key = List.of(p, m.model(), m.scenario());
                Double v = done.get(key);
                if (v == null) {
                    v = simulate(sim, m);
                    done.put(key, v);
                }
                out[i] = v;
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new IllegalArgumentException(m.origin() + ": " + msg, e);
            }
        }
        return out;
    }

    private double simulate(Simulator sim, Measurement m) {
        List<Graph> graphs = new ArrayList<>();
        for (String spec : m.models()) graphs.add(models.deployed(spec));
        if (graphs.size() == 1 && !m.scenario().alternates()) return sim.simulate(graphs.get(0), m.scenario()).latencyMs();
        Scenario sc = m.scenario();
        double total = 0;
        for (LatencyReport r : sim.simulateAll(graphs, sc)) total += r.latencyMs();
        return total;
    }
}
