package dev.edgetpunas.sim.profile;

/**
 * A profile that ships with the tool, as listed by {@code edgetpu-nas profiles}.
 *
 * <pre>{@code
 * for (BundledProfile b : ProfileLoader.bundled()) System.out.println(b.name() + "  " + b.description());
 * }</pre>
 *
 * @param name the name to pass to {@code --profile}
 * @param description one line
 */
public record BundledProfile(String name, String description) {
    public BundledProfile {
        Check.label("name", name, false);
        Check.label("description", description, true);
    }
}
