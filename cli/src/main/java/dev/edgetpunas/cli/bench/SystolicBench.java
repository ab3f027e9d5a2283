package dev.edgetpunas.cli.bench;

import dev.edgetpunas.systolic.ArrayConfig;
import dev.edgetpunas.systolic.DepthwiseMapping;
import dev.edgetpunas.systolic.EdgeTpuModel;
import dev.edgetpunas.systolic.EdgeTpuParams;
import dev.edgetpunas.systolic.Placement;
import dev.edgetpunas.systolic.ScaleSimModel;
import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import dev.edgetpunas.systolic.workload.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Layer evaluations per second of the systolic-array models (closed form), over a mix of 24 layers
 * shaped like EfficientNet-EdgeTPU-S (convs, fused blocks, depthwise, FC, element-wise). One op = one
 * layer evaluation.
 *
 * <pre>{@code
 * ./edgetpu-nas bench systolic          # or --quick
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SystolicBench {
    static final int LAYERS = 24;

    private final Workload[] layers = {
        ConvWorkload.same(224, 224, 3, 3, 3, 32, 2),          // stem
        ConvWorkload.same(112, 112, 3, 3, 32, 128, 1),        // stage 1 fused
        ConvWorkload.same(112, 112, 1, 1, 128, 24, 1),
        ConvWorkload.same(112, 112, 3, 3, 24, 192, 1),        // stage 2 fused
        ConvWorkload.same(112, 112, 1, 1, 192, 32, 2),
        ConvWorkload.same(56, 56, 3, 3, 32, 256, 1),          // stage 3 fused
        ConvWorkload.same(56, 56, 1, 1, 256, 48, 2),
        ConvWorkload.same(28, 28, 1, 1, 48, 384, 1),          // stage 4 MBConv
        DepthwiseWorkload.same(28, 28, 384, 1, 5, 5, 2),
        ConvWorkload.same(14, 14, 1, 1, 384, 96, 1),
        ConvWorkload.same(14, 14, 1, 1, 96, 768, 1),          // stage 5 MBConv
        DepthwiseWorkload.same(14, 14, 768, 1, 5, 5, 1),
        ConvWorkload.same(14, 14, 1, 1, 768, 144, 1),
        ConvWorkload.same(14, 14, 1, 1, 144, 1152, 1),        // stage 6 MBConv
        DepthwiseWorkload.same(14, 14, 1152, 1, 5, 5, 2),
        ConvWorkload.same(7, 7, 1, 1, 1152, 192, 1),
        ConvWorkload.same(7, 7, 1, 1, 192, 1280, 1),          // head
        new VectorWorkload(1280, 49, 7 * 7 * 1280, 1280),     // global average pool
        new FullyConnected(1280, 1001),
        new VectorWorkload(56 * 56 * 32, 1, 2L * 56 * 56 * 32, 56 * 56 * 32),   // residual ADD
        DepthwiseWorkload.same(112, 112, 192, 1, 3, 3, 2),
        ConvWorkload.same(58, 58, 3, 3, 64, 64, 1),
        ConvWorkload.scaleSim(64, 64, 1, 1, 64, 64, 1, 1),
        new VectorWorkload(28 * 28 * 48, 1, 2L * 28 * 28 * 48, 28 * 28 * 48),
    };

    private final ScaleSimModel scaleSim = new ScaleSimModel(ArrayConfig.edgeTpu());
    private final EdgeTpuModel edgeTpu = new EdgeTpuModel(ArrayConfig.edgeTpu(), EdgeTpuParams.defaults());
    /** Streamed weights, off-chip outputs, channel-serial depthwise, no double buffering: the other code paths. */
    private final EdgeTpuModel edgeTpuChannelSerial = new EdgeTpuModel(ArrayConfig.edgeTpu(),
            EdgeTpuParams.defaults().withDepthwiseMapping(DepthwiseMapping.CHANNEL_SERIAL).withDoubleBufferedWeights(false));
    private final Placement streamed = new Placement(false, true, false);

    @Benchmark
    @OperationsPerInvocation(LAYERS)
    public long scaleSimMode() {
        long sum = 0;
        for (Workload w : layers) sum += scaleSim.evaluate(w).cycles();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LAYERS)
    public long edgeTpuModeOnChip() {
        long sum = 0;
        for (Workload w : layers) sum += edgeTpu.evaluate(w, Placement.ON_CHIP).cycles();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LAYERS)
    public long edgeTpuModeStreamedSerial() {
        long sum = 0;
        for (Workload w : layers) sum += edgeTpuChannelSerial.evaluate(w, streamed).cycles();
        return sum;
    }
}
