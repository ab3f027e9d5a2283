package dev.edgetpunas.systolic;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle for the Edge TPU mode's array path: lists every fold of the layer in execution order
 * (blocks, then N tiles, then K tiles) and sums their times one by one, as the model's documentation
 * states them. The model sums the same thing over classes of identical folds in constant time.
 */
final class FoldByFoldOracle {
    record Fold(long kf, long nf, long g, long kb, long inPass, boolean writesOut) {
        double weights() {
            return (double) (kf * nf) / g;
        }
    }

    long cycles;
    long stall;
    long folds;

    FoldByFoldOracle(ArrayConfig a, EdgeTpuParams p, Workload w, Placement pl) {
        long r = a.rows();
        long c = a.cols();
        List<Fold> list = new ArrayList<>();
        long t;
        switch (w.kind()) {
            case GEMM: {
                Gemm g = (Gemm) w;
                t = g.m();
                addBlock(list, r, c, g.k(), g.n(), 1, g.m() * g.k());
                break;
            }
            case CONV: {
                ConvWorkload cv = (ConvWorkload) w;
                t = cv.streamedRows();
                long in = p.convInputReuse() ? cv.uniqueInputBytesPerPass() : t * cv.reductionDepth();
                addBlock(list, r, c, cv.reductionDepth(), cv.cout(), 1, in);
                break;
            }
            case FULLY_CONNECTED: {
                FullyConnected f = (FullyConnected) w;
                t = 1;
                addBlock(list, r, c, f.inputs(), f.outputs(), 1, f.inputs());
                break;
            }
            case DEPTHWISE: {
                DepthwiseWorkload d = (DepthwiseWorkload) w;
                t = d.streamedRows();
                long kk = d.kernelArea();
                long perCh = p.convInputReuse() ? d.uniqueInputBytesPerChannel() : t * kk;
                long g = 1;
                if (p.depthwiseMapping() == DepthwiseMapping.BLOCK_DIAGONAL) {
                    g = Math.min(d.channels(), Math.max(1, Math.min(r / kk, c / d.depthMultiplier())));
                }
                for (long ch = 0; ch < d.channels(); ch += g) {
                    long gg = Math.min(g, d.channels() - ch);
                    addBlock(list, r, c, gg * kk, gg * d.depthMultiplier(), gg, gg * perCh);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("array workloads only: " + w.kind());
        }
        folds = list.size();
        for (int i = 0; i < list.size(); i++) {
            Fold f = list.get(i);
            Fold next = i + 1 < list.size() ? list.get(i + 1) : null;
            double in = f.inPass() * (double) f.kf() / f.kb();
            double out = f.writesOut() ? (double) (t * f.nf()) : 0;
            double sramActs = (pl.inputOnChip() ? in : 0) + (pl.outputOnChip() ? out : 0);
            double linkActs = (pl.inputOnChip() ? 0 : in) + (pl.outputOnChip() ? 0 : out);
            if (p.doubleBufferedWeights()) {
                double nw = next == null ? 0 : next.weights();
                long shift = next == null ? 0 : next.kf();
                double sram = sramActs + (pl.weightsOnChip() ? nw : 0);
                double link = linkActs + (pl.weightsOnChip() ? 0 : nw);
                long base = Math.max(t, shift);
                long time = Math.max(base, Math.max(cyc(sram, p.sramBandwidthBytesPerCycle()), cyc(link, p.linkBandwidthBytesPerCycle())));
                cycles += time + p.foldOverheadCycles();
                stall += time - base;
            } else {
                long load = Math.max(f.kf(), cyc(f.weights(), pl.weightsOnChip() ? p.sramBandwidthBytesPerCycle() : p.linkBandwidthBytesPerCycle()));
                long stream = Math.max(t, Math.max(cyc(sramActs, p.sramBandwidthBytesPerCycle()), cyc(linkActs, p.linkBandwidthBytesPerCycle())));
                cycles += load + stream + f.kf() + f.nf() - 2 + p.foldOverheadCycles();
                stall += load - f.kf() + stream - t;
            }
        }
        if (p.doubleBufferedWeights()) {
            Fold first = list.get(0);
            long load = Math.max(first.kf(), cyc(first.weights(), pl.weightsOnChip() ? p.sramBandwidthBytesPerCycle() : p.linkBandwidthBytesPerCycle()));
            stall += load - first.kf();
            long kU = list.stream().mapToLong(Fold::kf).max().orElseThrow();
            long nU = list.stream().mapToLong(Fold::nf).max().orElseThrow();
            cycles += load + kU + nU - 2;
        }
        cycles -= 1;
    }

    private static void addBlock(List<Fold> list, long r, long c, long kb, long nb, long g, long inPass) {
        for (long n0 = 0; n0 < nb; n0 += c) {
            for (long k0 = 0; k0 < kb; k0 += r) {
                list.add(new Fold(Math.min(r, kb - k0), Math.min(c, nb - n0), g, kb, inPass, k0 + r >= kb));
            }
        }
    }

    private static long cyc(double bytes, double bw) {
        return bytes <= 0 ? 0 : (long) Math.ceil(bytes / bw);
    }
}
