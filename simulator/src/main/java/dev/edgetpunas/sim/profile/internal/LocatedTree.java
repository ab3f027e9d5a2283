package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A parsed profile document and where each of its keys was written. Keys of {@code origins} are dotted
 * key paths ({@code accelerator.rows}; list items as {@code key[0]}); {@code ""} is the document.
 *
 * <pre>{@code
 * LocatedTree t = TreeReader.read("accelerator:\n  rows: 128\n", "a.yaml", false);
 * t.origin("accelerator.rows");   // a.yaml:2:3
 * }</pre>
 *
 * @param file the file name as shown in messages
 * @param root the document (owned by this record: callers must not modify it)
 * @param origins key path to location
 */
public record LocatedTree(String file, ObjectNode root, Map<String, Origin> origins) {
    public LocatedTree {
        origins = Map.copyOf(origins);
    }

    /** The location of {@code keyPath}, else of its nearest written ancestor, else the file. */
    public Origin origin(String keyPath) {
        String p = keyPath;
        while (true) {
            Origin o = origins.get(p);
            if (o != null) return o;
            if (p.isEmpty()) return Origin.fileOnly(file);
            int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }
}
