package dev.edgetpunas.compiler.compile;

import java.util.Locale;

/**
 * The edgetpu_compiler versions the compiler model knows, each with its own rule file.
 *
 * <pre>{@code
 * CompilerVersion.parse("2019");        // V2_0
 * CompilerVersion.parse("16");          // V16_0
 * CompilerVersion.V16_0.fullVersion();  // "16.0.384591198"
 * }</pre>
 *
 * <p>{@code 2.0} is the July 2019 compiler that shipped with EfficientNet-EdgeTPU (full-integer
 * post-training quantization, before the January 2020 additions EXPAND_DIMS, PACK, QUANTIZE, SUM and
 * TRANSPOSE_CONV); {@code 16.0} is 16.0.384591198 (2021, runtime 14), the last release.
 */
public enum CompilerVersion {
    /** The July 2019 compiler (alias {@code 2019}). */
    V2_0("2.0", "2.0.267685300", "2019"),
    /** 16.0.384591198, runtime 14. */
    V16_0("16.0", "16.0.384591198", "16");

    private final String id;
    private final String fullVersion;
    private final String alias;

    CompilerVersion(String id, String fullVersion, String alias) {
        this.id = id;
        this.fullVersion = fullVersion;
        this.alias = alias;
    }

    /** The id used on the command line and in profiles: {@code 2.0}, {@code 16.0}. */
    public String id() {
        return id;
    }

    /**
     * The version the real compiler prints ("Edge TPU Compiler version ..."). The build number of
     * 2.0 is recalled from compiler logs of 2019 [M]; 16.0's is the published one [V].
     */
    public String fullVersion() {
        return fullVersion;
    }

    /** The rule file of this version, a resource next to this class. */
    public String ruleResource() {
        return "rules-" + id + ".yaml";
    }

    /**
     * The version named {@code s}: an id ({@code 2.0}, {@code 16.0}), an alias ({@code 2019},
     * {@code 16}, {@code 2}), or a full version ({@code 16.0.384591198}); case and surrounding blanks
     * are ignored.
     */
    public static CompilerVersion parse(String s) {
        if (s == null) throw new IllegalArgumentException("compiler version must not be null");
        String k = s.trim().toLowerCase(Locale.ROOT);
        if (k.startsWith("v")) k = k.substring(1);
        for (CompilerVersion v : values()) {
            if (k.equals(v.id) || k.equals(v.alias) || k.equals(v.fullVersion) || k.equals(v.id.substring(0, v.id.indexOf('.')))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown compiler version '" + s + "' (expected 2.0 (alias 2019) or 16.0)");
    }

    @Override
    public String toString() {
        return id;
    }
}
