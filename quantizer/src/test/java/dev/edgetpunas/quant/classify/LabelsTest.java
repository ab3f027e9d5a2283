package dev.edgetpunas.quant.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.util.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Coral's label-file formats and the top-K order. */
class LabelsTest {

    @Test
    void plainLinesAreIndexedByLineNumber() {
        Labels l = Labels.parse(List.of("background", "tench, Tinca tinca", "  goldfish  "));
        assertEquals(Optional.of("tench, Tinca tinca"), l.label(1));
        assertEquals(Optional.of("goldfish"), l.label(2));
        assertEquals(Optional.empty(), l.label(3));
        assertEquals(3, l.size());
    }

    @Test
    void numberedLinesUseTheirNumberWithSpaceOrColon() {
        Labels l = Labels.parse(List.of("0  person", "2: car", "7:boat", "15\ttraffic light"));
        assertEquals(Optional.of("person"), l.label(0));
        assertEquals(Optional.of("car"), l.label(2));
        assertEquals(Optional.of("boat"), l.label(7));
        assertEquals(Optional.of("traffic light"), l.label(15));
        assertEquals(Optional.empty(), l.label(1));
    }

    @Test
    void aLeadingWordThatIsNotANumberKeepsTheLineNumber() {
        Labels l = Labels.parse(List.of("3D printer", "12 angry men", "b"));
        assertEquals(Optional.of("3D printer"), l.label(0));
        assertEquals(Optional.of("angry men"), l.label(12));
        assertEquals(Optional.of("b"), l.label(2));
    }

    @Test
    void sharedLabelFilesHaveOneLabelPerClass() throws IOException {
        assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Labels imagenet = Labels.read(SharedData.require("data/tflite/imagenet_labels.txt"));
        assertEquals(1001, imagenet.size());
        assertEquals(Optional.of("background"), imagenet.label(0));
        assertEquals(Optional.of("military uniform"), imagenet.label(653));
        Labels birds = Labels.read(SharedData.require("data/tflite/inat_bird_labels.txt"));
        assertEquals(965, birds.size());
        assertEquals(Optional.of("Ara macao (Scarlet Macaw)"), birds.label(923));
    }

    @Test
    void topKSortsByScoreThenIndexAndAttachesLabels() {
        Labels l = Labels.parse(List.of("a", "b", "c", "d"));
        List<ClassScore> top = ImageClassifier.top(new float[] {0.1f, 0.5f, 0.1f, 0.3f}, 3, Optional.of(l));
        assertEquals(List.of(new ClassScore(1, Optional.of("b"), 0.5f), new ClassScore(3, Optional.of("d"), 0.3f),
                new ClassScore(0, Optional.of("a"), 0.1f)), top);
        assertEquals(2, ImageClassifier.top(new float[] {1, 2}, 5, Optional.empty()).size());
        assertThrows(IllegalArgumentException.class, () -> ImageClassifier.top(new float[] {1}, 0, Optional.empty()));
        assertEquals("7", new ClassScore(7, Optional.empty(), 0f).labelOrIndex());
    }
}
