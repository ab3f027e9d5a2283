package dev.edgetpunas.nas.eval;

import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.training.estimate.AccuracyEstimator;
import dev.edgetpunas.training.estimate.Architecture;
import dev.edgetpunas.training.estimate.Estimate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * NAS-Bench-201 test accuracies of all 15,625 cells for one dataset, from the benchmark's table
 * (columns {@code arch_str} and {@code cifar10_test_acc}, {@code cifar100_test_acc},
 * {@code imagenet16_test_acc}, in percent; returned as fractions). As an
 * {@link AccuracyEstimator} it ignores the seed (the table holds one number per cell).
 *
 * <pre>{@code
 * NasBench201Table t = NasBench201Table.load(Path.of("../shared/data/nasbench201/nasbench201_acc.csv"), NasBench201Dataset.CIFAR10);
 * t.accuracy(cell);   // 0.9366
 * }</pre>
 *
 * <p>Load errors name the file, the line and the column; a table that lacks any of the 15,625 cells is
 * rejected.
 */
public final class NasBench201Table implements AccuracyEstimator {
    /** Where the table lives under the shared directory. */
    public static final String SHARED_PATH = "data/nasbench201/nasbench201_acc.csv";
    private final NasBench201Dataset dataset;
    private final double[] accuracy;

    private NasBench201Table(NasBench201Dataset dataset, double[] accuracy) {
        this.dataset = dataset;
        this.accuracy = accuracy;
    }

    /** Reads the table's column for {@code dataset}. */
    public static NasBench201Table load(Path csv, NasBench201Dataset dataset) {
        double[] acc = new double[NasBench201Cell.COUNT];
        Arrays.fill(acc, Double.NaN);
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new IllegalArgumentException(csv + ": empty file");
            List<String> cols = Arrays.asList(header.trim().split(","));
            int archCol = cols.indexOf("arch_str");
            int accCol = cols.indexOf(dataset.accuracyColumn());
            if (archCol < 0 || accCol < 0) {
                throw new IllegalArgumentException(csv + ": line 1: header must have columns 'arch_str' and '" + dataset.accuracyColumn()
                        + "', but was " + header);
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != cols.size()) {
                    throw new IllegalArgumentException(csv + ": line " + lineNo + ": expected " + cols.size() + " fields, but found " + f.length);
                }
                NasBench201Cell cell;
                double pct;
                try {
                    cell = NasBench201Cell.parse(f[archCol]);
                    pct = Double.parseDouble(f[accCol]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(csv + ": line " + lineNo + ": " + e.getMessage(), e);
                }
                if (!(pct >= 0 && pct <= 100)) {
                    throw new IllegalArgumentException(csv + ": line " + lineNo + ": " + dataset.accuracyColumn() + " must be in [0, 100] %, but was " + f[accCol]);
                }
                if (!Double.isNaN(acc[cell.index()])) {
                    throw new IllegalArgumentException(csv + ": line " + lineNo + ": cell " + f[archCol] + " appears twice");
                }
                acc[cell.index()] = pct / 100.0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < acc.length; i++) {
            if (Double.isNaN(acc[i])) {
                throw new IllegalArgumentException(csv + ": cell " + new NasBench201Cell(i) + " is missing (the table must list all "
                        + NasBench201Cell.COUNT + " cells)");
            }
        }
        return new NasBench201Table(dataset, acc);
    }

    public NasBench201Dataset dataset() {
        return dataset;
    }

    /** The test accuracy of {@code cell}, as a fraction. */
    public double accuracy(NasBench201Cell cell) {
        return accuracy[cell.index()];
    }

    @Override
    public Estimate estimate(Architecture architecture, long seed) {
        NasBench201Cell cell;
        try {
            cell = NasBench201Cell.parse(architecture.genome());
        } catch (IllegalArgumentException e) {
            return Estimate.failed("not a NAS-Bench-201 cell: " + e.getMessage());
        }
        return Estimate.ok(accuracy(cell));
    }

    @Override
    public String name() {
        return "nb201:" + dataset.id();
    }
}
