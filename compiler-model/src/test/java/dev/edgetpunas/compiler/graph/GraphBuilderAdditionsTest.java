package dev.edgetpunas.compiler.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder methods the model zoo added: rectangular pools, symmetric PAD, and the empty-output check. */
class GraphBuilderAdditionsTest {

    @Test
    void rectangularPoolsAndSymmetricPadInferShapes() {
        GraphBuilder b = new GraphBuilder("t", DType.FLOAT32);
        int x = b.input("in", 10, 8, 4);
        int p = b.pad("pad", x, 3);
        assertEquals(List.of(1, 16, 14, 4), b.shape(p).toList());
        int a = b.averagePool("avg", x, 10, 8, 2, 2, Padding.VALID);
        assertEquals(List.of(1, 1, 1, 4), b.shape(a).toList());
        int m = b.maxPool("max", x, 3, 1, 2, 1, Padding.SAME);
        assertEquals(List.of(1, 5, 8, 4), b.shape(m).toList());
    }

    @Test
    void anOpWithAnEmptyOutputIsRejectedNamingIt() {
        GraphBuilder b = new GraphBuilder("t", DType.FLOAT32);
        int x = b.input("in", 2, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.conv2d("big", x, 8, 3, 1, Padding.VALID, false, Activation.NONE));
        assertTrue(e.getMessage().contains("'big'") && e.getMessage().contains("empty output [1, 0, 0, 8]"), e.getMessage());
    }
}
