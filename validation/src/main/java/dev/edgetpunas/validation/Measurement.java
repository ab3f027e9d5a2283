package dev.edgetpunas.validation;

import dev.edgetpunas.sim.Scenario;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured latency: a model (or several run together) on a profile's device and host, in a scenario,
 * with the source of the figure.
 *
 * <pre>{@code
 * Measurement m = new Measurement("mobilenet-v1", "edgetpu-usb3-max", Device.EDGETPU, Scenario.WARM,
 *         Optional.empty(), 2.17, "https://github.com/google-coral/edgetpu/...", "", "measurements.csv:12");
 * m.models();   // ["mobilenet-v1"]
 * }</pre>
 *
 * @param model a zoo name (optionally {@code @SIZE}), a {@code .tflite} path (resolved against the file that
 *     named it), or {@code a+b} for models run together in one scenario
 * @param profile a bundled profile name or a profile file
 * @param device where the model ran
 * @param scenario what was timed; for {@code a+b} the latency is one inference of each model
 * @param compiler the compiler version to model, or empty for the profile's
 * @param latencyMs measured latency, milliseconds (finite, > 0)
 * @param source where the figure comes from (a URL for published figures)
 * @param note free text (assumptions about the figure), may be empty
 * @param origin {@code FILE:LINE} of the row, for messages
 */
public record Measurement(String model, String profile, Device device, Scenario scenario, Optional<String> compiler,
        double latencyMs, String source, String note, String origin) {

    public Measurement {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(origin, "origin");
        if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
        if (profile.isBlank()) throw new IllegalArgumentException("profile must not be blank");
        if (!(latencyMs > 0) || Double.isInfinite(latencyMs)) {
            throw new IllegalArgumentException("latency_ms must be a finite number > 0, but was " + latencyMs);
        }
        for (String m : model.split("\\+", -1)) {
            if (m.isBlank()) throw new IllegalArgumentException("model '" + model + "' has an empty part around '+'");
        }
    }

    /** The models of this row: one, or several for {@code a+b}. */
    public List<String> models() {
        return Arrays.stream(model.split("\\+")).map(String::trim).toList();
    }
}
