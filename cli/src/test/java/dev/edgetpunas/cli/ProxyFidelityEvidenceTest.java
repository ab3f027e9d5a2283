package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.zoo.EfficientNetSpec;
import dev.edgetpunas.nas.space.EdgeTpuGenome;
import dev.edgetpunas.nas.space.EdgeTpuSpace;
import dev.edgetpunas.training.data.FashionMnist;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.ProxyEstimator;
import dev.edgetpunas.training.graph.ProxyTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proxy fidelity (issue 11's evidence): 20 random {@code edgetpu}-space candidates, proxy accuracy with the
 * default budget vs the same candidates trained 5x longer (5x the steps on 5x the images, same seed),
 * Spearman and Kendall rank correlation and the cost per candidate. Writes a CSV to
 * {@code -Dedgetpunas.evidence.out=FILE} (default {@code target/proxy-fidelity.csv}); threads from
 * {@code -Dedgetpunas.evidence.threads} (default 2), candidates from {@code -Dedgetpunas.evidence.candidates} (20), proxy
 * steps from {@code -Dedgetpunas.evidence.steps} (default: the default budget's, one pass over steps x batch images). The
 * reference is always 5x the default budget; {@code -Dedgetpunas.evidence.reference=CSV} reuses the reference accuracies
 * of an earlier run's CSV (same candidates, same seeds: the runs are deterministic) instead of training them again.
 *
 * <p>Run: {@code mvn -B -o -pl cli -am verify -Pevidence -Dtest=ProxyFidelityEvidenceTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("evidence")
class ProxyFidelityEvidenceTest {

    @Test
    void proxyAccuracyRanksCandidatesLikeFiveTimesLongerTraining() throws Exception {
        assumeTrue(FashionMnist.locate(null).isPresent(), FashionMnist.HOW_TO_GET);
        int threads = Integer.getInteger("edgetpunas.evidence.threads", 2);
        int n = Integer.getInteger("edgetpunas.evidence.candidates", 20);
        Path out = Path.of(System.getProperty("edgetpunas.evidence.out", "target/proxy-fidelity.csv"));
        ProxyEstimator.Budget budget = ProxyEstimator.Budget.defaults().withThreads(threads);
        int steps = Integer.getInteger("edgetpunas.evidence.steps", budget.steps());
        budget = budget.withSteps(steps).withTrainSamples(steps * budget.batch());
        ProxyEstimator proxy = ProxyEstimator.create(null, budget);
        ProxyEstimator.Budget reference = ProxyEstimator.Budget.defaults().withThreads(threads).times(5);
        ProxyEstimator longer = ProxyEstimator.create(null, reference);
        java.util.Map<String, double[]> known = new java.util.HashMap<>();
        String ref = System.getProperty("edgetpunas.evidence.reference");
        if (ref != null) {
            for (String line : Files.readAllLines(Path.of(ref))) {
                if (line.startsWith("#") || line.startsWith("candidate")) continue;
                String genome = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                String[] tail = line.substring(line.lastIndexOf('"') + 2).split(",");
                known.put(genome, new double[] {Double.parseDouble(tail[4]), Double.parseDouble(tail[5])});
            }
        }
        EdgeTpuSpace space = new EdgeTpuSpace(false);
        SplittableRandom rng = new SplittableRandom(2019);
        double[] a = new double[n], b = new double[n];
        double costShort = 0, costLong = 0;
        StringBuilder csv = new StringBuilder("candidate,genome,macs_proxy,params_proxy,proxy_accuracy,proxy_s,long_accuracy,long_s\n");
        System.err.printf(Locale.ROOT, "proxy budget: %s; reference: %s; %d threads%n", budget, reference, threads);
        for (int i = 0; i < n; i++) {
            EdgeTpuGenome g = space.sample(rng);
            Architecture arch = new Architecture(space.name(), space.encode(g), space.describe(g), () -> space.decode(g));
            EfficientNetSpec adapted = ProxyTask.adapt(ProxyEstimator.specOf(arch).orElseThrow(), budget.widthFactor());
            long seed = 1000 + i;
            ProxyEstimator.Result s = proxy.run(adapted, seed);
            double[] kn = known.get(arch.genome());
            ProxyEstimator.Result l = kn != null ? new ProxyEstimator.Result(kn[0], Double.NaN, reference.steps(), kn[1], 0, s.macs(), s.parameters())
                    : longer.run(adapted, seed);
            a[i] = s.accuracy();
            b[i] = l.accuracy();
            costShort += s.seconds();
            costLong += l.seconds();
            csv.append(String.format(Locale.ROOT, "%d,\"%s\",%d,%d,%.4f,%.2f,%.4f,%.2f%n", i, arch.genome(), s.macs(), s.parameters(), s.accuracy(),
                    s.seconds(), l.accuracy(), l.seconds()));
            System.err.printf(Locale.ROOT, "%2d  %,11d MACs  proxy %.4f (%.1f s)  5x %.4f (%.1f s)  %s%n", i, s.macs(), s.accuracy(), s.seconds(),
                    l.accuracy(), l.seconds(), arch.genome());
        }
        double rho = new SpearmansCorrelation().correlation(a, b);
        double tau = new KendallsCorrelation().correlation(a, b);
        String summary = String.format(Locale.ROOT, "spearman %.3f; kendall %.3f over %d candidates; proxy %.1f s per candidate; 5x %.1f s per candidate "
                + "(%d threads; load average %.1f)", rho, tau, n, costShort / n, costLong / n, threads,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.err.println(summary);
        csv.append("# ").append(summary).append('\n');
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, csv.toString());
        assertEquals(n, a.length);
    }
}
