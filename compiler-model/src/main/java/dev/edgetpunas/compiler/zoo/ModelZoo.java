package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.graph.Graph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model zoo: every named model, registered explicitly here (no classpath scanning). Names are
 * lower case with an optional {@code @SIZE} input resolution; a bare name means the published size.
 *
 * <pre>{@code
 * Graph g = ModelZoo.build("efficientnet-edgetpu-s@256");   // training graph, 256x256 input
 * ModelZoo.entries();                                       // all models, in listing order
 * }</pre>
 */
public final class ModelZoo {
    private static final Map<String, ZooEntry> ENTRIES = new LinkedHashMap<>();

    static {
        efficientNet(EfficientNetSpec.EDGETPU_S, "EfficientNet-EdgeTPU-S (tensorflow/tpu, ReLU, fused early stages)");
        efficientNet(EfficientNetSpec.EDGETPU_M, "EfficientNet-EdgeTPU-M (S scaled: width 1.0, depth 1.1, 240)");
        efficientNet(EfficientNetSpec.EDGETPU_L, "EfficientNet-EdgeTPU-L (S scaled: width 1.2, depth 1.4, 300)");
        efficientNet(EfficientNetSpec.B0, "EfficientNet-B0 (tensorflow/tpu, swish, SE 0.25)");
        double[][] b = {{1.0, 1.1, 240}, {1.1, 1.2, 260}, {1.2, 1.4, 300}, {1.4, 1.8, 380}, {1.6, 2.2, 456}, {1.8, 2.6, 528}, {2.0, 3.1, 600}};
        for (int i = 0; i < b.length; i++) {
            EfficientNetSpec s = EfficientNetSpec.B0.withName("efficientnet-b" + (i + 1)).withCoefficients(b[i][0], b[i][1], (int) b[i][2]);
            efficientNet(s, "EfficientNet-B" + (i + 1) + " (B0 scaled: width " + b[i][0] + ", depth " + b[i][1] + ", " + (int) b[i][2] + ")");
        }
    }

    private ModelZoo() {}

    private static void efficientNet(EfficientNetSpec spec, String description) {
        register(new ZooEntry(spec.name(), description, spec.resolution(), r -> EfficientNet.build(spec.withResolution(r))));
    }

    /** Adds an entry (used by this class's registrations). */
    static synchronized void register(ZooEntry e) {
        if (ENTRIES.putIfAbsent(e.name(), e) != null) throw new IllegalStateException("zoo name registered twice: " + e.name());
    }

    /** All entries, in listing order. */
    public static List<ZooEntry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The entry named {@code name} (without {@code @SIZE}), if any. */
    public static Optional<ZooEntry> find(String name) {
        return Optional.ofNullable(ENTRIES.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The entry named {@code name}; an error naming close matches if there is none. */
    public static ZooEntry entry(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'" + suggestion(name)
                + " (see 'edgetpu-nas models')"));
    }

    /** True if {@code spec} (optionally with {@code @SIZE}) names a zoo model. */
    public static boolean isZooName(String spec) {
        int at = spec.indexOf('@');
        return find(at >= 0 ? spec.substring(0, at) : spec).isPresent();
    }

    /** The training graph of {@code spec} ({@code name} or {@code name@SIZE}). */
    public static Graph build(String spec) {
        int at = spec.indexOf('@');
        String name = at >= 0 ? spec.substring(0, at) : spec;
        ZooEntry e = entry(name);
        int res = e.defaultResolution();
        if (at >= 0) {
            String size = spec.substring(at + 1);
            try {
                res = Integer.parseInt(size);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("model '" + spec + "': size after '@' must be a whole number, but was '" + size + "'");
            }
            if (res < 8 || res > 4096) {
                throw new IllegalArgumentException("model '" + spec + "': size must be in 8..4096, but was " + res);
            }
        }
        Graph g = e.build(res);
        return res == e.defaultResolution() ? g : g.withName(e.name() + "@" + res);
    }

    private static String suggestion(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(ENTRIES.keySet());
        Collections.sort(names, Comparator.comparingInt(c -> editDistance(n, c)));
        if (!names.isEmpty() && editDistance(n, names.get(0)) <= Math.max(2, n.length() / 3)) {
            return "; did you mean '" + names.get(0) + "'?";
        }
        return "";
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
