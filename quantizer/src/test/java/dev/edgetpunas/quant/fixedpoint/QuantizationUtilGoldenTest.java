package dev.edgetpunas.quant.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.quant.testutil.KernelVectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The golden values of TFLite's {@code quantization_util_test.cc} transcribed in kernel_vectors.json. */
class QuantizationUtilGoldenTest {

    private static JsonNode util() {
        assumeTrue(KernelVectors.quantizationUtil().isPresent(), SharedData.MISSING);
        return KernelVectors.quantizationUtil().get();
    }

    @Test
    void quantizeMultiplierMatchesGoldenRows() {
        for (JsonNode row : util().get("QuantizeMultiplier")) {
            QuantizedMultiplier m = QuantizedMultiplier.of(row.get(0).asDouble());
            assertEquals(new QuantizedMultiplier(row.get(1).asInt(), row.get(2).asInt()), m, "QuantizeMultiplier(" + row.get(0) + ")");
        }
    }

    @Test
    void quantizeMultiplierFlushesUnderflowToZero() {
        for (JsonNode row : util().get("QuantizeMultiplierUnderflow")) {
            QuantizedMultiplier m = QuantizedMultiplier.of(ldexp(row.get(0).asText()));
            assertEquals(new QuantizedMultiplier(row.get(1).asInt(), row.get(2).asInt()), m, row.get(0).asText());
        }
    }

    @Test
    void smallerThanOneMatchesGoldenRowsAndRejectsDeathCases() {
        JsonNode u = util();
        for (JsonNode row : u.get("QuantizeMultiplierSmallerThanOneExp")) {
            assertEquals(new QuantizedMultiplier(row.get(1).asInt(), row.get(2).asInt()),
                    QuantizedMultiplier.smallerThanOne(row.get(0).asDouble()), "SmallerThanOneExp(" + row.get(0) + ")");
        }
        for (JsonNode d : u.get("QuantizeMultiplierSmallerThanOneExp_death")) {
            double v = expression(d.asText());
            assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.smallerThanOne(v), d.asText());
        }
    }

    @Test
    void greaterThanOneMatchesGoldenRows() {
        for (JsonNode row : util().get("QuantizeMultiplierGreaterThanOne")) {
            assertEquals(new QuantizedMultiplier(row.get(1).asInt(), row.get(2).asInt()),
                    QuantizedMultiplier.greaterThanOne(row.get(0).asDouble()), "GreaterThanOne(" + row.get(0) + ")");
        }
    }

    @Test
    void multiplyByQuantizedMultiplierInt32MatchesGoldenRows() {
        JsonNode block = util().get("MultiplyByQuantizedMultiplierInt32");
        for (JsonNode row : block.get("rows")) {
            int x = (int) row.get(0).asLong();
            QuantizedMultiplier m = QuantizedMultiplier.of(row.get(1).asDouble());
            assertEquals(row.get(2).asInt(), m.apply(x), "x=" + x + " real=" + row.get(1));
        }
        JsonNode raw = block.get("raw_case");
        int x = raw.get("x").asInt();
        assertEquals(raw.get("expected").asInt(), FixedPoint.multiplyByQuantizedMultiplier(x, raw.get("quantized_multiplier").asInt(), raw.get("shift").asInt()));
        assertEquals(raw.get("expected_for_minus_x").asInt(), FixedPoint.multiplyByQuantizedMultiplier(-x, raw.get("quantized_multiplier").asInt(), raw.get("shift").asInt()));
    }

    @Test
    void multiplyByQuantizedMultiplierInt64MatchesGoldenRows() {
        JsonNode block = util().get("MultiplyByQuantizedMultiplierInt64");
        for (JsonNode row : block.get("rows")) {
            long x = row.get(0).isTextual() ? longExpression(row.get(0).asText()) : row.get(0).asLong();
            QuantizedMultiplier m = QuantizedMultiplier.of(row.get(1).asDouble());
            assertEquals(row.get(2).asInt(), FixedPoint.multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift()), "x=" + x + " real=" + row.get(1));
        }
        JsonNode raw = block.get("raw_case");
        long x = longExpression(raw.get("x").asText());
        assertEquals(raw.get("expected").asInt(), FixedPoint.multiplyByQuantizedMultiplier(x, raw.get("quantized_multiplier").asInt(), raw.get("shift").asInt()));
        assertEquals(raw.get("expected_for_minus_x").asInt(), FixedPoint.multiplyByQuantizedMultiplier(-x, raw.get("quantized_multiplier").asInt(), raw.get("shift").asInt()));
    }

    @Test
    void derivedMultipliersMatch() {
        for (JsonNode row : util().get("derived_multipliers_for_rows").get("rows")) {
            assertEquals(new QuantizedMultiplier(row.get(1).asInt(), row.get(2).asInt()), QuantizedMultiplier.of(row.get(0).asDouble()));
        }
    }

    private static final Pattern LDEXP = Pattern.compile("ldexp\\(([0-9.]+)f,(-?[0-9]+)\\)");

    /** {@code ldexp(0.99f,-32)}: the float mantissa widened to double, times 2^e. */
    static double ldexp(String s) {
        Matcher m = LDEXP.matcher(s.replace(" ", ""));
        if (!m.matches()) throw new IllegalArgumentException("not an ldexp expression: " + s);
        return Math.scalb((double) Float.parseFloat(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** {@code "1-1e-15"} or a plain number. */
    static double expression(String s) {
        s = s.replace(" ", "");
        if (s.startsWith("1-")) return 1 - Double.parseDouble(s.substring(2));
        return Double.parseDouble(s);
    }

    /** {@code "-(1<<47)"}, {@code "(1<<47)-1"}. */
    static long longExpression(String s) {
        s = s.replace(" ", "");
        return switch (s) {
            case "-(1<<47)" -> -(1L << 47);
            case "(1<<47)-1" -> (1L << 47) - 1;
            default -> Long.parseLong(s);
        };
    }
}
