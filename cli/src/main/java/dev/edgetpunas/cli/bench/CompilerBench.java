package dev.edgetpunas.cli.bench;

import dev.edgetpunas.compiler.compile.CompileResult;
import dev.edgetpunas.compiler.compile.CompilerOptions;
import dev.edgetpunas.compiler.compile.CompilerVersion;
import dev.edgetpunas.compiler.compile.EdgeTpuCompiler;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.passes.Deploy;
import dev.edgetpunas.compiler.zoo.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The compiler model's cost per graph (rules, partition, placement): a NAS run compiles thousands of
 * distinct graphs, so this must stay well under a millisecond.
 *
 * <pre>{@code
 * ./edgetpu-nas bench compiler --quick
 * }</pre>
 */
@State(Scope.Benchmark)
public class CompilerBench {
    Graph edgeTpuS;
    Graph b0;
    CompilerOptions v16;
    CompilerOptions v2;

    @Setup
    public void setup() {
        edgeTpuS = Deploy.apply(ModelZoo.build("efficientnet-edgetpu-s"));
        b0 = Deploy.apply(ModelZoo.build("efficientnet-b0"));
        v16 = CompilerOptions.defaults(CompilerVersion.V16_0);
        v2 = CompilerOptions.defaults(CompilerVersion.V2_0);
    }

    /** EfficientNet-EdgeTPU-S (63 ops), compiler 16.0. */
    @Benchmark
    public CompileResult compileEfficientNetEdgeTpuS() {
        return EdgeTpuCompiler.compile(edgeTpuS, v16);
    }

    /** EfficientNet-B0 (238 ops), compiler 2.0: the fallback path. */
    @Benchmark
    public CompileResult compileEfficientNetB0Under2019() {
        return EdgeTpuCompiler.compile(b0, v2);
    }
}
