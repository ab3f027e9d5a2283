package dev.edgetpunas.sim.profile;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of valid profiles, including values that are awkward to write as YAML. */
final class ProfileGenerators {
    private ProfileGenerators() {}

    /** Characters that YAML treats specially, plus plain ones and a few non-ASCII letters. */
    private static final List<Character> CHARS = List.of(
            'a', 'Z', '0', '9', ' ', '-', '_', '.', ':', '#', '"', '\'', '{', '}', '[', ']', ',', '&', '*',
            '!', '|', '>', '%', '@', '`', '\\', '/', '?', '=', 'é', '√', '中', '~');

    /** Strings that look like other YAML types. */
    private static final List<String> TRICKY = List.of(
            "true", "no", "yes", "null", "~", "16.0", "2019", "0x10", "1e3", "-", " lead", "trail ", "a: b", "a #b", "'q'", "\"dq\"");

    static Gen<String> labels(boolean allowEmpty) {
        Gen<String> random = lists().of(Generate.pick(CHARS)).ofSizeBetween(allowEmpty ? 0 : 1, 24)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
        Gen<String> any = random.mix(Generate.pick(TRICKY), 30);
        return allowEmpty ? any : any.assuming(s -> !s.isBlank());
    }

    /** Positive finite doubles over many magnitudes, with round and awkward values. */
    static Gen<Double> positiveNumbers() {
        Gen<Double> wide = doubles().between(-12, 15).map(e -> Math.pow(10, e));
        Gen<Double> round = integers().between(1, 100_000).map(Integer::doubleValue);
        Gen<Double> odd = Generate.pick(List.of(0.1, 1.0 / 3, 5.75e9, 1e-300, 1.7e308, Double.MIN_NORMAL, 4.9e-324));
        return wide.mix(round, 40).mix(odd, 15);
    }

    static Gen<Double> nonNegativeNumbers() {
        return positiveNumbers().mix(Generate.constant(0.0), 15);
    }

    static Gen<AcceleratorSpec> accelerators() {
        Gen<int[]> shape = integers().between(1, AcceleratorSpec.MAX_DIMENSION).zip(integers().between(1, 512), (r, c) -> new int[] {r, c});
        Gen<Object[]> part1 = Generate.booleans().zip(shape, Generate.enumValues(AcceleratorSpec.Dataflow.class), positiveNumbers(),
                (present, rc, df, clock) -> new Object[] {present, rc, df, clock});
        Gen<Object[]> part2 = longs().between(1L << 20, 1L << 40).zip(Generate.enumValues(AcceleratorSpec.ActivationSharing.class),
                positiveNumbers(), Generate.booleans(), (sram, sharing, bw, dbl) -> new Object[] {sram, sharing, bw, dbl});
        Gen<Object[]> part3 = positiveNumbers().zip(Generate.enumValues(AcceleratorSpec.DepthwiseMapping.class),
                longs().between(0, Long.MAX_VALUE), Generate.booleans(), Generate.enumValues(AcceleratorSpec.ActivationSpill.class),
                (vec, dw, fold, reuse, spill) -> new Object[] {vec, dw, fold, reuse, spill});
        return part1.zip(part2, part3, (a, b, c) -> new AcceleratorSpec(
                (Boolean) a[0], ((int[]) a[1])[0], ((int[]) a[1])[1], (AcceleratorSpec.Dataflow) a[2], (Double) a[3],
                (Long) b[0], (AcceleratorSpec.ActivationSharing) b[1], (Double) b[2], (Boolean) b[3],
                (Double) c[0], (AcceleratorSpec.DepthwiseMapping) c[1], (Long) c[2], (Boolean) c[3], (AcceleratorSpec.ActivationSpill) c[4]));
    }

    /** Compiler specs whose fixed reserve is below 1 MiB (accelerators have at least 1 MiB of SRAM). */
    static Gen<CompilerSpec> compilers() {
        return Generate.enumValues(CompilerSpec.Version.class).zip(longs().between(0, (1L << 20) - 1), nonNegativeNumbers(),
                Generate.enumValues(CompilerSpec.Placement.class), CompilerSpec::new);
    }

    static Gen<LinkSpec> links() {
        Gen<Double> fractions = doubles().fromZeroToOne().mix(Generate.pick(List.of(0.0, 1.0, 0.5)), 30);
        return Generate.enumValues(LinkSpec.Kind.class).zip(positiveNumbers(), nonNegativeNumbers(), nonNegativeNumbers(), fractions,
                LinkSpec::new);
    }

    static Gen<HostSpec> hosts() {
        Gen<Object[]> part1 = labels(false).zip(integers().between(1, 1024), positiveNumbers(), positiveNumbers(),
                (name, threads, conv, dw) -> new Object[] {name, threads, conv, dw});
        Gen<Object[]> part2 = positiveNumbers().zip(positiveNumbers(), nonNegativeNumbers(), nonNegativeNumbers(),
                (fc, ew, perOp, custom) -> new Object[] {fc, ew, perOp, custom});
        return part1.zip(part2, (a, b) -> new HostSpec((String) a[0], (Integer) a[1], (Double) a[2], (Double) a[3],
                (Double) b[0], (Double) b[1], (Double) b[2], (Double) b[3]));
    }

    static Gen<Profile> profiles() {
        Gen<String[]> labels = labels(false).zip(labels(true), (n, d) -> new String[] {n, d});
        return labels.zip(accelerators(), compilers(), links(), hosts(),
                (nd, a, c, l, h) -> new Profile(Profile.SCHEMA_VERSION, nd[0], nd[1], a, c, l, h));
    }
}
