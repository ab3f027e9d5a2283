package dev.edgetpunas.validation;

import java.util.Objects;

/**
 * One measurement next to its prediction.
 *
 * <pre>{@code
 * ValidationRow r = report.rows().get(0);
 * r.errorPct();   // 100 * (predicted - measured) / measured
 * }</pre>
 *
 * @param measurement the measured row
 * @param group the profile it is reported under: the profile's name, with {@code /cpu} for rows that ran on
 *     the host CPU of an accelerator profile ({@code edgetpu-rpi4-usb3/cpu})
 * @param predictedMs simulated latency, milliseconds
 * @param errorPct signed error, percent of the measurement
 */
public record ValidationRow(Measurement measurement, String group, double predictedMs, double errorPct) {
    public ValidationRow {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(group, "group");
    }

    public double measuredMs() {
        return measurement.latencyMs();
    }
}
