package dev.edgetpunas.systolic;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.FullyConnected;
import dev.edgetpunas.systolic.workload.Gemm;
import dev.edgetpunas.systolic.workload.Workload;
import org.quicktheories.core.Gen;

/** QuickTheories generators shared by the property tests. */
final class Generators {
    private Generators() {}

    static Gen<ArrayConfig> arrays(Dataflow df) {
        Gen<Integer> side = integers().between(1, 128);
        return side.zip(side, (r, c) -> new ArrayConfig(r, c, df, 500));
    }

    static Gen<Dataflow> dataflows() {
        return integers().between(0, 2).map(i -> Dataflow.values()[i]);
    }

    static Gen<Gemm> gemms() {
        return integers().between(1, 5000).zip(integers().between(1, 3000), integers().between(1, 2000),
                (m, k, n) -> new Gemm(m, k, n));
    }

    static Gen<ConvWorkload> convs() {
        Gen<Integer> hw = integers().between(1, 120);
        Gen<Integer> kern = integers().between(1, 7);
        Gen<Integer> ch = integers().between(1, 512);
        Gen<Integer> stride = integers().between(1, 3);
        return in -> {
            int h = hw.generate(in);
            int w = hw.generate(in);
            int kh = Math.min(kern.generate(in), h);
            int kw = Math.min(kern.generate(in), w);
            return ConvWorkload.scaleSim(h, w, kh, kw, ch.generate(in), ch.generate(in), stride.generate(in), stride.generate(in));
        };
    }

    static Gen<DepthwiseWorkload> depthwise() {
        Gen<Integer> hw = integers().between(1, 120);
        Gen<Integer> kern = integers().between(1, 7);
        Gen<Integer> ch = integers().between(1, 1200);
        Gen<Integer> mult = integers().between(1, 3);
        Gen<Integer> stride = integers().between(1, 2);
        return in -> {
            int h = hw.generate(in);
            int kh = Math.min(kern.generate(in), h);
            int s = stride.generate(in);
            return DepthwiseWorkload.same(h, h, ch.generate(in), mult.generate(in), kh, kh, s);
        };
    }

    static Gen<FullyConnected> fullyConnected() {
        return integers().between(1, 4096).zip(integers().between(1, 2048), (i, o) -> new FullyConnected(i, o));
    }

    /** Any array workload: GEMM, conv, depthwise or FC. */
    static Gen<Workload> arrayWorkloads() {
        Gen<Workload> g = gemms().map(x -> (Workload) x);
        return g.mix(convs().map(x -> (Workload) x)).mix(depthwise().map(x -> (Workload) x), 30)
                .mix(fullyConnected().map(x -> (Workload) x), 15);
    }

    /** Array workloads small enough to enumerate fold by fold (at most ~10^5 folds on a 1x1 array). */
    static Gen<Workload> smallArrayWorkloads() {
        Gen<Integer> d = integers().between(1, 300);
        Gen<Workload> g = d.zip(d, d, (m, k, n) -> (Workload) new Gemm(m, k, n));
        Gen<Workload> dw = in -> {
            int h = integers().between(1, 40).generate(in);
            int kh = Math.min(integers().between(1, 7).generate(in), h);
            return DepthwiseWorkload.same(h, h, integers().between(1, 300).generate(in), integers().between(1, 3).generate(in),
                    kh, kh, integers().between(1, 2).generate(in));
        };
        Gen<Workload> conv = in -> {
            int h = integers().between(1, 40).generate(in);
            int kh = Math.min(integers().between(1, 5).generate(in), h);
            return ConvWorkload.scaleSim(h, h, kh, kh, integers().between(1, 40).generate(in), integers().between(1, 300).generate(in),
                    integers().between(1, 3).generate(in), integers().between(1, 3).generate(in));
        };
        Gen<Workload> fc = d.zip(d, (i, o) -> (Workload) new FullyConnected(i, o));
        return g.mix(conv).mix(dw, 35).mix(fc, 15);
    }

    static Gen<Placement> placements() {
        return booleans().all().zip(booleans().all(), booleans().all(), Placement::new);
    }
}
