package dev.edgetpunas.sim.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.sim.profile.internal.ProfileTrees;
import java.util.Map;

/**
 * One accelerator + host combination, merged over the bundled {@code reference} profile and validated.
 * Immutable; equal profiles have equal {@link #digest()}s.
 *
 * <pre>{@code
 * Profile p = ProfileLoader.load("edgetpu-usb3-max");          // or a .yaml/.yml/.json path
 * p.accelerator().rows();                                       // 64
 * Profile faster = p.withOverrides(Map.of("link.bandwidthMBps", 500, "accelerator.sramBytes", "16MiB"));
 * Profile old = p.withCompilerVersion(CompilerSpec.Version.V2_0);
 * String d = p.digest();                                        // 16 hex digits, for reports and caches
 * }</pre>
 *
 * @param schemaVersion the profile format version, {@value #SCHEMA_VERSION}
 * @param name a short name (a bundled name, or a user file's {@code name}, default its file name)
 * @param description one line
 * @param accelerator the array, its memory and clock
 * @param compiler the compiler version and cache budget rule
 * @param link the host-accelerator bus
 * @param host the CPU that feeds the accelerator and runs fallback ops
 */
public record Profile(
        int schemaVersion,
        String name,
        String description,
        AcceleratorSpec accelerator,
        CompilerSpec compiler,
        LinkSpec link,
        HostSpec host) {

    /** The profile format version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public Profile {
        if (schemaVersion != SCHEMA_VERSION) {
            throw ProfileException.at("schemaVersion", "must be " + SCHEMA_VERSION
                    + " (the only profile format version this tool reads), but was " + schemaVersion);
        }
        Check.label("name", name, false);
        Check.label("description", description, true);
        Check.present("accelerator", accelerator);
        Check.present("compiler", compiler);
        Check.present("link", link);
        Check.present("host", host);
        if (accelerator.present() && compiler.reserveFixedBytes() >= accelerator.sramBytes()) {
            throw ProfileException.at("compiler.reserveFixedBytes", "must be < accelerator.sramBytes ("
                    + accelerator.sramBytes() + "), but was " + compiler.reserveFixedBytes());
        }
    }

    /**
     * Hex prefix (16 digits) of the SHA-256 of the canonical JSON of every key except {@code name} and
     * {@code description}: two profiles that model the same thing share a digest whatever they are called.
     */
    public String digest() {
        return ProfileTrees.digest(this);
    }

    /**
     * This profile with values set by dotted key path ({@code link.bandwidthMBps}), re-validated. Values
     * are numbers, booleans, strings (sizes like {@code "16MiB"} for {@code *Bytes} keys, choice ids like
     * {@code "block-diagonal"}) or {@link ProfileEnum} constants.
     *
     * @throws ProfileException for an unknown key (with a suggestion) or a bad value
     */
    public Profile withOverrides(Map<String, ?> keyPathToValue) {
        return ProfileTrees.withOverrides(this, keyPathToValue);
    }

    /** This profile with another compiler version (what {@code --compiler} does). */
    public Profile withCompilerVersion(CompilerSpec.Version version) {
        return new Profile(schemaVersion, name, description, accelerator, compiler.withVersion(version), link, host);
    }

    /**
     * The value at a dotted key path as written in a file: {@code Long} for integers, {@code Double},
     * {@code Boolean} or {@code String} (choice ids).
     *
     * @throws ProfileException if the key does not exist
     */
    public Object valueAt(String keyPath) {
        return ProfileTrees.valueAt(this, keyPath);
    }

    /** Every key of this profile as a JSON tree, in file order (camelCase keys, as in a profile file). */
    public ObjectNode toTree() {
        return ProfileTrees.toTree(this);
    }
}
