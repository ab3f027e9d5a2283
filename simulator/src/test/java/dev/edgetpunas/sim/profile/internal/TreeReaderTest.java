package dev.edgetpunas.sim.profile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.sim.profile.ProfileException;
import org.junit.jupiter.api.Test;

class TreeReaderTest {

    @Test
    void everyKeyKeepsItsLineAndColumn() {
        LocatedTree t = TreeReader.read("schemaVersion: 1\n\naccelerator:\n  rows: 128\n  cols:   16\nhost: {threads: 2}\n", "a.yaml", false);
        assertEquals(new Origin("a.yaml", 1, 1), t.origin("schemaVersion"));
        assertEquals(new Origin("a.yaml", 3, 1), t.origin("accelerator"));
        assertEquals(new Origin("a.yaml", 4, 3), t.origin("accelerator.rows"));
        assertEquals(new Origin("a.yaml", 5, 3), t.origin("accelerator.cols"));
        assertEquals(new Origin("a.yaml", 6, 8), t.origin("host.threads"));
        assertEquals(new Origin("a.yaml", 3, 1), t.origin("accelerator.unwritten"), "falls back to the nearest written ancestor");
    }

    @Test
    void jsonKeysKeepTheirLocationsToo() {
        LocatedTree t = TreeReader.read("{\n  \"schemaVersion\": 1,\n  \"link\": {\"kind\": \"usb2\"}\n}", "a.json", true);
        assertEquals(2, t.origin("schemaVersion").line());
        assertEquals(3, t.origin("link.kind").line());
        assertEquals(12, t.origin("link.kind").column(), "1-based, at the opening quote");
    }

    @Test
    void malformedYamlGivesTheParsersLocationOnOneLine() {
        ProfileException e = assertThrows(ProfileException.class, () -> TreeReader.read("a: [1, 2\nb: 3\n", "m.yaml", false));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().startsWith("m.yaml:2:2: malformed YAML: expected ',' or ']', but got :"), e.getMessage());
        assertTrue(e.getMessage().contains("(while parsing a flow sequence)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        ProfileException quote = assertThrows(ProfileException.class, () -> TreeReader.read("a: \"x\n", "q.yaml", false));
        assertEquals(2, quote.line());
        assertTrue(quote.problem().contains("found unexpected end of stream"), quote.getMessage());
    }

    @Test
    void secondDocumentAndNonMappingDocumentsAreRejected() {
        ProfileException two = assertThrows(ProfileException.class, () -> TreeReader.read("a: 1\n---\nb: 2\n", "d.yaml", false));
        assertEquals(3, two.line());
        ProfileException list = assertThrows(ProfileException.class, () -> TreeReader.read("- 1\n- 2\n", "l.yaml", false));
        assertTrue(list.problem().endsWith("but was a list"), list.getMessage());
    }

    @Test
    void numbersKeepTheirKind() {
        LocatedTree t = TreeReader.read("a: 1\nb: 5000000000\nc: 2.5\nd: 1.0E10\ne: \"16.0\"\n", "n.yaml", false);
        assertTrue(t.root().get("a").isInt());
        assertTrue(t.root().get("b").isLong());
        assertTrue(t.root().get("c").isDouble());
        assertTrue(t.root().get("d").isDouble());
        assertTrue(t.root().get("e").isTextual());
    }
}
