package dev.edgetpunas.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.edgetpunas.compiler.ModelFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class BlockStringTest {

    @ParameterizedTest
    @ValueSource(strings = {"r1_k3_s11_e4_i24_o24_c1_noskip", "r2_k3_s22_e8_i24_o32_c1", "r5_k5_s22_e8_i48_o96",
            "r1_k3_s11_e1_i32_o16_se0.25", "r4_k5_s22_e6_i112_o192_se0.25"})
    void publishedBlockStringsPrintBackUnchanged(String s) {
        assertEquals(s, BlockString.format(BlockString.parse(s)));
    }

    @Test
    void fieldsAreDecodedAsTensorflowTpuDoes() {
        BlockArgs b = BlockString.parse("r1_k3_s11_e4_i24_o24_c1_noskip");
        assertEquals(new BlockArgs(1, 3, 1, 1, 4, 24, 24, 0, false, 1), b);
        BlockArgs se = BlockString.parse("r2_k5_s22_e6_i24_o40_se0.25");
        assertEquals(0.25, se.seRatio());
        assertTrue(se.idSkip());
        assertFalse(se.fused());
        assertEquals(2, se.strideH());
    }

    @Test
    void encoderOutputWithExplicitDefaultsIsAccepted() {
        // tensorflow/tpu's encoder writes c0, f0 and p0
        assertEquals("r1_k3_s11_e1_i32_o16", BlockString.format(BlockString.parse("r1_k3_s11_e1_i32_o16_c0_f0_p0")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "r2_k3_s22_e8_i24_o32_c2|token 7 'c2'",
        "r2_k3_s22_e8_i24_o32_x9|unknown option 'x'",
        "r2_k3_s22_e8_i24|missing required option 'o'",
        "r2_k3_s2_e8_i24_o32|strides must be two digits",
        "r2_k3_s22_e8_i24_o32_se1.5|se ratio must be in (0, 1]",
        "r2_k3_s22_e8_i24_o32_r3|repeated option 'r'",
        "r2_k3_s22_e8.5_i24_o32|needs a whole number",
        "r2_k3_s22_ex_i24_o32|unknown option 'ex'",
        "r2_k3_s22_e_i24_o32|option 'e' has no value",
        "r2__k3_s22_e8_i24_o32|empty token",
        "r0_k3_s22_e8_i24_o32|repeats (r) must be > 0",
        "r2_k3_s22_e8_i24_o32_f1|fused_conv is not supported",
        "r2_k3_s22_e8_i24_o32_cc|CondConv"})
    void badBlockStringsNameTheProblem(String s, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> BlockString.parse(s));
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " should contain " + expected);
        assertTrue(e.getMessage().contains(s), "the message names the block string");
    }

    static Gen<BlockArgs> blockArgs() {
        Gen<Integer> seIdx = integers().between(0, 4);
        double[] ses = {0, 0.25, 0.5, 0.125, 1.0};
        return integers().between(1, 9).zip(integers().between(1, 9), integers().between(1, 3), integers().between(1, 3),
                        (r, k, sh, sw) -> new int[] {r, k, sh, sw})
                .zip(integers().between(1, 12), integers().between(1, 2048), integers().between(1, 2048), seIdx,
                        (a, e, i, o, s) -> new int[] {a[0], a[1], a[2], a[3], e, i, o, s})
                .zip(integers().between(0, 1), integers().between(0, 1),
                        (a, c, skip) -> new BlockArgs(a[0], a[1], a[2], a[3], a[4], a[5], a[6], ses[a[7]], skip == 1, c));
    }

    @Test
    void formatThenParseIsTheIdentity() {
        qt().forAll(blockArgs()).checkAssert(b -> assertEquals(b, BlockString.parse(BlockString.format(b))));
    }

    @Test
    void parseThenFormatIsTheIdentityOnCanonicalStrings() {
        qt().forAll(blockArgs()).checkAssert(b -> {
            String s = BlockString.format(b);
            assertEquals(s, BlockString.format(BlockString.parse(s)));
        });
    }

    @Test
    void listsRoundTrip() {
        List<BlockArgs> s = EfficientNetSpec.EDGETPU_S.blocks();
        assertEquals(s, BlockString.parseList(BlockString.formatList(s)));
    }
}
