package dev.edgetpunas.sim.profile.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of bundled profiles (explicit, no classpath scanning) and their parsed files, read
 * once. The {@code reference} file doubles as the schema: its keys are the only keys a profile may have.
 *
 * <pre>{@code
 * Bundled.NAMES;                    // [reference, edgetpu-usb3-max, ...]
 * LocatedTree ref = Bundled.reference();
 * Schema schema = Bundled.schema();
 * }</pre>
 */
public final class Bundled {
    /** The profile every other one is merged over. */
    public static final String REFERENCE = "reference";

    /** Bundled profile names, in the order {@code edgetpu-nas profiles} lists them. */
    public static final List<String> NAMES = List.of(
            REFERENCE,
            "edgetpu-usb3-max",
            "edgetpu-usb3-std",
            "edgetpu-rpi4-usb3",
            "edgetpu-rpi3-usb2",
            "edgetpu-devboard",
            "cpu-only");

    private static final String RESOURCE_DIR = "/dev/edgetpunas/sim/profile/";
    private static final Map<String, LocatedTree> TREES = new ConcurrentHashMap<>();

    private Bundled() {}

    private static final class Holder {
        static final LocatedTree REFERENCE_TREE = tree(REFERENCE);
        static final Schema SCHEMA = new Schema(REFERENCE_TREE.root());

        static {
            if (REFERENCE_TREE.root().has(Schema.EXTENDS)) throw new IllegalStateException("the reference profile cannot extend another");
            SCHEMA.check(REFERENCE_TREE);
        }
    }

    /** The parsed reference file. */
    public static LocatedTree reference() {
        return Holder.REFERENCE_TREE;
    }

    /** The keys a profile may have. */
    public static Schema schema() {
        return Holder.SCHEMA;
    }

    /** The name shown in messages for a bundled file: {@code bundled:NAME.yaml}. */
    public static String displayName(String name) {
        return "bundled:" + name + ".yaml";
    }

    /** The parsed (unmerged) file of bundled profile {@code name}. */
    public static LocatedTree tree(String name) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("no bundled profile named " + name);
        return TREES.computeIfAbsent(name, Bundled::read);
    }

    private static LocatedTree read(String name) {
        String resource = RESOURCE_DIR + name + ".yaml";
        try (InputStream in = Bundled.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("bundled profile resource missing: " + resource);
            return TreeReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), displayName(name), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
