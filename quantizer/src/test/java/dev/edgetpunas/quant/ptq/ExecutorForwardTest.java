package dev.edgetpunas.quant.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.FoldBatchNorm;
import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.tflite.TfliteWriter;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import dev.edgetpunas.training.graph.SmallCnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The project's float forward (training's graph executor) as the quantizer's reference. */
class ExecutorForwardTest {

    @Test
    void executorValuesEqualTheHandComputedForwardPassOnEveryTensor() {
        Graph g = FoldBatchNorm.apply(PostTrainingQuantizerTest.tiny(3));
        FloatForward.Runner hand = new HandForward().prepare(g);
        FloatForward.Runner exec = ExecutorForward.serial().prepare(g);
        for (float[] x : PostTrainingQuantizerTest.samples(4, 5, 12, 2f)) {
            float[][] a = hand.run(List.of(x)), b = exec.run(List.of(x));
            for (int t = 0; t < a.length; t++) {
                if (a[t] == null) continue;
                assertNotNull(b[t], "tensor " + t);
                for (int i = 0; i < a[t].length; i++) assertEquals(a[t][i], b[t][i], 1e-5 * (1 + Math.abs(a[t][i])), "tensor " + t + "[" + i + "]");
            }
        }
    }

    @Test
    void aBatchNormCnnQuantizesThroughTheExecutorWithInt8CloseToFloatAndAnIdenticalExport() {
        Graph cnn = PostTrainingQuantizerTest.withData(SmallCnn.graph(0.25), 7, Map.of());
        Random r = new Random(5);
        List<float[]> calib = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            float[] x = new float[784];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
            calib.add(x);
        }
        ExecutorForward forward = ExecutorForward.serial();
        QuantizedModel m = new PostTrainingQuantizer(forward).quantize(cnn, PostTrainingQuantizer.singleInput(calib), PtqOptions.defaults());
        List<LabelledSample> test = new ArrayList<>();
        FloatForward.Runner f = forward.prepare(m.floatGraph());
        for (float[] x : calib) {
            float[] logits = f.run(List.of(x))[m.floatGraph().outputs().get(0)];
            test.add(LabelledSample.of(x, QuantReport.argMax(logits)));
        }
        QuantReport rep = QuantReport.evaluate(m, forward, test, Parallelism.serial());
        assertEquals(1.0, rep.floatTop1());
        assertTrue(rep.agreement() >= 0.9, "int8 agrees with float on the calibration images: " + rep.agreement());
        for (QuantReport.LayerSqnr l : rep.layers()) assertTrue(l.sqnrDb() > 15, l.toString());
        Graph back = TfliteReader.read(TfliteWriter.write(m.graph()), "cnn.tflite");
        Interpreter a = Interpreter.prepare(m.graph()), b = Interpreter.prepare(back);
        for (float[] x : calib.subList(0, 4)) {
            assertEquals(a.run(TensorValue.quantizing(a.inputTensor(0), x)), b.run(TensorValue.quantizing(b.inputTensor(0), x)));
        }
    }
}
