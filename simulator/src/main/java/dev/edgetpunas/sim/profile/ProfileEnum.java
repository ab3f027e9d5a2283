package dev.edgetpunas.sim.profile;

import java.util.List;

/**
 * A closed set of choices in a profile file, spelled by {@link #id()} (e.g. {@code block-diagonal}).
 *
 * <pre>{@code
 * AcceleratorSpec.DepthwiseMapping m = ProfileEnum.parse(AcceleratorSpec.DepthwiseMapping.class, "block-diagonal");
 * m.id();   // "block-diagonal"
 * }</pre>
 */
public interface ProfileEnum {
    /** How the choice is written in a profile file. */
    String id();

    /** Other accepted spellings, normalised to {@link #id()} on load. */
    default List<String> aliases() {
        return List.of();
    }

    /** The constant spelled {@code text} (id or alias, case-insensitive), or IllegalArgumentException. */
    static <E extends Enum<E> & ProfileEnum> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equalsIgnoreCase(text)) return e;
            for (String alias : e.aliases()) {
                if (alias.equalsIgnoreCase(text)) return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + choices(type) + ", but was \"" + text + "\"");
    }

    /** The accepted spellings for messages, e.g. {@code "2.0" (alias "2019"), "16.0"}. */
    static <E extends Enum<E> & ProfileEnum> String choices(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append('"').append(e.id()).append('"');
            if (!e.aliases().isEmpty()) {
                sb.append(" (alias ");
                sb.append(String.join(", ", e.aliases().stream().map(a -> "\"" + a + "\"").toList()));
                sb.append(')');
            }
        }
        return sb.toString();
    }
}
