package dev.edgetpunas.systolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The fused-vs-MBConv table of docs/systolic.md: EfficientNet-EdgeTPU-S stage shapes computed by hand
 * from the block strings, timed on a 64x64 WS array at 500 MHz with default Edge TPU parameters.
 * Pins the MAC counts (hand arithmetic) and writes the table to {@code target/systolic-stage-table.md};
 * the numbers are whatever the model gives (nothing here is tuned toward a winner).
 */
class EfficientNetStageTableTest {
    record Layer(String name, Workload w) {}

    record Block(String title, List<Layer> layers, boolean hasDepthwise) {}

    // stage 2, first block, r2_k3_s22_e8_i24_o32_c1: input 112x112x24 (after stage 1)
    static final Block STAGE2_FUSED = new Block("stage 2 fused (112x112x24 -> 56x56x32)", List.of(
            new Layer("conv 3x3 24->192 s1", ConvWorkload.same(112, 112, 3, 3, 24, 192, 1)),
            new Layer("conv 1x1 192->32 s2", ConvWorkload.same(112, 112, 1, 1, 192, 32, 2))), false);
    static final Block STAGE2_MBCONV = new Block("stage 2 MBConv (112x112x24 -> 56x56x32)", List.of(
            new Layer("conv 1x1 24->192", ConvWorkload.same(112, 112, 1, 1, 24, 192, 1)),
            new Layer("dw 3x3 192 s2", DepthwiseWorkload.same(112, 112, 192, 1, 3, 3, 2)),
            new Layer("conv 1x1 192->32", ConvWorkload.same(56, 56, 1, 1, 192, 32, 1))), true);
    // stage 5, first block, r4_k5_s11_e8_i96_o144: input 14x14x96; fused variant uses 3x3 (c1 ignores k)
    static final Block STAGE5_FUSED = new Block("stage 5 fused (14x14x96 -> 14x14x144)", List.of(
            new Layer("conv 3x3 96->768 s1", ConvWorkload.same(14, 14, 3, 3, 96, 768, 1)),
            new Layer("conv 1x1 768->144", ConvWorkload.same(14, 14, 1, 1, 768, 144, 1))), false);
    static final Block STAGE5_MBCONV = new Block("stage 5 MBConv (14x14x96 -> 14x14x144)", List.of(
            new Layer("conv 1x1 96->768", ConvWorkload.same(14, 14, 1, 1, 96, 768, 1)),
            new Layer("dw 5x5 768 s1", DepthwiseWorkload.same(14, 14, 768, 1, 5, 5, 1)),
            new Layer("conv 1x1 768->144", ConvWorkload.same(14, 14, 1, 1, 768, 144, 1))), true);

    @Test
    void blockMacsMatchHandArithmetic() {
        assertEquals(112L * 112 * 216 * 192 + 56L * 56 * 192 * 32, macs(STAGE2_FUSED));           // 539,492,352
        assertEquals(112L * 112 * 24 * 192 + 56L * 56 * 192 * 9 + 56L * 56 * 192 * 32, macs(STAGE2_MBCONV)); // 82,489,344
        assertEquals(14L * 14 * 864 * 768 + 14L * 14 * 768 * 144, macs(STAGE5_FUSED));
        assertEquals(14L * 14 * 96 * 768 + 14L * 14 * 768 * 25 + 14L * 14 * 768 * 144, macs(STAGE5_MBCONV));
    }

    private static long macs(Block b) {
        return b.layers().stream().mapToLong(l -> l.w().macs()).sum();
    }

    @Test
    void writesTheStageTable() throws IOException {
        ArrayConfig array = ArrayConfig.edgeTpu();
        StringBuilder md = new StringBuilder();
        md.append("Array 64x64 WS at 500 MHz; Edge TPU mode with default parameters (double-buffered weights, SRAM ")
                .append(fmt(EdgeTpuParams.DEFAULT_SRAM_BANDWIDTH)).append(" B/cycle, link ").append(fmt(EdgeTpuParams.DEFAULT_LINK_BANDWIDTH))
                .append(" B/cycle, vector path ").append(fmt(EdgeTpuParams.DEFAULT_VECTOR_ELEMENTS_PER_CYCLE)).append(" elements/cycle, conv input reuse on).\n")
                .append("Placement: weights on chip, activations on chip, unless the row says otherwise. Bytes = read + written.\n\n");
        md.append("| block | depthwise | placement | layer | unit | MACs | cycles | stall cycles | util | SRAM bytes | link bytes | us |\n");
        md.append("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> summary = new ArrayList<>();
        summary.add("| block | mode / depthwise | placement | MACs | cycles | stall cycles | util | SRAM bytes | link bytes | us |");
        summary.add("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Block b : List.of(STAGE2_FUSED, STAGE2_MBCONV, STAGE5_FUSED, STAGE5_MBCONV)) {
            List<DepthwiseMapping> mappings = b.hasDepthwise() ? List.of(DepthwiseMapping.values()) : List.of(DepthwiseMapping.BLOCK_DIAGONAL);
            for (DepthwiseMapping m : mappings) {
                EdgeTpuModel model = new EdgeTpuModel(array, EdgeTpuParams.defaults().withDepthwiseMapping(m));
                String dw = b.hasDepthwise() ? m.label() : "-";
                for (Placement p : List.of(Placement.ON_CHIP, Placement.ACTIVATIONS_OFF_CHIP)) {
                    String where = p == Placement.ON_CHIP ? "all on chip" : "activations off chip";
                    long[] tot = new long[5];
                    for (Layer l : b.layers()) {
                        LayerResult r = model.evaluate(l.w(), p);
                        if (p == Placement.ON_CHIP) {
                            md.append(row(b.title(), dw, where, l.name(), r.unit().name().toLowerCase(Locale.ROOT), r, array)).append('\n');
                        }
                        add(tot, r);
                    }
                    summary.add(sumRow(b.title(), "edgetpu / " + dw, where, tot, array));
                }
            }
            long[] tot = new long[5];
            for (Layer l : b.layers()) add(tot, new ScaleSimModel(array).evaluate(l.w()));
            summary.add(sumRow(b.title(), "scalesim" + (b.hasDepthwise() ? " / per-channel split" : ""), "(no memory model)", tot, array));
        }
        md.append("\nBlock totals:\n\n").append(String.join("\n", summary)).append('\n');
        md.append("\nSensitivity (block cycles, all on chip) to the two unmeasured parameters that matter here:\n\n");
        md.append("| block | depthwise | vector 16 el/cyc | vector 64 | vector 256 | SRAM 32 B/cyc | SRAM 128 | SRAM 512 |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Block b : List.of(STAGE2_FUSED, STAGE2_MBCONV, STAGE5_FUSED, STAGE5_MBCONV)) {
            List<DepthwiseMapping> mappings = b.hasDepthwise() ? List.of(DepthwiseMapping.BLOCK_DIAGONAL, DepthwiseMapping.VECTOR)
                    : List.of(DepthwiseMapping.BLOCK_DIAGONAL);
            for (DepthwiseMapping m : mappings) {
                StringBuilder r = new StringBuilder("| " + b.title() + " | " + (b.hasDepthwise() ? m.label() : "-") + " |");
                EdgeTpuParams base = EdgeTpuParams.defaults().withDepthwiseMapping(m);
                for (double lanes : new double[] {16, 64, 256}) r.append(String.format(Locale.ROOT, " %,d |", blockCycles(b, base.withVectorElementsPerCycle(lanes))));
                for (double bw : new double[] {32, 128, 512}) r.append(String.format(Locale.ROOT, " %,d |", blockCycles(b, base.withSramBandwidthBytesPerCycle(bw))));
                md.append(r).append('\n');
            }
        }
        Path out = Path.of("target", "systolic-stage-table.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    private static long blockCycles(Block b, EdgeTpuParams p) {
        EdgeTpuModel m = new EdgeTpuModel(ArrayConfig.edgeTpu(), p);
        return b.layers().stream().mapToLong(l -> m.evaluate(l.w(), Placement.ON_CHIP).cycles()).sum();
    }

    private static void add(long[] tot, LayerResult r) {
        tot[0] += r.macs();
        tot[1] += r.cycles();
        tot[2] += r.stallCycles();
        tot[3] += r.sramBytes();
        tot[4] += r.linkBytes();
    }

    private static String row(String block, String dw, String where, String layer, String unit, LayerResult r, ArrayConfig a) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %,d | %,d | %,d | %.4f | %,d | %,d | %.1f |", block, dw, where, layer, unit,
                r.macs(), r.cycles(), r.stallCycles(), r.overallUtilization(), r.sramBytes(), r.linkBytes(), a.micros(r.cycles()));
    }

    private static String sumRow(String block, String mode, String where, long[] t, ArrayConfig a) {
        double util = (double) t[0] / ((double) t[1] * a.peakMacsPerCycle());
        return String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %.4f | %,d | %,d | %.1f |", block, mode, where, t[0], t[1], t[2], util,
                t[3], t[4], a.micros(t[1]));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
