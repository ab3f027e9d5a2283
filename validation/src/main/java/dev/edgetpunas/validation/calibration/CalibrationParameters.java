package dev.edgetpunas.validation.calibration;

import dev.edgetpunas.sim.profile.LinkSpec;
import dev.edgetpunas.sim.profile.Profile;
import java.util.List;

/**
 * The profile keys a calibration may fit, with their physical bounds. A closed list: a key that is not here
 * (the clock, the array shape, the SRAM size: published or structural facts) cannot be fitted.
 *
 * <pre>{@code
 * CalibrationParameter p = CalibrationParameters.of("link.bandwidthMBps", ProfileLoader.load("edgetpu-rpi3-usb2"));
 * p.upper();   // 40.0: USB 2's 480 Mbit/s minus protocol overhead
 * }</pre>
 */
public final class CalibrationParameters {
    private CalibrationParameters() {}

    /** Every key that can be fitted, in a stable order. */
    public static final List<String> KEYS = List.of(
            "link.bandwidthMBps",
            "link.overheadUs",
            "link.transferLatencyUs",
            "link.streamOverlap",
            "accelerator.vectorElementsPerCycle",
            "accelerator.sramBandwidthBytesPerCycle",
            "accelerator.foldOverheadCycles",
            "compiler.reserveFixedBytes",
            "compiler.reserveActivationFactor",
            "host.convMacsPerSecond",
            "host.depthwiseMacsPerSecond",
            "host.fullyConnectedMacsPerSecond",
            "host.elementwiseElementsPerSecond",
            "host.perOpOverheadUs",
            "host.customOpDefaultUs");

    /** Most parameters one calibration may fit (the rule: at most 4 free parameters per profile). */
    public static final int MAX_PARAMETERS = 4;

    /**
     * The parameter for {@code keyPath} with bounds for {@code profile} (the link ceiling depends on its bus).
     *
     * @throws IllegalArgumentException for a key that cannot be fitted, listing the ones that can
     */
    public static CalibrationParameter of(String keyPath, Profile profile) {
        String k = keyPath.trim();
        return switch (k) {
            case "link.bandwidthMBps" -> new CalibrationParameter(k, 1, busCeilingMBps(profile.link().kind()), true, false,
                    "effective MB/s, at most the bus ceiling (" + profile.link().kind().id() + ": " + busCeilingMBps(profile.link().kind()) + " MB/s)");
            case "link.overheadUs" -> new CalibrationParameter(k, 0, 10_000, false, false, "per-inference host cost, 0..10 ms");
            case "link.transferLatencyUs" -> new CalibrationParameter(k, 0, 5_000, false, false, "per boundary transfer, 0..5 ms");
            case "link.streamOverlap" -> new CalibrationParameter(k, 0, 1, false, false, "a fraction");
            case "accelerator.vectorElementsPerCycle" -> new CalibrationParameter(k, 1, profile.accelerator().macsPerCycle(), true, false,
                    "lanes, 1..rows*cols (no more lanes than MACs)");
            case "accelerator.sramBandwidthBytesPerCycle" -> new CalibrationParameter(k, 8, 4096, true, false, "bytes/cycle, 8..4096");
            case "accelerator.foldOverheadCycles" -> new CalibrationParameter(k, 0, 1024, false, true,
                    "cycles per fold, 0..1024 (a fold streams at least rows + cols cycles)");
            case "compiler.reserveFixedBytes" -> new CalibrationParameter(k, 0, profile.accelerator().sramBytes() / 2.0, false, true,
                    "bytes, 0..half the SRAM");
            case "compiler.reserveActivationFactor" -> new CalibrationParameter(k, 0, 4, false, false, "bytes per activation byte, 0..4");
            case "host.convMacsPerSecond", "host.depthwiseMacsPerSecond", "host.fullyConnectedMacsPerSecond" ->
                    new CalibrationParameter(k, 1e7, 1e12, true, false, "MACs/s, 1e7..1e12");
            case "host.elementwiseElementsPerSecond" -> new CalibrationParameter(k, 1e6, 1e11, true, false, "elements/s, 1e6..1e11");
            case "host.perOpOverheadUs" -> new CalibrationParameter(k, 0, 1_000, false, false, "per CPU op, 0..1 ms");
            case "host.customOpDefaultUs" -> new CalibrationParameter(k, 0, 100_000, false, false, "per unknown CUSTOM op, 0..100 ms");
            default -> throw new IllegalArgumentException("cannot calibrate '" + keyPath + "': calibratable keys are " + String.join(", ", KEYS));
        };
    }

    /**
     * Highest effective host-link speed of a bus, MB/s: USB 3.1 Gen 1 and PCIe Gen 2 x1 carry 5 Gbit/s with
     * 8b/10b coding (500 MB/s); USB 2's 480 Mbit/s is 60 MB/s raw, about 40 MB/s after protocol overhead.
     */
    public static double busCeilingMBps(LinkSpec.Kind kind) {
        return switch (kind) {
            case USB3, PCIE2X1 -> 500;
            case USB2 -> 40;
        };
    }
}
