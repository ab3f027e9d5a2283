package dev.edgetpunas.sim.profile;

/**
 * The {@code link} section: the bus between host and accelerator, as the host drives it. Effective
 * figures, not bus maxima: the same USB 3 link moves ~420 MB/s on an x86 host and ~255 MB/s on a
 * Raspberry Pi 4.
 *
 * <pre>{@code
 * LinkSpec l = ProfileLoader.load("edgetpu-rpi4-usb3").link();
 * double us = l.transferUs(150_528);                  // one 224x224x3 input
 * double perCycle = l.bytesPerCycle(500);             // for the array model at 500 MHz
 * }</pre>
 *
 * @param kind the bus
 * @param bandwidthMBps effective bandwidth, 10^6 bytes per second
 * @param overheadUs fixed host-side cost per inference, microseconds
 * @param transferLatencyUs fixed cost per transfer at a TPU-CPU segment boundary, microseconds
 * @param streamOverlap fraction (0..1) of the streamed-parameter transfer that overlaps compute
 */
public record LinkSpec(Kind kind, double bandwidthMBps, double overheadUs, double transferLatencyUs, double streamOverlap) {

    public LinkSpec {
        Check.present("link.kind", kind);
        Check.positive("link.bandwidthMBps", bandwidthMBps);
        overheadUs = Check.nonNegative("link.overheadUs", overheadUs);
        transferLatencyUs = Check.nonNegative("link.transferLatencyUs", transferLatencyUs);
        streamOverlap = Check.fraction("link.streamOverlap", streamOverlap);
    }

    /** Bandwidth in bytes per second. */
    public double bytesPerSecond() {
        return bandwidthMBps * 1e6;
    }

    /** Bandwidth in bytes per accelerator cycle at {@code clockMhz}. */
    public double bytesPerCycle(double clockMhz) {
        return bandwidthMBps / clockMhz;
    }

    /** Time to move {@code bytes} at the effective bandwidth, microseconds (no fixed latency). */
    public double transferUs(long bytes) {
        return bytes / bandwidthMBps;
    }

    /** Host-accelerator buses (libedgetpu's device types). */
    public enum Kind implements ProfileEnum {
        /** USB 3.1 Gen 1 (USB Accelerator on a USB 3 port). */
        USB3("usb3"),
        /** USB 2.0. */
        USB2("usb2"),
        /** PCIe Gen 2 x1 (Dev Board, M.2, mini-PCIe). */
        PCIE2X1("pcie2x1");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }
}
