package dev.edgetpunas.quant.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Class labels as Coral's {@code read_label_file} (pycoral {@code utils/dataset.py}) reads them: per
 * line, {@code N label}, {@code N: label} or {@code N:label} gives label {@code N}; any other line is
 * the label of its own 0-based line number ({@code imagenet_labels.txt}, {@code inat_bird_labels.txt}).
 * Surrounding white space is trimmed; a later line with the same index wins.
 *
 * <pre>{@code
 * Labels labels = Labels.read(Path.of("imagenet_labels.txt"));
 * labels.label(653);                                      // Optional[military uniform]
 * Labels.parse(List.of("0  cat", "1: dog")).label(1);    // Optional[dog]
 * }</pre>
 */
public final class Labels {
    private static final Pattern SPLIT = Pattern.compile("[:\\s]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Map<Integer, String> byIndex;

    private Labels(Map<Integer, String> byIndex) {
        this.byIndex = Collections.unmodifiableMap(byIndex);
    }

    /** Reads a UTF-8 labels file. */
    public static Labels read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses the lines of a labels file. */
    public static Labels parse(List<String> lines) {
        Map<Integer, String> m = new TreeMap<>();
        for (int row = 0; row < lines.size(); row++) {
            String content = lines.get(row).strip();
            String[] pair = SPLIT.split(content, 2);
            if (pair.length == 2 && DIGITS.matcher(pair[0]).matches() && pair[0].length() <= 9) {
                m.put(Integer.parseInt(pair[0]), pair[1].strip());
            } else {
                m.put(row, content);
            }
        }
        return new Labels(m);
    }

    /** The label of class {@code index}, if the file names it. */
    public Optional<String> label(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    /** Number of labels. */
    public int size() {
        return byIndex.size();
    }

    /** All labels by index, in index order. */
    public Map<Integer, String> asMap() {
        return byIndex;
    }
}
