package dev.edgetpunas.scaling;

import dev.edgetpunas.compiler.zoo.BlockArgs;
import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A jump in latency between two neighbouring members: what changed in the network (rounded repeats or
 * filters, resolution) and what changed on the accelerator (parameters streamed instead of cached,
 * activations crossing the link, ops falling back to the CPU).
 *
 * <pre>{@code
 * Step s = Step.between(below, above);
 * s.describe();   // "latency steps from 4.100 ms (phi 0.612, 240x240) to 6.300 ms (phi 0.613, 240x240):
 *                 //  stage 4 repeats 5 -> 6; parameters no longer fit on chip (1.20 MiB streamed)"
 * }</pre>
 *
 * @param from the faster member
 * @param to the slower member
 * @param changes what differs in the networks, in stage order
 * @param causes what differs on the accelerator
 */
public record Step(Member from, Member to, List<String> changes, List<String> causes) {
    private static final int MAX_CHANGES = 6;

    public Step {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
        causes = List.copyOf(causes);
    }

    /** The step between two members, ordered by latency. */
    public static Step between(Member a, Member b) {
        Member lo = a.latencyMs() <= b.latencyMs() ? a : b;
        Member hi = lo == a ? b : a;
        return new Step(lo, hi, changes(lo.spec(), hi.spec()), causes(lo.measurement(), hi.measurement()));
    }

    /** The latency jump, ms. */
    public double jumpMs() {
        return to.latencyMs() - from.latencyMs();
    }

    /** One line: both ends, the network changes and the accelerator causes. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "latency steps from %.3f ms (%s) to %.3f ms (%s)", from.latencyMs(), where(from), to.latencyMs(),
                where(to)));
        List<String> parts = new ArrayList<>(changes);
        parts.addAll(causes);
        if (!parts.isEmpty()) sb.append(": ").append(String.join("; ", parts));
        return sb.toString();
    }

    private static String where(Member m) {
        return (m.phi().isPresent() ? "phi " + CompoundScaling.formatPhi(m.phi().getAsDouble()) + ", " : "") + m.resolution() + "x"
                + m.resolution();
    }

    static List<String> changes(EfficientNetSpec a, EfficientNetSpec b) {
        List<String> out = new ArrayList<>();
        int stem0 = a.roundFilters(a.stemFilters()), stem1 = b.roundFilters(b.stemFilters());
        if (stem0 != stem1) out.add("stem " + stem0 + " -> " + stem1);
        List<BlockArgs> x = a.scaledBlocks(), y = b.scaledBlocks();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            BlockArgs p = x.get(i), q = y.get(i);
            if (p.repeats() != q.repeats()) out.add("stage " + (i + 1) + " repeats " + p.repeats() + " -> " + q.repeats());
            if (p.outputFilters() != q.outputFilters()) {
                out.add("stage " + (i + 1) + " filters " + p.outputFilters() + " -> " + q.outputFilters());
            } else if (p.inputFilters() != q.inputFilters()) {
                out.add("stage " + (i + 1) + " expansion width " + p.inputFilters() * p.expandRatio() + " -> " + q.inputFilters() * q.expandRatio());
            }
        }
        int head0 = a.roundFilters(a.headFilters()), head1 = b.roundFilters(b.headFilters());
        if (head0 != head1) out.add("head " + head0 + " -> " + head1);
        if (a.resolution() != b.resolution()) out.add("resolution " + a.resolution() + " -> " + b.resolution());
        if (out.size() > MAX_CHANGES) {
            int more = out.size() - (MAX_CHANGES - 1);
            out = new ArrayList<>(out.subList(0, MAX_CHANGES - 1));
            out.add("and " + more + " more changes");
        }
        return out;
    }

    static List<String> causes(Measurement a, Measurement b) {
        List<String> out = new ArrayList<>();
        if (a.offchipStreamedBytes() == 0 && b.offchipStreamedBytes() > 0) {
            out.add("parameters no longer fit on chip (" + bytes(b.offchipStreamedBytes()) + " streamed per inference)");
        } else if (a.offchipStreamedBytes() != b.offchipStreamedBytes()) {
            out.add("streamed parameters " + bytes(a.offchipStreamedBytes()) + " -> " + bytes(b.offchipStreamedBytes()));
        }
        if (a.activationLinkBytes() == 0 && b.activationLinkBytes() > 0) {
            out.add("activations no longer fit on chip (" + bytes(b.activationLinkBytes()) + " cross the link)");
        } else if (a.activationLinkBytes() != b.activationLinkBytes()) {
            out.add("activations over the link " + bytes(a.activationLinkBytes()) + " -> " + bytes(b.activationLinkBytes()));
        }
        if (a.cpuOps() != b.cpuOps()) out.add("CPU ops " + a.cpuOps() + " -> " + b.cpuOps());
        return out;
    }

    /** Bytes as edgetpu_compiler prints them: B, KiB, MiB with 2 decimals. */
    static String bytes(long b) {
        if (b >= 1024L * 1024) return String.format(Locale.ROOT, "%.2f MiB", b / (1024.0 * 1024));
        if (b >= 1024L) return String.format(Locale.ROOT, "%.2f KiB", b / 1024.0);
        return b + " B";
    }
}
