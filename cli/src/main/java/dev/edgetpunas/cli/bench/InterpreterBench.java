package dev.edgetpunas.cli.bench;

import dev.edgetpunas.compiler.tflite.TfliteReader;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.quant.classify.ImageClassifier;
import dev.edgetpunas.quant.image.Images;
import dev.edgetpunas.quant.image.Resampler;
import dev.edgetpunas.quant.interp.Interpreter;
import dev.edgetpunas.quant.interp.TensorValue;
import dev.edgetpunas.quant.kernels.Parallelism;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The integer interpreter on a real model: {@code mobilenet_v2_1.0_224_quant.tflite} (uint8, 66 ops,
 * about 300 M MACs) from the shared data, fed {@code parrot.jpg} resized to 224x224 (Lanczos), prepared
 * once; one benchmark call is one inference (inferences per second). {@code threads} is the kernels'
 * row-splitting parallelism. Needs ../shared/data (see {@code SharedData}).
 *
 * <pre>{@code
 * ./edgetpu-nas bench interp --quick
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class InterpreterBench {

    @Param({"mobilenet_v2_1.0_224_quant"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private Interpreter interpreter;
    private TensorValue input;
    private Parallelism parallelism;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path dir = SharedData.root().map(r -> r.resolve("data/tflite")).orElseThrow(() -> new IllegalStateException(SharedData.MISSING));
        ImageClassifier c = ImageClassifier.of(TfliteReader.read(dir.resolve(model + ".tflite")));
        interpreter = c.interpreter();
        input = c.inputFor(Images.read(dir.resolve("parrot.jpg"), c.colourMode()), Resampler.LANCZOS);
        parallelism = Parallelism.threads(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallelism.close();
    }

    @Benchmark
    public List<TensorValue> inference() {
        return interpreter.run(List.of(input), parallelism);
    }
}
