package dev.edgetpunas.nas.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgetpunas.compiler.graph.Graph;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The NAS-Bench-201 space: 15,625 cells (five ops on six edges), each decoded to the full macro
 * network for one dataset ({@link NasBench201Network}, live edges). Mutation changes the op of one
 * uniformly chosen edge to one of the other four ops, as in the benchmark's regularized-evolution
 * baseline; distance is the number of edges whose ops differ. Defaults: population 10, sample 3 (the
 * benchmark's published baseline), batch 2.
 *
 * <pre>{@code
 * NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);
 * space.all().count();   // 15625
 * }</pre>
 */
public final class NasBench201Space implements SearchSpace<NasBench201Cell> {
    /** The space's name. */
    public static final String NAME = "nasbench201";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NasBench201Dataset dataset;

    public NasBench201Space(NasBench201Dataset dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    public NasBench201Dataset dataset() {
        return dataset;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every cell, in index order. */
    public Stream<NasBench201Cell> all() {
        return IntStream.range(0, NasBench201Cell.COUNT).mapToObj(NasBench201Cell::new);
    }

    @Override
    public NasBench201Cell sample(RandomGenerator rng) {
        return new NasBench201Cell(rng.nextInt(NasBench201Cell.COUNT));
    }

    @Override
    public NasBench201Cell mutate(NasBench201Cell parent, RandomGenerator rng) {
        int e = rng.nextInt(NasBench201Cell.EDGES);
        int other = rng.nextInt(4);
        if (other >= parent.code(e)) other++;
        return parent.with(e, NasBench201Op.of(other));
    }

    @Override
    public int distance(NasBench201Cell a, NasBench201Cell b) {
        int d = 0;
        for (int e = 0; e < NasBench201Cell.EDGES; e++) if (a.code(e) != b.code(e)) d++;
        return d;
    }

    @Override
    public String encode(NasBench201Cell genome) {
        return genome.toString();
    }

    /** The cell with its dead edges (not on an input-output path) set to none: they decode to the same network. */
    @Override
    public String latencyKey(NasBench201Cell genome) {
        return canonical(genome).toString();
    }

    /** {@code cell} with every edge that is not live set to none. */
    public static NasBench201Cell canonical(NasBench201Cell cell) {
        boolean[] live = NasBench201Network.liveEdges(cell, NasBench201Network.Edges.LIVE);
        NasBench201Cell c = cell;
        for (int e = 0; e < NasBench201Cell.EDGES; e++) if (!live[e]) c = c.with(e, NasBench201Op.NONE);
        return c;
    }

    @Override
    public NasBench201Cell parse(String text) {
        return NasBench201Cell.parse(text);
    }

    @Override
    public Graph decode(NasBench201Cell genome) {
        return NasBench201Network.build(genome, dataset, NasBench201Network.Edges.LIVE);
    }

    @Override
    public ObjectNode describe(NasBench201Cell genome) {
        ObjectNode o = JSON.createObjectNode();
        o.put("space", NAME);
        o.put("genome", genome.toString());
        o.put("dataset", dataset.id());
        o.put("input_hw", dataset.inputSize());
        o.put("classes", dataset.classes());
        o.put("cell_index", genome.index());
        ArrayNode edges = o.putArray("edges");
        for (int e = 0; e < NasBench201Cell.EDGES; e++) {
            edges.addObject().put("from", NasBench201Cell.from(e)).put("to", NasBench201Cell.to(e)).put("op", genome.op(e).id());
        }
        o.put("has_input_output_path", NasBench201Network.hasInputOutputPath(genome));
        return o;
    }

    @Override
    public String bestFileName() {
        return "best.cell";
    }

    @Override
    public String bestFileContent(NasBench201Cell genome) {
        return genome + "\n";
    }

    @Override
    public EvolutionDefaults defaults() {
        return new EvolutionDefaults(10, 3, 2);
    }

    @Override
    public String toString() {
        return NAME + "(" + dataset.id() + ")";
    }
}
