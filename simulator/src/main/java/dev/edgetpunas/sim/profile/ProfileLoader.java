package dev.edgetpunas.sim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.internal.Binder;
import dev.edgetpunas.sim.profile.internal.Bundled;
import dev.edgetpunas.sim.profile.internal.LocatedTree;
import dev.edgetpunas.sim.profile.internal.Merger;
import dev.edgetpunas.sim.profile.internal.Origin;
import dev.edgetpunas.sim.profile.internal.ProfileTrees;
import dev.edgetpunas.sim.profile.internal.Schema;
import dev.edgetpunas.sim.profile.internal.Suggestions;
import dev.edgetpunas.sim.profile.internal.TreeReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads accelerator profiles: a bundled name or a {@code .yaml}/{@code .yml}/{@code .json} file, deep-merged
 * over the bundled {@code reference} profile (or over the profile its {@code extends} key names), checked
 * against the reference's keys and validated. Every error is a {@link ProfileException} naming the file,
 * the key path and the line and column where the key was written.
 *
 * <pre>{@code
 * Profile usb = ProfileLoader.load("edgetpu-usb3-max");
 * Profile mine = ProfileLoader.load("profiles/big-array.yaml");   // may say: extends: edgetpu-usb3-max
 * for (BundledProfile b : ProfileLoader.bundled()) System.out.println(b.name());
 * String yaml = ProfileLoader.toYaml(mine);                        // loads back to an equal profile
 * }</pre>
 *
 * <p>A file holds {@code schemaVersion: 1} and only the keys it changes. {@code name} and
 * {@code description} describe the file itself and are not inherited: a file without {@code name} is
 * named after the file. Keys ending in {@code Bytes} take integers or sizes ({@code 512KiB},
 * {@code 8MiB}). Thread-safe; bundled profiles are parsed once.
 */
public final class ProfileLoader {
    /** How long an {@code extends} chain may be (a guard against runaway chains). */
    public static final int MAX_EXTENDS_DEPTH = 16;

    private static final Map<String, Profile> BUNDLED_CACHE = new ConcurrentHashMap<>();

    private ProfileLoader() {}

    /**
     * Loads a bundled profile by name, or a profile file by path.
     *
     * @throws ProfileException if there is no such profile or it is invalid
     */
    public static Profile load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new ProfileException("", "", 0, 0, "a profile must be a bundled name (" + String.join(", ", Bundled.NAMES)
                    + ") or a .yaml/.yml/.json file, but was empty");
        }
        if (Bundled.NAMES.contains(nameOrPath)) return bundledProfile(nameOrPath);
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw new ProfileException(nameOrPath, "", 0, 0, "not a valid path: " + e.getReason());
        }
        if (Files.exists(path) || looksLikePath(nameOrPath)) return load(path);
        String near = Suggestions.closest(nameOrPath, Bundled.NAMES).map(n -> "did you mean " + n + "? ").orElse("");
        throw new ProfileException("", "", 0, 0, "no bundled profile or profile file named \"" + nameOrPath + "\"; " + near
                + "bundled: " + String.join(", ", Bundled.NAMES));
    }

    /**
     * Loads a profile file (JSON if its name ends in {@code .json}, YAML otherwise).
     *
     * @throws ProfileException if the file is missing, unreadable or invalid
     */
    public static Profile load(Path file) {
        return build(fileDoc(file, file.toString()));
    }

    /**
     * Loads a profile from text, as if read from a file named {@code fileName} (its extension picks JSON
     * or YAML; a relative {@code extends} path is resolved against its directory).
     */
    public static Profile parse(String text, String fileName) {
        Path p = Path.of(fileName);
        return build(new Doc(TreeReader.read(text, fileName, isJson(fileName)), "text:" + fileName, directoryOf(p), false, stem(p)));
    }

    /**
     * A profile from a tree (as {@link #toTree} writes, or partial: like a file, it holds
     * {@code schemaVersion} and the keys it changes, and may say {@code extends}).
     *
     * @param sourceName what messages call this tree
     */
    public static Profile fromTree(JsonNode tree, String sourceName) {
        if (tree == null || !tree.isObject()) {
            throw new ProfileException(sourceName, "", 0, 0, "must be a mapping of keys (schemaVersion, accelerator, ...), but was "
                    + Binder.describe(tree));
        }
        LocatedTree t = new LocatedTree(sourceName, ((ObjectNode) tree).deepCopy(), Map.of("", Origin.fileOnly(sourceName)));
        return build(new Doc(t, "tree:" + sourceName, Path.of(""), false, sourceName));
    }

    /** The bundled profiles with their descriptions, in listing order. */
    public static List<BundledProfile> bundled() {
        List<BundledProfile> out = new ArrayList<>();
        for (String name : Bundled.NAMES) out.add(new BundledProfile(name, bundledProfile(name).description()));
        return List.copyOf(out);
    }

    /** Whether {@code name} is a bundled profile. */
    public static boolean isBundled(String name) {
        return Bundled.NAMES.contains(name);
    }

    /** The reference profile: every key at its default. */
    public static Profile reference() {
        return bundledProfile(Bundled.REFERENCE);
    }

    /** Every settable key path ({@code accelerator.rows}, ...), in reference-file order. */
    public static List<String> keyPaths() {
        return Bundled.schema().leafPaths();
    }

    /** Every key of {@code p} as a tree (what {@link #fromTree} reads back). */
    public static ObjectNode toTree(Profile p) {
        return ProfileTrees.toTree(p);
    }

    /** {@code p} as a YAML profile file with every key; loads back to an equal profile. */
    public static String toYaml(Profile p) {
        return ProfileTrees.toYaml(p);
    }

    /** {@code p} as a JSON profile file with every key; loads back to an equal profile. */
    public static String toJson(Profile p) {
        return ProfileTrees.toJson(p);
    }

    // ---------------------------------------------------------------------------------------------

    /** One file of an {@code extends} chain. */
    private record Doc(LocatedTree tree, String id, Path dir, boolean bundled, String defaultName) {}

    private static Profile bundledProfile(String name) {
        Profile p = BUNDLED_CACHE.get(name);
        if (p == null) {
            p = build(new Doc(Bundled.tree(name), "bundled:" + name, null, true, name));
            BUNDLED_CACHE.putIfAbsent(name, p);
        }
        return p;
    }

    private static Profile build(Doc top) {
        Schema schema = Bundled.schema();
        List<Doc> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Doc cur = top;
        while (true) {
            schema.check(cur.tree());
            chain.add(cur);
            seen.add(cur.id());
            JsonNode ext = cur.tree().root().get(Schema.EXTENDS);
            if (ext == null) break;
            Doc base = resolveBase(cur, ext.asText());
            if (seen.contains(base.id())) throw extendsError(cur, "must not lead back to a profile already in the chain, but \""
                    + ext.asText() + "\" does");
            if (chain.size() >= MAX_EXTENDS_DEPTH) throw extendsError(cur, "must form a chain of at most " + MAX_EXTENDS_DEPTH
                    + " files, but the chain is longer");
            cur = base;
        }
        LocatedTree merged = Bundled.reference();
        for (int i = chain.size() - 1; i >= 0; i--) {
            LocatedTree t = chain.get(i).tree();
            ObjectNode root = t.root().deepCopy();
            root.remove(Schema.EXTENDS);
            merged = Merger.merge(merged, new LocatedTree(t.file(), root, t.origins()));
        }
        // name and description describe the top file only
        ObjectNode topRoot = top.tree().root();
        Map<String, Origin> origins = new HashMap<>(merged.origins());
        ObjectNode root = merged.root();
        if (!topRoot.has("name")) {
            root.put("name", top.defaultName());
            origins.put("name", Origin.fileOnly(top.tree().file()));
        }
        if (!topRoot.has("description")) {
            JsonNode ext = topRoot.get(Schema.EXTENDS);
            root.put("description", "based on " + (ext == null ? Bundled.REFERENCE : ext.asText()));
            origins.put("description", Origin.fileOnly(top.tree().file()));
        }
        return new Binder(new LocatedTree(merged.file(), root, origins), schema).bind();
    }

    private static Doc resolveBase(Doc from, String ext) {
        if (Bundled.NAMES.contains(ext)) return new Doc(Bundled.tree(ext), "bundled:" + ext, null, true, ext);
        String near = Suggestions.closest(ext, Bundled.NAMES).map(n -> " (did you mean " + n + "?)").orElse("");
        if (from.bundled()) {
            throw extendsError(from, "must name a bundled profile (" + String.join(", ", Bundled.NAMES) + "), but was \"" + ext + "\"" + near);
        }
        Path p;
        try {
            p = from.dir().resolve(ext);
        } catch (InvalidPathException e) {
            throw extendsError(from, "must name a bundled profile or a file, but was \"" + ext + "\"" + near);
        }
        if (!Files.isRegularFile(p)) {
            throw extendsError(from, "must name a bundled profile (" + String.join(", ", Bundled.NAMES)
                    + ") or an existing file, but was \"" + ext + "\"" + near);
        }
        return fileDoc(p, p.toString());
    }

    private static ProfileException extendsError(Doc doc, String problem) {
        Origin o = doc.tree().origin(Schema.EXTENDS);
        return new ProfileException(o.file(), Schema.EXTENDS, o.line(), o.column(), problem);
    }

    private static Doc fileDoc(Path file, String displayName) {
        if (Files.isDirectory(file)) throw new ProfileException(displayName, "", 0, 0, "must be a profile file, but is a directory");
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ProfileException(displayName, "", 0, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new ProfileException(displayName, "", 0, 0, "must be UTF-8 text, but is not");
        } catch (IOException e) {
            throw new ProfileException(displayName, "", 0, 0, "cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        LocatedTree tree = TreeReader.read(text, displayName, isJson(displayName));
        return new Doc(tree, "file:" + file.toAbsolutePath().normalize(), directoryOf(file), false, stem(file));
    }

    private static boolean isJson(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static boolean looksLikePath(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return s.contains("/") || s.contains("\\") || l.endsWith(".yaml") || l.endsWith(".yml") || l.endsWith(".json");
    }

    private static Path directoryOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String stem(Path file) {
        String n = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
