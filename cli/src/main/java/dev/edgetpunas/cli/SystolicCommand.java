package dev.edgetpunas.cli;

import dev.edgetpunas.systolic.ArrayConfig;
import dev.edgetpunas.systolic.CycleModel;
import dev.edgetpunas.systolic.Dataflow;
import dev.edgetpunas.systolic.DepthwiseMapping;
import dev.edgetpunas.systolic.EdgeTpuModel;
import dev.edgetpunas.systolic.EdgeTpuParams;
import dev.edgetpunas.systolic.LayerResult;
import dev.edgetpunas.systolic.Placement;
import dev.edgetpunas.systolic.ScaleSimModel;
import dev.edgetpunas.systolic.topology.ScaleSimTopology;
import dev.edgetpunas.systolic.topology.TopologyFormat;
import dev.edgetpunas.systolic.topology.TopologyLayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgetpu-nas systolic}: times every layer of a SCALE-Sim topology CSV on an R x C array and
 * prints CSV ({@code layer,cycles,stall_cycles,macs,overall_util,mapping_efficiency}, utilization as
 * fractions) to stdout, one row per layer in order.
 *
 * <pre>{@code
 * ./edgetpu-nas systolic --topology mobilenet.csv --rows 64 --cols 64 --dataflow ws --scalesim
 * ./edgetpu-nas systolic --topology mobilenet.csv --depthwise vector --activations off-chip --bytes
 * ./edgetpu-nas systolic --topology bert.csv --gemm --rows 128 --cols 128 --dataflow os --scalesim
 * }</pre>
 */
@Command(name = "systolic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Cycles of each layer of a SCALE-Sim topology CSV on an R x C systolic array; CSV on stdout.",
            "Default: Edge TPU mode (double-buffered weights, partial folds, SRAM/link bandwidth stalls, legal depthwise mappings; WS only).",
            "--scalesim: scale-sim-v2's stall-free counts for ws, os or is (layers named *DP* split into one layer per channel)."})
public final class SystolicCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--topology", required = true, paramLabel = "FILE", description = "SCALE-Sim topology CSV.")
    Path topology;

    @Option(names = "--rows", defaultValue = "64", description = "Array rows R (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "64", description = "Array columns C (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--dataflow", defaultValue = "ws", paramLabel = "ws|os|is", description = "Dataflow (default: ${DEFAULT-VALUE}).")
    String dataflow;

    @Option(names = "--scalesim", description = "SCALE-Sim compatible mode instead of the Edge TPU mode.")
    boolean scalesim;

    @Option(names = "--gemm", description = "Rows are 'name,M,N,K,' (SCALE-Sim's -i gemm).")
    boolean gemm;

    @Option(names = "--bytes", description = "Append folds,sram_read_bytes,sram_written_bytes,link_read_bytes,link_written_bytes,unit.")
    boolean bytes;

    @Option(names = "--clock-mhz", defaultValue = "500", description = "Array clock for --link-mbps (default: ${DEFAULT-VALUE}).")
    double clockMhz;

    @Option(names = "--depthwise", paramLabel = "block-diagonal|channel-serial|vector",
            description = "Edge TPU mode: depthwise mapping (default: block-diagonal).")
    String depthwise;

    @Option(names = "--weights", paramLabel = "on-chip|off-chip", description = "Edge TPU mode: weights cached on chip or streamed (default: on-chip).")
    String weights;

    @Option(names = "--activations", paramLabel = "on-chip|off-chip", description = "Edge TPU mode: activations in SRAM or over the link (default: on-chip).")
    String activations;

    @Option(names = "--sram-bytes-per-cycle", paramLabel = "B", description = "Edge TPU mode: SRAM bandwidth (default: 128).")
    Double sramBytesPerCycle;

    @Option(names = "--link-mbps", paramLabel = "MB/s", description = "Edge TPU mode: host link bandwidth in MB/s (default: 420 at 500 MHz).")
    Double linkMbps;

    @Option(names = "--vector-elements-per-cycle", paramLabel = "N", description = "Edge TPU mode: vector path throughput (default: 64).")
    Double vectorElementsPerCycle;

    @Option(names = "--fold-overhead-cycles", paramLabel = "N", description = "Edge TPU mode: fixed cycles per fold (default: 0).")
    Long foldOverheadCycles;

    @Option(names = "--no-double-buffering", description = "Edge TPU mode: load each fold's weights after the previous fold drains.")
    boolean noDoubleBuffering;

    @Option(names = "--no-conv-input-reuse", description = "Edge TPU mode: stream conv inputs as im2col rows (kh*kw reads per activation).")
    boolean noConvInputReuse;

    @Override
    public Integer call() {
        ArrayConfig array = new ArrayConfig(rows, cols, Dataflow.parse(dataflow), clockMhz);
        if (scalesim) rejectEdgeOptions();
        CycleModel model = scalesim ? new ScaleSimModel(array) : new EdgeTpuModel(array, params());
        Placement placement = placement();
        List<TopologyLayer> layers = ScaleSimTopology.read(topology, gemm ? TopologyFormat.GEMM : TopologyFormat.CONV);
        List<TopologyLayer> runs = new ArrayList<>();
        for (TopologyLayer l : layers) {
            if (scalesim) runs.addAll(l.scaleSimLayers());
            else runs.add(l);
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder sb = new StringBuilder("layer,cycles,stall_cycles,macs,overall_util,mapping_efficiency");
        if (bytes) sb.append(",folds,sram_read_bytes,sram_written_bytes,link_read_bytes,link_written_bytes,unit");
        out.println(sb);
        for (TopologyLayer l : runs) {
            LayerResult r = model.evaluate(l.toWorkload(), placement);
            sb.setLength(0);
            sb.append(csv(l.name())).append(',').append(r.cycles()).append(',').append(r.stallCycles()).append(',').append(r.macs())
                    .append(',').append(fraction(r.overallUtilization())).append(',').append(fraction(r.mappingEfficiency()));
            if (bytes) {
                sb.append(',').append(r.folds()).append(',').append(r.sramBytesRead()).append(',').append(r.sramBytesWritten())
                        .append(',').append(r.linkBytesRead()).append(',').append(r.linkBytesWritten()).append(',')
                        .append(r.unit().name().toLowerCase(Locale.ROOT));
            }
            out.println(sb);
        }
        out.flush();
        return 0;
    }

    private EdgeTpuParams params() {
        EdgeTpuParams p = EdgeTpuParams.defaults();
        if (depthwise != null) p = p.withDepthwiseMapping(DepthwiseMapping.parse(depthwise));
        if (sramBytesPerCycle != null) p = p.withSramBandwidthBytesPerCycle(sramBytesPerCycle);
        if (linkMbps != null) p = p.withLinkBandwidthBytesPerCycle(EdgeTpuParams.bytesPerCycle(linkMbps, clockMhz));
        if (vectorElementsPerCycle != null) p = p.withVectorElementsPerCycle(vectorElementsPerCycle);
        if (foldOverheadCycles != null) p = p.withFoldOverheadCycles(foldOverheadCycles);
        if (noDoubleBuffering) p = p.withDoubleBufferedWeights(false);
        if (noConvInputReuse) p = p.withConvInputReuse(false);
        return p;
    }

    private Placement placement() {
        boolean w = onChip("--weights", weights);
        boolean a = onChip("--activations", activations);
        return new Placement(w, a, a);
    }

    private static boolean onChip(String option, String value) {
        if (value == null) return true;
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on-chip": return true;
            case "off-chip": return false;
            default: throw new BadInputException(option + " must be on-chip or off-chip, but was '" + value + "'");
        }
    }

    private void rejectEdgeOptions() {
        List<String> given = new ArrayList<>();
        if (depthwise != null) given.add("--depthwise");
        if (weights != null) given.add("--weights");
        if (activations != null) given.add("--activations");
        if (sramBytesPerCycle != null) given.add("--sram-bytes-per-cycle");
        if (linkMbps != null) given.add("--link-mbps");
        if (vectorElementsPerCycle != null) given.add("--vector-elements-per-cycle");
        if (foldOverheadCycles != null) given.add("--fold-overhead-cycles");
        if (noDoubleBuffering) given.add("--no-double-buffering");
        if (noConvInputReuse) given.add("--no-conv-input-reuse");
        if (!given.isEmpty()) {
            throw new BadInputException(String.join(", ", given) + " apply to the Edge TPU mode only; SCALE-Sim mode (--scalesim) has no memory model");
        }
    }

    private static String fraction(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
