package dev.edgetpunas.nas.space;

/**
 * Default regularized-evolution settings of a search space.
 *
 * <pre>{@code
 * new NasBench201Space(NasBench201Dataset.CIFAR10).defaults();   // population 10, sample 3, batch 2
 * }</pre>
 *
 * @param population population size P
 * @param sample tournament sample size S (1..P)
 * @param batchSize children generated and evaluated per batch (fixed, independent of the thread count)
 */
public record EvolutionDefaults(int population, int sample, int batchSize) {
    public EvolutionDefaults {
        if (population < 2) throw new IllegalArgumentException("population must be >= 2, but was " + population);
        if (sample < 1 || sample > population) {
            throw new IllegalArgumentException("sample must be in 1.." + population + ", but was " + sample);
        }
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
    }
}
