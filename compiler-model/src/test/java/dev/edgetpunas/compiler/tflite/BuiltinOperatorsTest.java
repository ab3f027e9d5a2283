package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.util.SharedData;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BuiltinOperatorsTest {

    /** The embedded table equals the schema's enum as transcribed in the shared spec tables. */
    @Test
    void embeddedNamesEqualTheSpecTable() throws Exception {
        Assumptions.assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        List<String> lines = Files.readAllLines(SharedData.require("data/tflite-spec/builtin_operators.csv"));
        assertEquals("code,name", lines.get(0));
        assertEquals(lines.size() - 1, BuiltinOperators.count());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(f[1], BuiltinOperators.name(Integer.parseInt(f[0])), line);
        }
    }

    @Test
    void everyIrKindHasItsSchemaName() {
        for (OpKind k : OpKind.values()) {
            if (k.isBuiltin()) assertEquals(k.name(), BuiltinOperators.name(k.builtinCode()), k.name());
        }
    }

    @Test
    void unknownCodesGetAPlaceholderName() {
        assertEquals("BUILTIN_4242", BuiltinOperators.name(4242));
        assertEquals(Optional.of(69), BuiltinOperators.code("TILE"));
        assertTrue(BuiltinOperators.code("NOPE").isEmpty());
    }
}
