package dev.edgetpunas.compiler.compile.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.edgetpunas.compiler.compile.CompilerVersion;
import dev.edgetpunas.compiler.compile.OpStatus;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The op-support rules of one compiler version, read from its rule file (YAML, a resource next to
 * {@link CompilerVersion}). An op is checked against the file's {@code common} checks (an op may
 * replace one by listing a check of the same kind), then, if the op is not listed under {@code ops},
 * it gets "Operation not supported", else its own checks in the listed order. The first failing check
 * decides the status and the reason.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.forVersion(CompilerVersion.V2_0);
 * Verdict v = rules.check(graph, graph.op(2));   // the swish MUL: not mapped, an assumption
 * }</pre>
 */
public final class RuleSet {
    private static final Map<CompilerVersion, RuleSet> CACHE = new EnumMap<>(CompilerVersion.class);
    private static final Pattern OP_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String source;
    private final String version;
    private final String fullVersion;
    private final List<Check> common;
    private final Map<String, List<Check>> listed;
    private final Check[][] byKind;
    private final Map<String, Check[]> byName;
    private final Check[] unlisted;

    private RuleSet(String source, String version, String fullVersion, List<Check> common, Map<String, List<Check>> listed) {
        this.source = source;
        this.version = version;
        this.fullVersion = fullVersion;
        this.common = List.copyOf(common);
        this.listed = Collections.unmodifiableMap(new LinkedHashMap<>(listed));
        this.byKind = new Check[OpKind.values().length][];
        this.byName = new HashMap<>();
        for (Map.Entry<String, List<Check>> e : listed.entrySet()) {
            Check[] merged = merge(common, e.getValue());
            byName.put(e.getKey(), merged);
            for (OpKind k : OpKind.values()) {
                if (k != OpKind.OPAQUE && k.name().equals(e.getKey())) byKind[k.ordinal()] = merged;
            }
        }
        this.unlisted = common.toArray(new Check[0]);
    }

    private static Check[] merge(List<Check> common, List<Check> own) {
        List<Check> out = new ArrayList<>();
        for (Check c : common) {
            Check replacement = c;
            for (Check o : own) if (o.kind() == c.kind()) replacement = o;
            out.add(replacement);
        }
        for (Check o : own) {
            boolean replaces = false;
            for (Check c : common) replaces |= c.kind() == o.kind();
            if (!replaces) out.add(o);
        }
        return out.toArray(new Check[0]);
    }

    /** The bundled rules of {@code v} (read once, then cached). */
    public static RuleSet forVersion(CompilerVersion v) {
        synchronized (CACHE) {
            RuleSet r = CACHE.get(v);
            if (r == null) {
                String res = v.ruleResource();
                try (InputStream in = CompilerVersion.class.getResourceAsStream(res)) {
                    if (in == null) throw new IllegalStateException("rule file " + res + " is missing from the classpath");
                    r = parse(res, in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read rule file " + res + ": " + e.getMessage(), e);
                }
                if (!r.version.equals(v.id())) {
                    throw new IllegalStateException(res + ": version is '" + r.version + "', expected '" + v.id() + "'");
                }
                CACHE.put(v, r);
            }
            return r;
        }
    }

    /** Parses a rule file; errors name {@code source} and the key path. */
    public static RuleSet parse(String source, InputStream in) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a mapping at the top level");
        int schema = requireInt(root, "schema_version", source);
        if (schema != 1) throw new IllegalArgumentException(source + ": schema_version must be 1, but was " + schema);
        String version = requireText(root, "version", source);
        String fullVersion = requireText(root, "full_version", source);
        List<Check> common = checks(root.get("common"), source, "common");
        JsonNode ops = root.get("ops");
        if (ops == null || !ops.isObject()) throw new IllegalArgumentException(source + ": 'ops' must be a mapping of op name to checks");
        Map<String, List<Check>> listed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ops.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!OP_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException(source + ": ops." + e.getKey() + ": op names are TFLite builtin names in upper snake case");
            }
            listed.put(e.getKey(), checks(e.getValue(), source, "ops." + e.getKey()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!Set.of("schema_version", "version", "full_version", "description", "common", "ops").contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "'");
            }
        }
        return new RuleSet(source, version, fullVersion, common, listed);
    }

    private static List<Check> checks(JsonNode n, String source, String path) {
        List<Check> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new IllegalArgumentException(source + ": " + path + " must be a list of checks");
        for (int i = 0; i < n.size(); i++) {
            JsonNode c = n.get(i);
            String at = path + "[" + i + "]";
            if (!c.isObject()) throw new IllegalArgumentException(source + ": " + at + " must be a mapping with a 'check' key");
            CheckKind kind;
            try {
                kind = CheckKind.parse(requireText(c, "check", source + ": " + at));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + at + ".check: " + e.getMessage(), e);
            }
            Check ch = Check.of(kind);
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = f.getKey();
                JsonNode v = f.getValue();
                String kp = source + ": " + at + "." + key;
                switch (key) {
                    case "check" -> { }
                    case "limit" -> {
                        if (!v.isNumber() || v.asDouble() <= 0) throw new IllegalArgumentException(kp + " must be a number > 0, but was " + v);
                        ch = ch.withLimit(v.asDouble());
                    }
                    case "status" -> {
                        try {
                            ch = ch.withStatus(OpStatus.parse(v.asText()));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(kp + ": " + e.getMessage(), e);
                        }
                    }
                    case "allowed" -> {
                        if (!v.isArray() || v.isEmpty()) throw new IllegalArgumentException(kp + " must be a non-empty list");
                        if (kind == CheckKind.QUANTIZED_TYPES) {
                            Set<DType> types = EnumSet.noneOf(DType.class);
                            for (JsonNode t : v) {
                                try {
                                    types.add(DType.valueOf(t.asText()));
                                } catch (IllegalArgumentException e) {
                                    throw new IllegalArgumentException(kp + ": unknown type '" + t.asText() + "'", e);
                                }
                            }
                            ch = ch.withAllowedTypes(types);
                        } else if (kind == CheckKind.CUSTOM_CODE) {
                            List<String> codes = new ArrayList<>();
                            for (JsonNode t : v) codes.add(t.asText());
                            ch = ch.withAllowedCodes(codes);
                        } else {
                            throw new IllegalArgumentException(kp + ": only quantized_types and custom_code take 'allowed'");
                        }
                    }
                    case "channels" -> ch = ch.withChannels(v.asBoolean(), ch.channelMultiple());
                    case "channel_multiple" -> {
                        if (!v.canConvertToInt() || v.asInt() <= 0) throw new IllegalArgumentException(kp + " must be a whole number > 0, but was " + v);
                        ch = ch.withChannels(ch.channels(), v.asInt());
                    }
                    case "assumption" -> ch = ch.withAssumption(v.asText());
                    default -> throw new IllegalArgumentException(kp + ": unknown key (expected check, limit, status, allowed, channels, channel_multiple, assumption)");
                }
            }
            boolean needsLimit = kind == CheckKind.MAX_NON_UNIT_DIMS || kind == CheckKind.MAX_INPUT_ELEMENTS
                    || kind == CheckKind.MAX_REDUCED_ELEMENTS || kind == CheckKind.RESIZE_MAX_SCALE;
            if (needsLimit && ch.limit() <= 0) throw new IllegalArgumentException(source + ": " + at + ": check " + kind.id() + " needs a 'limit'");
            out.add(ch);
        }
        return out;
    }

    private static String requireText(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required (a non-empty value)");
        }
        return v.asText();
    }

    private static int requireInt(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt()) throw new IllegalArgumentException(where + ": '" + key + "' is required (a whole number)");
        return v.asInt();
    }

    /** The rules' verdict for {@code op} of {@code g}. */
    public Verdict check(Graph g, Op op) {
        Check[] checks = op.kind() == OpKind.OPAQUE ? byName.get(op.opName()) : byKind[op.kind().ordinal()];
        boolean listedOp = checks != null;
        if (!listedOp) checks = unlisted;
        for (Check c : checks) {
            String why = c.failure(g, op);
            if (why != null) return new Verdict(c.status(), why, c.assumption());
        }
        if (!listedOp) {
            return new Verdict(OpStatus.NOT_SUPPORTED, op.opName() + " is not in compiler " + version + "'s supported-op table", "");
        }
        return Verdict.MAPPED;
    }

    /** The rule file's name. */
    public String source() {
        return source;
    }

    /** The version id the file is for. */
    public String version() {
        return version;
    }

    /** The full version string the file states. */
    public String fullVersion() {
        return fullVersion;
    }

    /** The checks every op gets. */
    public List<Check> common() {
        return common;
    }

    /** The listed ops and their own checks, in file order. */
    public Map<String, List<Check>> listed() {
        return listed;
    }

    /** True if the file lists {@code opName}. */
    public boolean lists(String opName) {
        return listed.containsKey(opName);
    }
}
