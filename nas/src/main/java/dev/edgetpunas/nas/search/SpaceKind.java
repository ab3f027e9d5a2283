package dev.edgetpunas.nas.search;

import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.nas.space.EvolutionDefaults;
import dev.edgetpunas.nas.space.NasBench201Space;
import java.util.Locale;

/**
 * The search spaces by CLI name, with their evolution defaults.
 *
 * <pre>{@code
 * SpaceKind.parse("nasbench201").defaults();   // population 10, sample 3, batch 2
 * }</pre>
 */
public enum SpaceKind {
    EDGETPU(EdgeTpuSpace.NAME, new EvolutionDefaults(50, 10, 8)),
    NASBENCH201(NasBench201Space.NAME, new EvolutionDefaults(10, 3, 2));

    private final String id;
    private final EvolutionDefaults defaults;

    SpaceKind(String id, EvolutionDefaults defaults) {
        this.id = id;
        this.defaults = defaults;
    }

    public String id() {
        return id;
    }

    public EvolutionDefaults defaults() {
        return defaults;
    }

    /** Reads {@code edgetpu|nasbench201}. */
    public static SpaceKind parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (SpaceKind v : values()) if (v.id.equals(k)) return v;
        throw new IllegalArgumentException("unknown search space '" + s + "' (expected edgetpu or nasbench201)");
    }
}
