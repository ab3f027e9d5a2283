package dev.edgetpunas.sim.profile;

import java.util.List;

/**
 * The {@code compiler} section: which edgetpu_compiler version to model and how it budgets the on-chip
 * parameter cache. The op-support rules themselves live as data in compiler-model.
 *
 * <pre>{@code
 * CompilerSpec c = ProfileLoader.load("edgetpu-usb3-max").compiler();
 * long budget = c.parameterBudgetBytes(8L << 20, 600_000);   // sram - fixed - factor * activations
 * }</pre>
 *
 * @param version the compiler version ({@code --compiler} on the command line overrides it)
 * @param reserveFixedBytes SRAM the compiler keeps for itself (executable, buffers), bytes
 * @param reserveActivationFactor how many bytes of SRAM are reserved per byte of peak live activations
 * @param placement how parameters are chosen for the on-chip cache
 */
public record CompilerSpec(Version version, long reserveFixedBytes, double reserveActivationFactor, Placement placement) {

    public CompilerSpec {
        Check.present("compiler.version", version);
        Check.nonNegative("compiler.reserveFixedBytes", reserveFixedBytes);
        reserveActivationFactor = Check.nonNegative("compiler.reserveActivationFactor", reserveActivationFactor);
        Check.present("compiler.placement", placement);
    }

    /**
     * The on-chip parameter budget for a model whose peak live activations take
     * {@code peakActivationBytes}: {@code sramBytes - reserveFixedBytes - reserveActivationFactor *
     * peakActivationBytes}, at least 0.
     */
    public long parameterBudgetBytes(long sramBytes, long peakActivationBytes) {
        double budget = sramBytes - reserveFixedBytes - reserveActivationFactor * peakActivationBytes;
        return budget <= 0 ? 0 : (long) Math.floor(budget);
    }

    /** This spec with another compiler version. */
    public CompilerSpec withVersion(Version v) {
        return new CompilerSpec(v, reserveFixedBytes, reserveActivationFactor, placement);
    }

    /** Compiler versions the model knows. */
    public enum Version implements ProfileEnum {
        /** edgetpu_compiler 2.0 (July 2019, the EfficientNet-EdgeTPU release); alias {@code 2019}. */
        V2_0("2.0", List.of("2019")),
        /** edgetpu_compiler 16.0 (2021, runtime 14). */
        V16_0("16.0", List.of());

        private final String id;
        private final List<String> aliases;

        Version(String id, List<String> aliases) {
            this.id = id;
            this.aliases = aliases;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }

        /** The version spelled {@code text} ({@code 2.0}, {@code 2019} or {@code 16.0}). */
        public static Version parse(String text) {
            return ProfileEnum.parse(Version.class, text);
        }
    }

    /** How parameters of mapped ops are put in the on-chip cache, in execution order. */
    public enum Placement implements ProfileEnum {
        /** Cache tensors in execution order and stop at the first one that does not fit. */
        PREFIX("prefix"),
        /** Cache every tensor that still fits, skipping the ones that do not. */
        FIRST_FIT("first-fit");

        private final String id;

        Placement(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }
}
