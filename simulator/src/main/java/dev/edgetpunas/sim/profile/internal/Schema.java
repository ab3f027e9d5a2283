package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set of keys a profile may contain: exactly the keys of the bundled {@code reference} profile
 * (plus {@code extends} at the top of a file). Checks a file before it is merged: {@code schemaVersion}
 * present and right, every key known (with a did-you-mean), sections written as mappings.
 *
 * <pre>{@code
 * Schema schema = new Schema(referenceTree.root());
 * schema.check(userTree);          // throws ProfileException at the offending key
 * schema.leafPaths();              // [schemaVersion, name, description, accelerator.present, ...]
 * }</pre>
 */
public final class Schema {
    /** The top-level key that names the profile a file starts from. */
    public static final String EXTENDS = "extends";

    private final ObjectNode reference;
    private final List<String> leafPaths;
    private final Set<String> sectionPaths;

    public Schema(ObjectNode reference) {
        this.reference = reference;
        List<String> leaves = new ArrayList<>();
        Set<String> sections = new LinkedHashSet<>();
        collect(reference, "", leaves, sections);
        this.leafPaths = List.copyOf(leaves);
        this.sectionPaths = Set.copyOf(sections);
    }

    private static void collect(JsonNode node, String path, List<String> leaves, Set<String> sections) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                sections.add(p);
                collect(e.getValue(), p, leaves, sections);
            } else {
                leaves.add(p);
            }
        }
    }

    /** Every settable key path, in reference-file order. */
    public List<String> leafPaths() {
        return leafPaths;
    }

    /** Whether {@code path} is a settable key. */
    public boolean isLeaf(String path) {
        return leafPaths.contains(path);
    }

    /** Whether {@code path} is a section ({@code accelerator}, ...). */
    public boolean isSection(String path) {
        return sectionPaths.contains(path);
    }

    /**
     * Checks one file (before merging): {@code schemaVersion}, known keys, sections as mappings,
     * {@code extends} a string.
     */
    public void check(LocatedTree file) {
        checkSchemaVersion(file);
        checkKeys(file, file.root(), reference, "");
        JsonNode ext = file.root().get(EXTENDS);
        if (ext != null && !ext.isTextual()) {
            Origin o = file.origin(EXTENDS);
            throw new ProfileException(o.file(), EXTENDS, o.line(), o.column(),
                    "must be the name of a bundled profile or a file path, but was " + Binder.describe(ext));
        }
    }

    private void checkSchemaVersion(LocatedTree file) {
        JsonNode v = file.root().get("schemaVersion");
        if (v == null) {
            throw new ProfileException(file.file(), "schemaVersion", 1, 1, "required in every profile file (write "
                    + "schemaVersion: " + Profile.SCHEMA_VERSION + " as the first line), but was missing");
        }
        if (!v.canConvertToExactIntegral() || v.asLong() != Profile.SCHEMA_VERSION) {
            Origin o = file.origin("schemaVersion");
            throw new ProfileException(o.file(), "schemaVersion", o.line(), o.column(), "must be " + Profile.SCHEMA_VERSION
                    + " (the only profile format version this tool reads), but was " + Binder.describe(v));
        }
    }

    private void checkKeys(LocatedTree file, JsonNode node, JsonNode ref, String path) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            String p = path.isEmpty() ? key : path + "." + key;
            if (path.isEmpty() && key.equals(EXTENDS)) continue;
            JsonNode refChild = ref.get(key);
            if (refChild == null) {
                Origin o = file.origin(p);
                throw new ProfileException(o.file(), p, o.line(), o.column(), unknownKeyProblem(path, key));
            }
            if (refChild.isObject()) {
                JsonNode v = e.getValue();
                if (v.isNull()) continue; // an empty section (all its keys commented out) changes nothing
                if (!v.isObject()) {
                    Origin o = file.origin(p);
                    throw new ProfileException(o.file(), p, o.line(), o.column(), "must be a section (a mapping of keys such as "
                            + p + "." + refChild.fieldNames().next() + "), but was " + Binder.describe(v));
                }
                checkKeys(file, v, refChild, p);
            }
        }
    }

    /** "unknown key; did you mean X?" for a dotted key path that is not in the reference. */
    public String unknownKeyProblem(String path) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        return isSection(parent) || parent.isEmpty()
                ? unknownKeyProblem(parent, dot < 0 ? path : path.substring(dot + 1))
                : unknownKeyProblem("", path);
    }

    /** "unknown key; did you mean X?" for {@code key} written in section {@code parent} ({@code ""}: top level). */
    public String unknownKeyProblem(String parent, String key) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        JsonNode parentRef = parent.isEmpty() ? reference : reference.at("/" + parent.replace(".", "/"));
        List<String> siblings = new ArrayList<>();
        parentRef.fieldNames().forEachRemaining(siblings::add);
        if (parent.isEmpty()) siblings.add(EXTENDS);
        if (isLeaf(key) && key.contains(".")) {
            int d = key.indexOf('.');
            return "unknown key; write it nested, as " + key.substring(0, d) + ": {" + key.substring(d + 1) + ": ...}";
        }
        Optional<String> near = Suggestions.closest(key, siblings);
        if (near.isPresent()) {
            return "unknown key; did you mean " + (parent.isEmpty() ? "" : parent + ".") + near.get() + "?";
        }
        for (String leaf : leafPaths) {
            String leafKey = leaf.substring(leaf.lastIndexOf('.') + 1);
            if (!leaf.equals(path) && Suggestions.distance(leafKey.toLowerCase(java.util.Locale.ROOT), key.toLowerCase(java.util.Locale.ROOT)) <= (key.length() > 5 ? 1 : 0)) {
                return "unknown key; did you mean " + leaf + " (in another section)?";
            }
        }
        return "unknown key; the keys " + (parent.isEmpty() ? "at the top level" : "of " + parent) + " are "
                + String.join(", ", siblings);
    }
}
