package dev.edgetpunas.sim.profile.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 8MiB}, {@code 512 KiB}, {@code 1.5MiB}, {@code 4096B}. Binary
 * units only: {@code 8MB} is rejected because it is ambiguous (8,000,000 or 8 MiB?).
 *
 * <pre>{@code
 * Sizes.parse("8MiB");   // 8388608
 * }</pre>
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    private Sizes() {}

    /**
     * The number of bytes {@code text} denotes.
     *
     * @throws IllegalArgumentException with a {@code must be ..., but was ...} message
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        String expected = "must be a byte count (an integer, or a size like 512KiB or 8MiB)";
        if (!m.matches()) throw new IllegalArgumentException(expected + ", but was \"" + text + "\"");
        long unit;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "": case "b": unit = 1; break;
            case "kib": unit = 1L << 10; break;
            case "mib": unit = 1L << 20; break;
            case "gib": unit = 1L << 30; break;
            case "kb": case "mb": case "gb": case "k": case "m": case "g":
                throw new IllegalArgumentException(expected + ", but was \"" + text + "\" (" + m.group(2)
                        + " is ambiguous: use the binary units KiB, MiB, GiB, or write the integer)");
            default:
                throw new IllegalArgumentException(expected + ", but was \"" + text + "\" (unknown unit \"" + m.group(2) + "\")");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(expected + " that is a whole number of bytes below 2^63, but was \"" + text + "\"");
        }
    }
}
