package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Nonlinearity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksFileTest {

    @Test
    void keysOverrideTheDefaultsOfS(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.blocks");
        Files.writeString(f, """
                # a searched network
                activation: relu6
                resolution: 192   # smaller input
                classes: 10
                r1_k3_s11_e4_i24_o24_c1_noskip
                r2_k5_s22_e4_i24_o40, r1_k3_s22_e4_i40_o80
                """);
        EfficientNetSpec s = BlocksFile.read(f);
        assertEquals("mine", s.name());
        assertEquals(Nonlinearity.RELU6, s.activation());
        assertEquals(192, s.resolution());
        assertEquals(10, s.classes());
        assertEquals(32, s.stemFilters());
        assertEquals(3, s.blocks().size());
    }

    @Test
    void formatThenParseGivesTheSameSpec() {
        EfficientNetSpec s = EfficientNetSpec.B0.withResolution(256);
        assertEquals(s, BlocksFile.parse("x", "x", List.of(BlocksFile.format(s).split("\n"))));
    }

    @Test
    void errorsNameFileAndLine() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> BlocksFile.parse("net.blocks", "net", List.of("# ok", "stem: 32", "r1_k3_s11_e4_i24_o24_c9")));
        assertTrue(e.getMessage().startsWith("net.blocks:3: "), e.getMessage());
        assertTrue(e.getMessage().contains("'c9'"), e.getMessage());
        ModelFormatException k = assertThrows(ModelFormatException.class,
                () -> BlocksFile.parse("net.blocks", "net", List.of("widht: 1.2", "r1_k3_s11_e4_i24_o24")));
        assertTrue(k.getMessage().startsWith("net.blocks:1: unknown key 'widht'"), k.getMessage());
        ModelFormatException v = assertThrows(ModelFormatException.class,
                () -> BlocksFile.parse("net.blocks", "net", List.of("resolution: -3", "r1_k3_s11_e4_i24_o24")));
        assertTrue(v.getMessage().contains("resolution must be a whole number > 0"), v.getMessage());
    }
}
