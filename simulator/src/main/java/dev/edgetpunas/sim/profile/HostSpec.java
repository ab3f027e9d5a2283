package dev.edgetpunas.sim.profile;

/**
 * The {@code host} section: the CPU that feeds the accelerator and runs the ops that fall back to the
 * CPU (everything, in a {@code cpu-only} profile). Effective rates of TFLite's int8 kernels per op
 * kind, at {@code threads} threads, plus a fixed cost per op.
 *
 * <pre>{@code
 * HostSpec h = ProfileLoader.load("edgetpu-rpi4-usb3").host();
 * double us = h.perOpOverheadUs() + 1e6 * 115_605_504L / h.convMacsPerSecond();
 * }</pre>
 *
 * @param name a label for the host CPU, e.g. {@code Raspberry Pi 4 (Cortex-A72)}
 * @param threads CPU threads the rates were measured with (the rates already include their effect)
 * @param convMacsPerSecond CONV_2D (and TRANSPOSE_CONV), MACs per second
 * @param depthwiseMacsPerSecond DEPTHWISE_CONV_2D, MACs per second
 * @param fullyConnectedMacsPerSecond FULLY_CONNECTED, MACs per second
 * @param elementwiseElementsPerSecond element-wise ops, activations, pooling, MEAN, resize, copies:
 *     output elements per second
 * @param perOpOverheadUs fixed cost per CPU op (dispatch, requantization set-up), microseconds
 * @param customOpDefaultUs cost of a CUSTOM op the model does not know, microseconds
 */
public record HostSpec(
        String name,
        int threads,
        double convMacsPerSecond,
        double depthwiseMacsPerSecond,
        double fullyConnectedMacsPerSecond,
        double elementwiseElementsPerSecond,
        double perOpOverheadUs,
        double customOpDefaultUs) {

    public HostSpec {
        Check.label("host.name", name, false);
        Check.range("host.threads", threads, 1, 1024);
        Check.positive("host.convMacsPerSecond", convMacsPerSecond);
        Check.positive("host.depthwiseMacsPerSecond", depthwiseMacsPerSecond);
        Check.positive("host.fullyConnectedMacsPerSecond", fullyConnectedMacsPerSecond);
        Check.positive("host.elementwiseElementsPerSecond", elementwiseElementsPerSecond);
        perOpOverheadUs = Check.nonNegative("host.perOpOverheadUs", perOpOverheadUs);
        customOpDefaultUs = Check.nonNegative("host.customOpDefaultUs", customOpDefaultUs);
    }
}
