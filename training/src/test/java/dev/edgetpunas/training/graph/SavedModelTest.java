package dev.edgetpunas.training.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.training.kernels.Parallel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {

    @Test
    void sidecarSitsNextToTheModel() {
        assertEquals(Path.of("runs/cnn.json"), SavedModel.sidecarPath(Path.of("runs/cnn.tflite")));
        assertEquals(Path.of("m.bin.json"), SavedModel.sidecarPath(Path.of("m.bin")));
    }

    @Test
    void savedModelLoadsBackBitIdentically(@TempDir Path dir) {
        for (Graph g : new Graph[] {SmallCnn.graph(0.25), ProxyTask.graph(ProxyTask.adapt(EfficientNetSpec.EDGETPU_S.withBlocks(
                EfficientNetSpec.EDGETPU_S.blocks().subList(0, 4)), 0.125)), ProxyTask.graph(ProxyTask.adapt(EfficientNetSpec.B0.withBlocks(
                EfficientNetSpec.B0.blocks().subList(0, 2)), 0.25))}) {
            SplittableRandom r = new SplittableRandom(3);
            GraphModel m = GraphModel.of(FoldBatchNormForwardTest.withBnStatistics(g, r));
            Path file = dir.resolve(g.name() + ".tflite");
            ObjectNode meta = JsonNodeFactory.instance.objectNode().put("dataset", "fashion-mnist").put("epochs", 3).put("seed", 7);
            Graph written = SavedModel.save(m, file, meta);
            assertTrue(written.opsOfKind(OpKind.BATCH_NORM).isEmpty());
            SavedModel.Loaded back = SavedModel.load(file);
            Graph read = back.graph();
            assertEquals(written.tensors().size(), read.tensors().size());
            for (int t = 0; t < written.tensors().size(); t++) {
                assertEquals(written.tensor(t).shape(), read.tensor(t).shape(), written.tensor(t).name());
                assertEquals(written.tensor(t).data(), read.tensor(t).data(), written.tensor(t).name());
            }
            assertEquals(written.ops(), read.ops());
            float[] x = GraphModelTest.randn(r, 3 * 784, 1.0);
            float[] a = GraphModel.of(written).predict(Parallel.serial(), x, 3);
            float[] b = back.model().predict(Parallel.serial(), x, 3);
            assertArrayEquals(a, b);
            ObjectNode side = back.metadata().orElseThrow();
            assertEquals("fashion-mnist", side.get("dataset").asText());
            assertEquals(7, side.get("seed").asInt());
            assertEquals(m.parameterCount(), side.get("params").asLong());
            assertEquals(10, side.get("classes").asInt());
            assertEquals(SavedModel.sha256(uncheckedRead(file)), side.get("sha256").asText());
        }
    }

    private static byte[] uncheckedRead(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
