package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.sim.profile.AcceleratorSpec;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.HostSpec;
import dev.edgetpunas.sim.profile.LinkSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileEnum;
import dev.edgetpunas.sim.profile.ProfileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a merged, key-checked profile tree into a {@link Profile}: reads each key with its type (integer,
 * number, boolean, string, byte size, choice), lets the records check ranges, and reports any error at
 * the location of the key that caused it. Keys whose name ends in {@code Bytes} also take sizes such as
 * {@code 8MiB}.
 *
 * <pre>{@code
 * Profile p = new Binder(merged, schema).bind();
 * }</pre>
 */
public final class Binder {
    private final LocatedTree tree;
    private final Schema schema;
    private final Set<String> read = new HashSet<>();

    public Binder(LocatedTree tree, Schema schema) {
        this.tree = tree;
        this.schema = schema;
    }

    /** The profile; every key of the schema is read exactly once. */
    public Profile bind() {
        int schemaVersion = integer("schemaVersion");
        String name = string("name");
        String description = string("description");
        AcceleratorSpec accelerator = construct("accelerator", () -> new AcceleratorSpec(
                bool("accelerator.present"),
                integer("accelerator.rows"),
                integer("accelerator.cols"),
                choice("accelerator.dataflow", AcceleratorSpec.Dataflow.class),
                number("accelerator.clockMhz"),
                bytes("accelerator.sramBytes"),
                choice("accelerator.activationSharing", AcceleratorSpec.ActivationSharing.class),
                number("accelerator.sramBandwidthBytesPerCycle"),
                bool("accelerator.doubleBufferedWeights"),
                number("accelerator.vectorElementsPerCycle"),
                choice("accelerator.depthwiseMapping", AcceleratorSpec.DepthwiseMapping.class),
                longInteger("accelerator.foldOverheadCycles"),
                bool("accelerator.convInputReuse"),
                choice("accelerator.activationSpill", AcceleratorSpec.ActivationSpill.class)));
        CompilerSpec compiler = construct("compiler", () -> new CompilerSpec(
                choice("compiler.version", CompilerSpec.Version.class),
                bytes("compiler.reserveFixedBytes"),
                number("compiler.reserveActivationFactor"),
                choice("compiler.placement", CompilerSpec.Placement.class)));
        LinkSpec link = construct("link", () -> new LinkSpec(
                choice("link.kind", LinkSpec.Kind.class),
                number("link.bandwidthMBps"),
                number("link.overheadUs"),
                number("link.transferLatencyUs"),
                number("link.streamOverlap")));
        HostSpec host = construct("host", () -> new HostSpec(
                string("host.name"),
                integer("host.threads"),
                number("host.convMacsPerSecond"),
                number("host.depthwiseMacsPerSecond"),
                number("host.fullyConnectedMacsPerSecond"),
                number("host.elementwiseElementsPerSecond"),
                number("host.perOpOverheadUs"),
                number("host.customOpDefaultUs")));
        if (accelerator.present() && compiler.reserveFixedBytes() >= accelerator.sramBytes()) {
            // name the key the most specific file wrote, so the user sees the line they changed
            String key = tree.origin("accelerator.sramBytes").file().equals(tree.file()) ? "accelerator.sramBytes" : "compiler.reserveFixedBytes";
            String problem = key.equals("accelerator.sramBytes")
                    ? "must be > compiler.reserveFixedBytes (" + compiler.reserveFixedBytes() + "), but was " + accelerator.sramBytes()
                    : "must be < accelerator.sramBytes (" + accelerator.sramBytes() + "), but was " + compiler.reserveFixedBytes();
            throw locate(ProfileException.at(key, problem));
        }
        Profile profile = construct("", () -> new Profile(schemaVersion, name, description, accelerator, compiler, link, host));
        if (!read.containsAll(schema.leafPaths()) || read.size() != schema.leafPaths().size()) {
            Set<String> missing = new HashSet<>(schema.leafPaths());
            missing.removeAll(read);
            throw new IllegalStateException("the reference profile and the binder disagree on keys: not bound " + missing
                    + ", bound but not in the reference " + read.stream().filter(k -> !schema.isLeaf(k)).toList());
        }
        return profile;
    }

    private interface Construction<T> {
        T get();
    }

    private <T> T construct(String section, Construction<T> c) {
        try {
            return c.get();
        } catch (ProfileException e) {
            throw e.file().isEmpty() ? locate(e) : e;
        } catch (IllegalArgumentException e) {
            throw locate(ProfileException.at(section, e.getMessage()));
        }
    }

    private ProfileException locate(ProfileException e) {
        Origin o = tree.origin(e.keyPath());
        return e.locatedAt(o.file(), o.line(), o.column());
    }

    private JsonNode node(String path) {
        if (!read.add(path)) throw new IllegalStateException("key bound twice: " + path);
        JsonNode n = tree.root().at("/" + path.replace(".", "/"));
        if (n.isMissingNode()) throw new IllegalStateException("the reference profile has no key " + path);
        return n;
    }

    private ProfileException typeError(String path, String expected, JsonNode n) {
        return locate(ProfileException.at(path, "must be " + expected + ", but was " + describe(n)));
    }

    int integer(String path) {
        JsonNode n = node(path);
        if (n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToInt()) return n.asInt();
        if (n.isNumber() && n.canConvertToExactIntegral()) throw typeError(path, "an integer below 2^31", n);
        throw typeError(path, "an integer", n);
    }

    long longInteger(String path) {
        JsonNode n = node(path);
        if (n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong()) return n.asLong();
        if (n.isNumber() && n.canConvertToExactIntegral()) throw typeError(path, "an integer below 2^63", n);
        throw typeError(path, "an integer", n);
    }

    long bytes(String path) {
        JsonNode n = node(path);
        if (n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong()) return n.asLong();
        if (n.isTextual()) {
            try {
                return Sizes.parse(n.asText());
            } catch (IllegalArgumentException e) {
                throw locate(ProfileException.at(path, e.getMessage()));
            }
        }
        throw typeError(path, "a byte count (an integer, or a size like 512KiB or 8MiB)", n);
    }

    double number(String path) {
        JsonNode n = node(path);
        if (n.isNumber()) return n.asDouble();
        throw typeError(path, "a number", n);
    }

    boolean bool(String path) {
        JsonNode n = node(path);
        if (n.isBoolean()) return n.asBoolean();
        throw typeError(path, "true or false", n);
    }

    String string(String path) {
        JsonNode n = node(path);
        if (n.isTextual()) return n.asText();
        throw typeError(path, "a string (quote it)", n);
    }

    <E extends Enum<E> & ProfileEnum> E choice(String path, Class<E> type) {
        JsonNode n = node(path);
        // numbers too: YAML reads an unquoted 16.0 or 2019 as a number
        if (n.isTextual() || (n.isNumber() && !n.isBigDecimal() && !n.isBigInteger())) {
            try {
                return ProfileEnum.parse(type, n.asText());
            } catch (IllegalArgumentException e) {
                throw locate(ProfileException.at(path, "must be one of " + ProfileEnum.choices(type) + ", but was " + describe(n)));
            }
        }
        throw typeError(path, "one of " + ProfileEnum.choices(type), n);
    }

    /** A value as a message shows it: {@code "abc" (a string)}, {@code 64.5}, {@code a mapping}, ... */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "missing";
        if (n.isNull()) return "empty (null)";
        if (n.isTextual()) return "\"" + n.asText() + "\" (a string)";
        if (n.isBoolean()) return n.asText() + " (a boolean)";
        if (n.isNumber()) return n.isFloatingPointNumber() ? Double.toString(n.asDouble()) : n.asText();
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        return n.toString();
    }

    /** The keys read so far (for tests). */
    List<String> readKeys() {
        return List.copyOf(read);
    }
}
