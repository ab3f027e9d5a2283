package dev.edgetpunas.nas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.nas.eval.NasBench201Table;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Shared test fixtures: the NAS-Bench-201 table (skips the test when the shared data is absent). */
public final class TestData {
    private static final Map<NasBench201Dataset, NasBench201Table> TABLES = new EnumMap<>(NasBench201Dataset.class);

    private TestData() {}

    public static Path tablePath() {
        Path p = SharedData.find(NasBench201Table.SHARED_PATH).orElse(null);
        assumeTrue(p != null, SharedData.MISSING);
        return p;
    }

    public static synchronized NasBench201Table table(NasBench201Dataset d) {
        Path p = tablePath();
        return TABLES.computeIfAbsent(d, k -> NasBench201Table.load(p, k));
    }
}
