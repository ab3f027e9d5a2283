package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Deep merge of a profile file over its base: mappings merge key by key, anything else replaces. Each
 * key keeps the origin of the file that wrote it last, so errors point at the file a value came from.
 *
 * <pre>{@code
 * LocatedTree merged = Merger.merge(reference, userFile);
 * }</pre>
 */
public final class Merger {
    private Merger() {}

    /** {@code over} merged over {@code base} (neither is modified); the result is named after {@code over}. */
    public static LocatedTree merge(LocatedTree base, LocatedTree over) {
        ObjectNode root = base.root().deepCopy();
        Map<String, Origin> origins = new HashMap<>(base.origins());
        mergeInto(root, over.root(), "", over, origins);
        return new LocatedTree(over.file(), root, origins);
    }

    private static void mergeInto(ObjectNode target, JsonNode over, String path, LocatedTree overTree, Map<String, Origin> origins) {
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (existing != null && existing.isObject() && value.isNull()) continue; // empty section
            Origin own = overTree.origins().get(p);
            origins.put(p, own != null ? own : Origin.fileOnly(overTree.file()));
            if (existing != null && existing.isObject() && value.isObject()) {
                mergeInto((ObjectNode) existing, value, p, overTree, origins);
            } else {
                origins.keySet().removeIf(k -> k.startsWith(p + ".") || k.startsWith(p + "["));
                overTree.origins().forEach((k, o) -> {
                    if (k.startsWith(p + ".") || k.startsWith(p + "[")) origins.put(k, o);
                });
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
