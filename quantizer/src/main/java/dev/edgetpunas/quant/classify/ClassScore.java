package dev.edgetpunas.quant.classify;

import java.util.Objects;
import java.util.Optional;

/**
 * One class of a classifier's output: its index, its label if a labels file names it, and its score
 * (the dequantized output value, e.g. a softmax probability).
 *
 * <pre>{@code
 * ClassScore c = new ClassScore(923, Optional.of("Ara macao (Scarlet Macaw)"), 0.77734375f);
 * c.labelOrIndex();   // "Ara macao (Scarlet Macaw)"
 * }</pre>
 *
 * @param index class index, &ge; 0
 * @param label the label, if known
 * @param score the dequantized score
 */
public record ClassScore(int index, Optional<String> label, float score) {
    public ClassScore {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, but was " + index);
        Objects.requireNonNull(label, "label");
    }

    /** The label, or the index as text when there is none (as Coral's classify example prints it). */
    public String labelOrIndex() {
        return label.orElse(Integer.toString(index));
    }
}
