package dev.edgetpunas.validation;

import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import dev.edgetpunas.validation.internal.ModelCache;
import dev.edgetpunas.validation.internal.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Simulates every row of a measurement set on its profile and compares.
 *
 * <pre>{@code
 * ValidationReport r = new Validator().validate(MeasurementSet.builtIn());
 * for (ValidationRow row : r.rows()) System.out.println(row.measurement().model() + " " + row.errorPct());
 * Validator mine = new Validator(ref -> ProfileLoader.load(ref).withOverrides(Map.of("link.overheadUs", 900)));
 * }</pre>
 *
 * <p>A row's profile reference (bundled name or file) is loaded by the given function; a row with a
 * {@code compiler} gets that compiler version; a {@link Device#CPU} row runs on the profile with
 * {@code accelerator.present: false}. Deployed graphs are built once per validator. Thread-safe.
 */
public final class Validator {
    private final Function<String, Profile> profiles;
    private final ModelCache models = new ModelCache();

    /** Profiles loaded with {@link ProfileLoader#load(String)}. */
    public Validator() {
        this(ProfileLoader::load);
    }

    /** Profiles from {@code profiles} (a profile reference to a profile). */
    public Validator(Function<String, Profile> profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /**
     * Validates {@code set}.
     *
     * @throws IllegalArgumentException starting with the row's {@code FILE:LINE} when a model or profile fails
     */
    public ValidationReport validate(MeasurementSet set) {
        List<Measurement> rows = set.rows();
        double[] predicted = predict(rows);
        List<ValidationRow> out = new ArrayList<>(rows.size());
        Map<String, String> digests = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            Profile base = profiles.apply(m.profile());
            String group = group(base, m);
            digests.putIfAbsent(group, Predictor.effectiveProfile(base, m).digest());
            out.add(new ValidationRow(m, group, predicted[i], Fidelity.errorPct(m.latencyMs(), predicted[i])));
        }
        return ValidationReport.of(set.name(), out, digests, set.skipped());
    }

    /** Predicted milliseconds of each row (see the class comment for how rows map to profiles). */
    public double[] predict(List<Measurement> rows) {
        return new Predictor(models).predict(rows, profiles);
    }

    /** The group a row is reported under: the profile's name, {@code NAME/cpu} for a CPU row of an accelerator profile. */
    public static String group(Profile base, Measurement m) {
        return m.device() == Device.CPU && base.accelerator().present() ? base.name() + "/cpu" : base.name();
    }
}
