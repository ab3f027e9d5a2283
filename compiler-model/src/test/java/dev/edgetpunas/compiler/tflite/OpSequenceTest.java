package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpSequenceTest {
    @Test
    void longestRepeatedBlockIsFoldedAndTheRestKept() {
        assertEquals("A (B C) x2 D", OpSequence.compress(List.of("A", "B", "C", "B", "C", "D")));
        assertEquals("A x3 B", OpSequence.compress(List.of("A", "A", "A", "B")));
        assertEquals("A B C", OpSequence.compress(List.of("A", "B", "C")));
        assertEquals("", OpSequence.compress(List.of()));
    }
}
