package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.google.common.hash.Hashing;
import dev.edgetpunas.sim.profile.AcceleratorSpec;
import dev.edgetpunas.sim.profile.CompilerSpec;
import dev.edgetpunas.sim.profile.HostSpec;
import dev.edgetpunas.sim.profile.LinkSpec;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileEnum;
import dev.edgetpunas.sim.profile.ProfileException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiles as trees: writing (YAML, JSON), the canonical form behind {@link Profile#digest()}, values by
 * key path, and overrides by key path.
 *
 * <pre>{@code
 * ObjectNode tree = ProfileTrees.toTree(profile);
 * String yaml = ProfileTrees.toYaml(profile);
 * }</pre>
 */
public final class ProfileTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new PlainWhenSafe())
            .build());

    /**
     * Leaves a string unquoted only when it is obviously a string to every YAML reader (a letter, then
     * letters, digits, spaces, {@code . _ - ( ) ,}, not a YAML 1.1 keyword); quotes everything else. Jackson's
     * default check lets {@code 0x10} through unquoted, which reads back as the number 16.
     */
    private static final class PlainWhenSafe extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9 ._(),-]*[A-Za-z0-9._)-]|[A-Za-z]");
        private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
                "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");

        @Override
        public boolean needToQuoteValue(String value) {
            return !SAFE.matcher(value).matches() || KEYWORDS.contains(value.toLowerCase(java.util.Locale.ROOT))
                    || value.contains(" #") || value.contains(": ") || super.needToQuoteValue(value);
        }
    }

    private ProfileTrees() {}

    /** Every key, in reference-file order. */
    public static ObjectNode toTree(Profile p) {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", p.schemaVersion());
        root.put("name", p.name());
        root.put("description", p.description());
        AcceleratorSpec a = p.accelerator();
        ObjectNode acc = root.putObject("accelerator");
        acc.put("present", a.present());
        acc.put("rows", a.rows());
        acc.put("cols", a.cols());
        acc.put("dataflow", a.dataflow().id());
        acc.put("clockMhz", a.clockMhz());
        acc.put("sramBytes", a.sramBytes());
        acc.put("activationSharing", a.activationSharing().id());
        acc.put("sramBandwidthBytesPerCycle", a.sramBandwidthBytesPerCycle());
        acc.put("doubleBufferedWeights", a.doubleBufferedWeights());
        acc.put("vectorElementsPerCycle", a.vectorElementsPerCycle());
        acc.put("depthwiseMapping", a.depthwiseMapping().id());
        acc.put("foldOverheadCycles", a.foldOverheadCycles());
        acc.put("convInputReuse", a.convInputReuse());
        acc.put("activationSpill", a.activationSpill().id());
        CompilerSpec c = p.compiler();
        ObjectNode comp = root.putObject("compiler");
        comp.put("version", c.version().id());
        comp.put("reserveFixedBytes", c.reserveFixedBytes());
        comp.put("reserveActivationFactor", c.reserveActivationFactor());
        comp.put("placement", c.placement().id());
        LinkSpec l = p.link();
        ObjectNode link = root.putObject("link");
        link.put("kind", l.kind().id());
        link.put("bandwidthMBps", l.bandwidthMBps());
        link.put("overheadUs", l.overheadUs());
        link.put("transferLatencyUs", l.transferLatencyUs());
        link.put("streamOverlap", l.streamOverlap());
        HostSpec h = p.host();
        ObjectNode host = root.putObject("host");
        host.put("name", h.name());
        host.put("threads", h.threads());
        host.put("convMacsPerSecond", h.convMacsPerSecond());
        host.put("depthwiseMacsPerSecond", h.depthwiseMacsPerSecond());
        host.put("fullyConnectedMacsPerSecond", h.fullyConnectedMacsPerSecond());
        host.put("elementwiseElementsPerSecond", h.elementwiseElementsPerSecond());
        host.put("perOpOverheadUs", h.perOpOverheadUs());
        host.put("customOpDefaultUs", h.customOpDefaultUs());
        return root;
    }

    /** The profile as a YAML file that loads back to an equal profile. */
    public static String toYaml(Profile p) {
        try {
            return "# profile " + p.name() + " (digest " + p.digest() + "): every key, merged over the reference\n"
                    + YAML.writeValueAsString(toTree(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    /** The profile as a JSON file (pretty-printed) that loads back to an equal profile. */
    public static String toJson(Profile p) {
        try {
            return JSON.writeValueAsString(toTree(p)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Hex prefix (16 digits) of SHA-256 over the canonical JSON (sorted keys) without name and description. */
    public static String digest(Profile p) {
        ObjectNode tree = toTree(p);
        tree.remove("name");
        tree.remove("description");
        try {
            byte[] canonical = COMPACT.writeValueAsBytes(sorted(tree));
            return Hashing.sha256().hashBytes(canonical).toString().substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize profile: " + e.getMessage(), e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (!n.isObject()) return n;
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            fields.put(e.getKey(), sorted(e.getValue()));
        }
        ObjectNode out = NODES.objectNode();
        fields.forEach(out::set);
        return out;
    }

    /** The value at a dotted key path: Long, Double, Boolean or String. */
    public static Object valueAt(Profile p, String keyPath) {
        Schema schema = Bundled.schema();
        if (!schema.isLeaf(keyPath)) throw ProfileException.at(keyPath, notALeaf(schema, keyPath));
        JsonNode n = toTree(p).at("/" + keyPath.replace(".", "/"));
        if (n.isBoolean()) return n.asBoolean();
        if (n.isTextual()) return n.asText();
        if (n.isIntegralNumber()) return n.asLong();
        return n.asDouble();
    }

    /** {@code p} with values replaced by key path, re-validated. */
    public static Profile withOverrides(Profile p, Map<String, ?> overrides) {
        Schema schema = Bundled.schema();
        ObjectNode over = NODES.objectNode();
        List<String> keys = new ArrayList<>(overrides.keySet());
        for (String key : keys) {
            if (key == null || !schema.isLeaf(key)) throw ProfileException.at(String.valueOf(key), notALeaf(schema, String.valueOf(key)));
            ObjectNode parent = over;
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], toNode(key, overrides.get(key)));
        }
        LocatedTree base = new LocatedTree("", toTree(p), Map.of());
        LocatedTree merged = Merger.merge(base, new LocatedTree("", over, Map.of()));
        return new Binder(merged, schema).bind();
    }

    private static String notALeaf(Schema schema, String key) {
        if (schema.isSection(key)) {
            List<String> children = schema.leafPaths().stream().filter(k -> k.startsWith(key + ".")).toList();
            return "is a section; set one of its keys: " + String.join(", ", children);
        }
        return schema.unknownKeyProblem(key);
    }

    private static JsonNode toNode(String key, Object v) {
        if (v == null) return NODES.nullNode();
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return NODES.numberNode(((Number) v).longValue());
        if (v instanceof Double || v instanceof Float) return NODES.numberNode(((Number) v).doubleValue());
        if (v instanceof BigDecimal) return NODES.numberNode((BigDecimal) v);
        if (v instanceof BigInteger) return NODES.numberNode((BigInteger) v);
        if (v instanceof Boolean) return NODES.booleanNode((Boolean) v);
        if (v instanceof CharSequence) return NODES.textNode(v.toString());
        if (v instanceof ProfileEnum) return NODES.textNode(((ProfileEnum) v).id());
        throw ProfileException.at(key, "must be a number, boolean, string or choice, but was a " + v.getClass().getName());
    }
}
