package dev.edgetpunas.systolic;

import dev.edgetpunas.systolic.internal.FoldPipeline;
import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.VectorWorkload;
import dev.edgetpunas.systolic.workload.Workload;

/**
 * Edge TPU mode: what a real weight-stationary int8 array does better or worse than SCALE-Sim's count.
 * <ul>
 *   <li>Double-buffered weights: the next fold's weights load while the current fold streams, and the
 *       folds pipeline, so only the first load and the last drain are exposed.</li>
 *   <li>Partial folds: a fold using {@code kf < R} rows shifts in {@code kf} weight rows, not R.</li>
 *   <li>A memory model: per fold, weight, input and output bytes at the level each lives on (SRAM or the
 *       host link, by {@link Placement}); a fold whose traffic at a level exceeds that level's bandwidth
 *       over the fold's compute time stalls. Inputs are read once per N tile (WS re-streams them for
 *       every group of C output channels); with {@link EdgeTpuParams#convInputReuse()} a conv reads each
 *       input activation once per pass instead of {@code kh*kw} times.</li>
 *   <li>Depthwise convolutions: block-diagonal, channel-serial, or on the vector path
 *       ({@link DepthwiseMapping}).</li>
 *   <li>{@link VectorWorkload}s on the vector path: {@code max(ceil(ops / vectorElementsPerCycle),
 *       memory cycles)}.</li>
 * </ul>
 * Cycles are counted as SCALE-Sim counts them (one cycle less per layer), so with unlimited bandwidth
 * and no fold overhead this mode is never slower than {@link ScaleSimModel} on the array. Only the
 * weight-stationary dataflow is modelled.
 *
 * <pre>{@code
 * EdgeTpuModel m = new EdgeTpuModel(ArrayConfig.edgeTpu(), EdgeTpuParams.defaults());
 * LayerResult r = m.evaluate(ConvWorkload.scaleSim(58, 58, 3, 3, 64, 64, 1, 1), Placement.ON_CHIP);
 * r.cycles();        // 28,413 (SCALE-Sim: 29,933): 8 of 9 weight loads hidden
 * r.stallCycles();   // 0
 * }</pre>
 */
public final class EdgeTpuModel implements CycleModel {
    private final ArrayConfig array;
    private final EdgeTpuParams params;

    /**
     * @throws IllegalArgumentException if the array's dataflow is not WS
     */
    public EdgeTpuModel(ArrayConfig array, EdgeTpuParams params) {
        if (array == null) throw new IllegalArgumentException("array must not be null");
        if (params == null) throw new IllegalArgumentException("params must not be null");
        if (array.dataflow() != Dataflow.WS) {
            throw new IllegalArgumentException("dataflow must be WS in Edge TPU mode (it models a weight-stationary array), but was "
                    + array.dataflow() + "; use SCALE-Sim mode for OS and IS");
        }
        this.array = array;
        this.params = params;
    }

    @Override
    public ArrayConfig array() {
        return array;
    }

    /** The mode's parameters. */
    public EdgeTpuParams params() {
        return params;
    }

    @Override
    public String name() {
        return "edgetpu";
    }

    @Override
    public LayerResult evaluate(Workload w, Placement placement) {
        if (placement == null) throw new IllegalArgumentException("placement must not be null");
        switch (w.kind()) {
            case GEMM: {
                Gemm g = (Gemm) w;
                return gemm(g.m(), g.k(), g.n(), g.m() * g.k(), g.macs(), placement);
            }
            case CONV: {
                ConvWorkload c = (ConvWorkload) w;
                long t = c.streamedRows();
                long k = c.reductionDepth();
                long inPass = params.convInputReuse() ? c.uniqueInputBytesPerPass() : t * k;
                return gemm(t, k, c.cout(), inPass, c.macs(), placement);
            }
            case FULLY_CONNECTED: {
                FullyConnected f = (FullyConnected) w;
                return gemm(1, f.inputs(), f.outputs(), f.inputs(), f.macs(), placement);
            }
            case DEPTHWISE:
                return depthwise((DepthwiseWorkload) w, placement);
            case VECTOR: {
                VectorWorkload v = (VectorWorkload) w;
                return vector(v.ops(), 0, v.bytesIn(), 0, v.bytesOut(), placement);
            }
        }
        throw new AssertionError(w.kind());
    }

    private FoldPipeline pipeline(Placement p) {
        return new FoldPipeline(array.rows(), array.cols(), params.doubleBufferedWeights(), params.sramBandwidthBytesPerCycle(),
                params.linkBandwidthBytesPerCycle(), params.foldOverheadCycles(), p.weightsOnChip(), p.inputOnChip(), p.outputOnChip());
    }

    private LayerResult gemm(long t, long k, long n, long inPass, long macs, Placement p) {
        FoldPipeline fp = pipeline(p);
        fp.run(t, 0, 0, 0, 1, 0, k, n, 1, inPass);
        long inputRead = inPass * ((n + array.cols() - 1) / array.cols());
        return arrayResult(fp, t, macs, k * n, inputRead, t * n, p);
    }

    private LayerResult depthwise(DepthwiseWorkload d, Placement p) {
        long t = d.streamedRows();
        int kk = d.kernelArea();
        int mult = d.depthMultiplier();
        int channels = d.channels();
        long perChannelIn = params.convInputReuse() ? d.uniqueInputBytesPerChannel() : t * kk;
        DepthwiseMapping mapping = params.depthwiseMapping();
        if (mapping == DepthwiseMapping.VECTOR) {
            return vector(d.macs(), d.macs(), perChannelIn * channels, d.weightBytes(), d.outputBytes(), p);
        }
        int g = 1;
        if (mapping == DepthwiseMapping.BLOCK_DIAGONAL) {
            g = Math.max(1, Math.min(array.rows() / kk, array.cols() / mult));
            g = Math.min(g, channels);
        }
        long blocks = (channels + g - 1) / g;
        long gLast = channels - (blocks - 1) * g;
        FoldPipeline fp = pipeline(p);
        fp.run(t, blocks - 1, (long) g * kk, (long) g * mult, g, g * perChannelIn,
                gLast * kk, gLast * mult, gLast, gLast * perChannelIn);
        // every channel's input is passed once per N tile of its block (more than one only when mult > C)
        long nTilesPerChannel = g == 1 ? (mult + array.cols() - 1) / array.cols() : 1;
        long inputRead = perChannelIn * channels * nTilesPerChannel;
        return arrayResult(fp, t, d.macs(), d.weightBytes(), inputRead, d.outputBytes(), p);
    }

    private LayerResult arrayResult(FoldPipeline fp, long t, long macs, long weightBytes, long inputRead, long outputWritten, Placement p) {
        long cycles = fp.cycles();
        long peak = array.peakMacsPerCycle();
        double util = Math.min(1.0, (double) macs / ((double) cycles * peak));
        double mapping = Math.min(1.0, (double) macs / ((double) fp.folds() * peak * t));
        long sramRead = (p.weightsOnChip() ? weightBytes : 0) + (p.inputOnChip() ? inputRead : 0);
        long linkRead = (p.weightsOnChip() ? 0 : weightBytes) + (p.inputOnChip() ? 0 : inputRead);
        long sramWritten = p.outputOnChip() ? outputWritten : 0;
        long linkWritten = p.outputOnChip() ? 0 : outputWritten;
        return new LayerResult(cycles, fp.stallCycles(), macs, util, mapping, fp.folds(), sramRead, sramWritten, linkRead, linkWritten,
                ExecutionUnit.ARRAY);
    }

    /** The vector path: {@code ops} lane operations, {@code macs} of them MACs, plus its operand traffic. */
    private LayerResult vector(long ops, long macs, long inBytes, long weightBytes, long outBytes, Placement p) {
        double lanes = params.vectorElementsPerCycle();
        long compute = Math.max(1, (long) Math.ceil(ops / lanes));
        long sram = (p.inputOnChip() ? inBytes : 0) + (p.outputOnChip() ? outBytes : 0) + (p.weightsOnChip() ? weightBytes : 0);
        long link = (p.inputOnChip() ? 0 : inBytes) + (p.outputOnChip() ? 0 : outBytes) + (p.weightsOnChip() ? 0 : weightBytes);
        long mem = Math.max(bytesCycles(sram, params.sramBandwidthBytesPerCycle()), bytesCycles(link, params.linkBandwidthBytesPerCycle()));
        long cycles = Math.max(compute, mem);
        double util = Math.min(1.0, ops / (cycles * lanes));
        double mapping = Math.min(1.0, ops / (compute * lanes));
        long sramRead = (p.inputOnChip() ? inBytes : 0) + (p.weightsOnChip() ? weightBytes : 0);
        long linkRead = (p.inputOnChip() ? 0 : inBytes) + (p.weightsOnChip() ? 0 : weightBytes);
        return new LayerResult(cycles, cycles - compute, macs, util, mapping, 0, sramRead, p.outputOnChip() ? outBytes : 0,
                linkRead, p.outputOnChip() ? 0 : outBytes, ExecutionUnit.VECTOR);
    }

    private static long bytesCycles(long bytes, double bytesPerCycle) {
        if (bytes <= 0) return 0;
        return (long) Math.ceil(bytes / bytesPerCycle);
    }
}
