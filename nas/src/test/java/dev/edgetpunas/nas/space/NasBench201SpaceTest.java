package dev.edgetpunas.nas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NasBench201SpaceTest {
    private final NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);

    @Test
    void cellStringRoundTripsForEveryCell() {
        space.all().forEach(c -> assertEquals(c, space.parse(space.encode(c))));
        assertEquals(NasBench201Cell.COUNT, space.all().distinct().count());
    }

    @Test
    void cellStringFollowsTheBenchmarksEdgeOrder() {
        NasBench201Cell c = NasBench201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        assertEquals(NasBench201Op.NOR_CONV_3X3, c.op(NasBench201Cell.edge(0, 1)));
        assertEquals(NasBench201Op.AVG_POOL_3X3, c.op(NasBench201Cell.edge(1, 2)));
        assertEquals(NasBench201Op.SKIP_CONNECT, c.op(NasBench201Cell.edge(2, 3)));
        assertEquals(NasBench201Op.SKIP_CONNECT, c.op(NasBench201Cell.edge(0, 3)));
    }

    /** A mutation changes exactly one edge, to a different op. */
    @Test
    void mutationIsAtDistanceOne() {
        qt().forAll(integers().between(0, NasBench201Cell.COUNT - 1), longs().all()).checkAssert((i, seed) -> {
            NasBench201Cell c = new NasBench201Cell(i);
            NasBench201Cell m = space.mutate(c, new SplittableRandom(seed));
            assertEquals(1, space.distance(c, m));
            assertEquals(space.distance(c, m), space.distance(m, c));
        });
    }

    @Test
    void mutationReachesEveryNeighbour() {
        NasBench201Cell c = new NasBench201Cell(1234);
        SplittableRandom rng = new SplittableRandom(3);
        java.util.Set<NasBench201Cell> seen = new java.util.HashSet<>();
        for (int k = 0; k < 2000; k++) seen.add(space.mutate(c, rng));
        assertEquals(6 * 4, seen.size());
    }

    /** Cells that differ only in dead edges decode to the same network, so they share a latency key. */
    @Test
    void canonicalCellDecodesToTheSameNetwork() {
        qt().withExamples(200).forAll(integers().between(0, NasBench201Cell.COUNT - 1)).checkAssert(i -> {
            NasBench201Cell c = new NasBench201Cell(i);
            NasBench201Cell k = NasBench201Space.canonical(c);
            assertEquals(space.decode(c).digest(), space.decode(k).digest(), c.toString());
            assertEquals(space.latencyKey(c), space.latencyKey(k));
        });
        assertEquals(9445, space.all().map(space::latencyKey).distinct().count());
    }

    @Test
    void badCellStringsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NasBench201Cell.parse("|nor_conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("nor_conv_5x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NasBench201Cell.parse("|none~0|+|none~0|none~1|"));
        assertTrue(e.getMessage().contains("3 nodes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NasBench201Cell.parse("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("none~1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NasBench201Cell(NasBench201Cell.COUNT));
    }

    @Test
    void describeListsTheEdgesForAnExternalTrainer() {
        NasBench201Cell c = new NasBench201Cell(777);
        var d = space.describe(c);
        assertEquals("nasbench201", d.get("space").asText());
        assertEquals(c.toString(), d.get("genome").asText());
        assertEquals(6, d.get("edges").size());
        assertEquals(c.op(5).id(), d.get("edges").get(5).get("op").asText());
        assertEquals(32, d.get("input_hw").asInt());
    }
}
