package dev.edgetpunas.compiler.tflite;

import java.util.ArrayList;
import java.util.List;

/**
 * Compresses a list of op names for humans: the longest run of a repeated block (period 1..8) at each
 * position becomes {@code (A B) x13} (or {@code A x2} for a single op); the rest stays as it is.
 *
 * <pre>{@code
 * OpSequence.compress(List.of("A", "B", "C", "B", "C", "D"));   // "A (B C) x2 D"
 * }</pre>
 */
final class OpSequence {
    private OpSequence() {}

    static String compress(List<String> ops) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < ops.size()) {
            int bestP = 0, bestReps = 1;
            for (int p = 1; p <= 8 && i + 2 * p <= ops.size(); p++) {
                int reps = 1;
                while (i + (reps + 1) * p <= ops.size() && ops.subList(i, i + p).equals(ops.subList(i + reps * p, i + (reps + 1) * p))) reps++;
                if (reps >= 2 && p * reps > bestP * bestReps) {
                    bestP = p;
                    bestReps = reps;
                }
            }
            if (bestP == 0) {
                out.add(ops.get(i++));
            } else {
                String block = String.join(" ", ops.subList(i, i + bestP));
                out.add((bestP == 1 ? block : "(" + block + ")") + " x" + bestReps);
                i += bestP * bestReps;
            }
        }
        return String.join(" ", out);
    }
}
