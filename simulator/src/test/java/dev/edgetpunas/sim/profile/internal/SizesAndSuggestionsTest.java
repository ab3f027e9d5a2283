package dev.edgetpunas.sim.profile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SizesAndSuggestionsTest {

    @Test
    void sizesUseBinaryUnits() {
        assertEquals(8_388_608L, Sizes.parse("8MiB"));
        assertEquals(524_288L, Sizes.parse("512 KiB"));
        assertEquals(1_572_864L, Sizes.parse("1.5MiB"));
        assertEquals(4096L, Sizes.parse("4096"));
        assertEquals(4096L, Sizes.parse("4096B"));
        assertEquals(1L << 30, Sizes.parse("1gib"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8MB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("0.3KiB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("-1KiB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999999GiB"));
    }

    @Test
    void plainIntegersParseToThemselves() {
        qt().withFixedSeed(7L).forAll(longs().between(0, Long.MAX_VALUE)).check(n -> Sizes.parse(Long.toString(n)) == n);
    }

    @Test
    void suggestionsCatchTyposButNotStrangers() {
        List<String> keys = List.of("rows", "cols", "clockMhz", "sramBytes", "dataflow");
        assertEquals(Optional.of("clockMhz"), Suggestions.closest("clockMHz", keys));
        assertEquals(Optional.of("sramBytes"), Suggestions.closest("sramBtyes", keys));
        assertEquals(Optional.of("dataflow"), Suggestions.closest("dataFlow", keys));
        assertEquals(Optional.empty(), Suggestions.closest("bandwidthMBps", keys));
        assertEquals(1, Suggestions.distance("ab", "ba"), "a swap is one edit");
    }
}
