package dev.edgetpunas.validation;

import java.util.Locale;

/**
 * Where a measured model ran: compiled for the Edge TPU, or as a plain TFLite model on the profile's host
 * CPU alone (the CPU columns of Coral's benchmarks, which calibrate the host cost model).
 *
 * <pre>{@code
 * Device.parse("cpu");   // CPU
 * Device.CPU.id();       // "cpu"
 * }</pre>
 */
public enum Device {
    /** The model compiled for the Edge TPU, ops the compiler cannot map on the host (the default). */
    EDGETPU,
    /** TFLite on the host CPU only: the profile with {@code accelerator.present: false}. */
    CPU;

    /** Lower-case id as written in a measurement file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The device spelled {@code text} ({@code edgetpu} or {@code cpu}, any case). */
    public static Device parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Device d : values()) {
            if (d.id().equals(t)) return d;
        }
        throw new IllegalArgumentException("device must be edgetpu or cpu, but was '" + text + "'");
    }
}
