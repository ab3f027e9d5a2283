package dev.edgetpunas.quant.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.quant.classify.ClassScore;
import dev.edgetpunas.quant.classify.ImageClassifier;
import dev.edgetpunas.quant.classify.Labels;
import dev.edgetpunas.quant.image.Image8;
import dev.edgetpunas.quant.image.Images;
import dev.edgetpunas.quant.image.Resampler;
import dev.edgetpunas.quant.kernels.Parallelism;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The interpreter on the real .tflite files of ../shared/data/tflite (skipped when the shared data is absent). */
class InterpreterRealModelsTest {

    private static Path data(String name) {
        assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        return SharedData.require("data/tflite/" + name);
    }

    @Test
    void inatBirdModelSeesAScarletMacawInTheParrotPhoto() throws IOException {
        ImageClassifier c = ImageClassifier.of(TfliteReader.read(data("mobilenet_v2_1.0_224_inat_bird_quant.tflite")));
        Labels labels = Labels.read(data("inat_bird_labels.txt"));
        Image8 parrot = Images.read(data("parrot.jpg"));
        List<ClassScore> top = c.classify(parrot, Resampler.LANCZOS, labels, 3, Parallelism.serial());
        assertEquals("Ara macao (Scarlet Macaw)", top.get(0).label().orElseThrow());
        assertEquals(923, top.get(0).index());
        // Coral's page shows about 0.76 on the Edge TPU [M]; the reference integer kernels give 199/256
        assertEquals(199 / 256f, top.get(0).score());
        assertTrue(top.get(0).score() > 0.7f && top.get(0).score() < 0.85f);
    }

    @Test
    void deeplabSegmentsTheBirdPhotoIntoBackgroundAndBird() throws IOException {
        Graph g = TfliteReader.read(data("deeplabv3_mnv2_dm05_pascal_quant.tflite"));
        Interpreter interp = Interpreter.prepare(g);
        Image8 img = Resampler.LANCZOS.resize(Images.read(data("bird.bmp")), 513, 513);
        TensorValue out;
        try (Parallelism p = Parallelism.threads(2)) {
            out = interp.run(List.of(TensorValue.ofRaw(interp.inputTensor(0), img.pixels())), p).get(0);
        }
        assertArrayEquals(new int[] {1, 513, 513}, out.shape());
        long[] classes = out.longs();
        long[] count = new long[21];
        for (long k : classes) {
            assertTrue(k >= 0 && k < 21, "class " + k);
            count[(int) k]++;
        }
        // PASCAL VOC: 0 background, 3 bird; the bird covers a good part of the photo
        assertTrue(count[3] > classes.length / 10, "bird pixels " + count[3]);
        assertEquals(classes.length, count[0] + count[3], "only background and bird");
    }

    @Test
    void realModelsGiveIdenticalOutputsAfterAWriteReadRoundTrip() throws IOException {
        Image8 bird = Images.read(data("bird.bmp"));
        for (String m : List.of("mobilenet_v1_0.25_128_quant", "mobilenet_v1_0.5_160_quant", "mobilenet_v2_1.0_224_quant",
                "mobilenet_v2_1.0_224_inat_bird_quant")) {
            Graph g = TfliteReader.read(data(m + ".tflite"));
            Graph back = TfliteReader.read(TfliteWriter.write(g), m + ".tflite");
            ImageClassifier a = ImageClassifier.of(g), b = ImageClassifier.of(back);
            TensorValue in = a.inputFor(bird, Resampler.LANCZOS);
            assertEquals(in, b.inputFor(bird, Resampler.LANCZOS));
            List<TensorValue> x = a.interpreter().run(in), y = b.interpreter().run(in);
            assertEquals(x, y, m);
            if (!m.contains("inat")) assertTrue(x.get(0).quantized()[20] > 100, m + ": chickadee (ImageNet class 20) scores high on bird.bmp");
        }
    }

    @Test
    void threadCountDoesNotChangeAnyTensorOfARealModel() {
        Graph g = TfliteReader.read(data("mobilenet_v1_0.25_128_quant.tflite"));
        Interpreter interp = Interpreter.prepare(g);
        TensorValue in = TensorValue.ofRaw(interp.inputTensor(0), dev.edgetpunas.quant.testutil.TestGraphs.randomBytes(3, 128 * 128 * 3));
        Interpreter.Trace serial = interp.trace(List.of(in), Parallelism.serial());
        try (Parallelism p = Parallelism.threads(3)) {
            Interpreter.Trace t = interp.trace(List.of(in), p);
            for (int i = 0; i < g.tensors().size(); i++) assertEquals(serial.value(i), t.value(i), g.tensor(i).name());
        }
    }

    @Test
    void lstmModelFailsNamingTheLstmOp() {
        Graph g = TfliteReader.read(data("keras_lstm_mnist_ptq.tflite"));
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(g));
        assertEquals("UNIDIRECTIONAL_SEQUENCE_LSTM", e.opName());
        assertTrue(e.getMessage().endsWith("LSTM is not supported by the integer interpreter"), e.getMessage());
    }

    @Test
    void everyCompiledEdgeTpuFileAsksForTheCpuModel() throws IOException {
        Path dir = data("");
        List<Path> compiled;
        try (Stream<Path> s = Files.walk(dir)) {
            compiled = s.filter(p -> p.toString().endsWith("_edgetpu.tflite")).sorted().toList();
        }
        assertTrue(compiled.size() >= 6, compiled.toString());
        for (Path p : compiled) {
            UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> Interpreter.prepare(TfliteReader.read(p)), p.toString());
            assertTrue(e.getMessage().contains("CUSTOM 'edgetpu-custom-op'") && e.getMessage().contains("pass the CPU model"), e.getMessage());
        }
    }

    @Test
    void splitConcatToolModelRoutesChannelsAsItsGraphSays() {
        Graph g = TfliteReader.read(data("tools/split_concat.tflite"));
        Interpreter interp = Interpreter.prepare(g);
        byte[] in1 = new byte[64 * 3], rnn1 = new byte[64], rnn2 = new byte[64 * 2];
        for (int i = 0; i < in1.length; i++) in1[i] = (byte) i;
        for (int i = 0; i < rnn1.length; i++) rnn1[i] = (byte) (200 + i % 50);
        for (int i = 0; i < rnn2.length; i++) rnn2[i] = (byte) (100 - i % 90);
        List<TensorValue> out = interp.run(List.of(TensorValue.ofRaw(interp.inputTensor(0), in1),
                TensorValue.ofRaw(interp.inputTensor(1), rnn1), TensorValue.ofRaw(interp.inputTensor(2), rnn2)));
        // concat channels: in1[0..2], rnn1, rnn2[0..1]; outputs: split0, split2, split4, split1, concat(split3, split5)
        for (int px = 0; px < 64; px++) {
            assertEquals(in1[3 * px], out.get(0).raw()[px]);
            assertEquals(in1[3 * px + 2], out.get(1).raw()[px]);
            assertEquals(rnn2[2 * px], out.get(2).raw()[px]);
            assertEquals(in1[3 * px + 1], out.get(3).raw()[px]);
            assertEquals(rnn1[px], out.get(4).raw()[2 * px]);
            assertEquals(rnn2[2 * px + 1], out.get(4).raw()[2 * px + 1]);
        }
    }
}
