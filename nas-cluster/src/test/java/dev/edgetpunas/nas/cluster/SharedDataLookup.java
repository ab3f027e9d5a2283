package dev.edgetpunas.nas.cluster;

import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.nas.eval.NasBench201Table;
import org.junit.jupiter.api.Assumptions;

/** Skips a test that needs the NAS-Bench-201 table of the shared data when it is absent. */
final class SharedDataLookup {
    private SharedDataLookup() {}

    static void assumeNasBench201Table() {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        Assumptions.assumeTrue(SharedData.find(NasBench201Table.SHARED_PATH).isPresent(), "no " + NasBench201Table.SHARED_PATH + " in the shared data");
    }
}
