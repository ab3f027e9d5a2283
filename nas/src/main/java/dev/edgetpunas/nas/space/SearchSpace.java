package dev.edgetpunas.nas.space;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import java.util.random.RandomGenerator;

/**
 * A search space: the codec between genomes and networks (Jenetics' "codec"), apart from any search
 * algorithm. Genomes are immutable values with {@code equals}; the engine only sees them through this
 * interface.
 *
 * <pre>{@code
 * SearchSpace<NasBench201Cell> space = new NasBench201Space(NasBench201Dataset.CIFAR10);
 * NasBench201Cell c = space.sample(new SplittableRandom(1));
 * String s = space.encode(c);            // "|nor_conv_3x3~0|+|...|"
 * Graph g = space.decode(space.parse(s)); // the full training graph
 * NasBench201Cell child = space.mutate(c, rng);   // exactly one gene changed
 * }</pre>
 *
 * <p>Implementations are thread-safe and deterministic: the same generator state gives the same
 * genome.
 *
 * @param <G> the genome type
 */
public interface SearchSpace<G> {

    /** The space's name as the CLI writes it ({@code edgetpu}, {@code nasbench201}). */
    String name();

    /** A uniformly random genome. */
    G sample(RandomGenerator rng);

    /** A copy of {@code parent} with exactly one gene changed to another of its values. */
    G mutate(G parent, RandomGenerator rng);

    /** The number of genes in which {@code a} and {@code b} differ (0 iff they are equal). */
    int distance(G a, G b);

    /** The genome's text form (block strings, a cell string); {@link #parse} reads it back. */
    String encode(G genome);

    /**
     * A key shared by genomes that decode to the same network (default: {@link #encode}); latency is
     * cached by it, so equivalent genomes are simulated once.
     */
    default String latencyKey(G genome) {
        return encode(genome);
    }

    /** Reads a genome printed by {@link #encode}; an {@link IllegalArgumentException} names the bad part. */
    G parse(String text);

    /** The full network of {@code genome} as a training graph (float, BATCH_NORM). */
    Graph decode(G genome);

    /** The genome as JSON: what an external accuracy command receives (without the seed). */
    ObjectNode describe(G genome);

    /** The file name of the best genome in an output directory ({@code best.blocks}, {@code best.cell}). */
    String bestFileName();

    /** The content of {@link #bestFileName()} for {@code genome}. */
    String bestFileContent(G genome);

    /** Default population, sample and batch sizes of regularized evolution on this space. */
    EvolutionDefaults defaults();
}
