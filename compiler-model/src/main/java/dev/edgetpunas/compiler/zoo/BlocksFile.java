package dev.edgetpunas.compiler.zoo;

import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code .blocks} file: one EfficientNet block string per line, {@code #} comments, and optional
 * {@code key: value} lines for {@code name}, {@code stem}, {@code head}, {@code classes},
 * {@code resolution}, {@code activation}, {@code width} and {@code depth}. Unset keys take
 * EfficientNet-EdgeTPU-S's values.
 *
 * <pre>{@code
 * # my searched network
 * activation: relu
 * resolution: 224
 * r1_k3_s11_e4_i24_o24_c1_noskip
 * r2_k3_s22_e8_i24_o32_c1
 * }</pre>
 *
 * <p>Errors name the file, the line and the bad token.
 */
public final class BlocksFile {
    private BlocksFile() {}

    /** Reads and parses a .blocks file. */
    public static EfficientNetSpec read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String base = file.getFileName().toString();
        String defaultName = base.endsWith(".blocks") ? base.substring(0, base.length() - ".blocks".length()) : base;
        return parse(file.toString(), defaultName, lines);
    }

    /** Parses the lines of a .blocks file; {@code source} names it in errors. */
    public static EfficientNetSpec parse(String source, String defaultName, List<String> lines) {
        EfficientNetSpec s = EfficientNetSpec.EDGETPU_S.withName(defaultName);
        List<BlockArgs> blocks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.trim();
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            if (colon >= 0) {
                String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (!seen.add(key)) throw ModelFormatException.atLine(source, lineNo, "key '" + key + "' given twice");
                try {
                    s = switch (key) {
                        case "name" -> s.withName(value);
                        case "stem" -> s.withStemHead(positiveInt(value, key), s.headFilters());
                        case "head" -> s.withStemHead(s.stemFilters(), positiveInt(value, key));
                        case "classes" -> s.withClasses(positiveInt(value, key));
                        case "resolution" -> s.withResolution(positiveInt(value, key));
                        case "activation" -> s.withActivation(Nonlinearity.parse(value));
                        case "width" -> s.withCoefficients(positiveDouble(value, key), s.depth(), s.resolution());
                        case "depth" -> s.withCoefficients(s.width(), positiveDouble(value, key), s.resolution());
                        default -> throw new IllegalArgumentException("unknown key '" + key
                                + "' (expected name, stem, head, classes, resolution, activation, width or depth)");
                    };
                } catch (ModelFormatException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw ModelFormatException.atLine(source, lineNo, e.getMessage());
                }
                continue;
            }
            for (String tok : line.split("[,\\s]+")) {
                if (tok.isEmpty()) continue;
                try {
                    blocks.add(BlockString.parse(tok));
                } catch (ModelFormatException e) {
                    throw ModelFormatException.atLine(source, lineNo, e.getMessage());
                }
            }
        }
        if (blocks.isEmpty()) throw ModelFormatException.atLine(source, lines.size(), "no block strings in the file");
        return s.withBlocks(blocks);
    }

    private static int positiveInt(String v, String key) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(key + " must be a whole number > 0, but was '" + v + "'");
    }

    private static double positiveDouble(String v, String key) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(key + " must be a number > 0, but was '" + v + "'");
    }

    /** The .blocks text of {@code spec} (keys, then one block string per line). */
    public static String format(EfficientNetSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(spec.name()).append('\n');
        sb.append("stem: ").append(spec.stemFilters()).append('\n');
        sb.append("head: ").append(spec.headFilters()).append('\n');
        sb.append("classes: ").append(spec.classes()).append('\n');
        sb.append("resolution: ").append(spec.resolution()).append('\n');
        sb.append("activation: ").append(spec.activation().id()).append('\n');
        sb.append("width: ").append(spec.width()).append('\n');
        sb.append("depth: ").append(spec.depth()).append('\n');
        for (BlockArgs b : spec.blocks()) sb.append(BlockString.format(b)).append('\n');
        return sb.toString();
    }
}
