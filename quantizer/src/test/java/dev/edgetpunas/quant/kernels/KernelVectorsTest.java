package dev.edgetpunas.quant.kernels;

import static dev.edgetpunas.quant.testutil.KernelVectors.bytes;
import static dev.edgetpunas.quant.testutil.KernelVectors.doubles;
import static dev.edgetpunas.quant.testutil.KernelVectors.floats;
import static dev.edgetpunas.quant.testutil.KernelVectors.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgetpunas.compiler.util.SharedData;
import dev.edgetpunas.quant.fixedpoint.Rounding;
import dev.edgetpunas.quant.params.Calibration;
import dev.edgetpunas.quant.params.FusedActivation;
import dev.edgetpunas.quant.params.PerAxis;
import dev.edgetpunas.quant.params.PerTensor;
import dev.edgetpunas.quant.params.QType;
import dev.edgetpunas.quant.params.QuantParams;
import dev.edgetpunas.quant.testutil.KernelVectors;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op case of TFLite's kernel tests transcribed in {@code kernel_vectors.json}: where the test
 * asserts raw ints we match them exactly; where it asserts dequantized floats we match within its
 * tolerance (and the raw values an independent model derived, where given).
 */
class KernelVectorsTest {

    static Stream<String> caseIds() {
        List<JsonNode> cases = KernelVectors.opCases();
        if (cases.isEmpty()) return Stream.of("(shared data missing)");
        return cases.stream().map(c -> c.get("id").asText());
    }

    @Test
    void theFileHoldsTwentyThreeOpCases() {
        assumeTrue(SharedData.root().isPresent(), SharedData.MISSING);
        assertEquals(23, KernelVectors.opCases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseIds")
    void kernelReproducesTfliteTestVector(String id) {
        assumeTrue(KernelVectors.root().isPresent(), SharedData.MISSING);
        JsonNode c = KernelVectors.opCases().stream().filter(n -> n.get("id").asText().equals(id)).findFirst().orElseThrow();
        String op = c.get("op").asText();
        JsonNode out = c.get("output");
        QTensor output = activation(out);
        byte[] result = new byte[output.size()];
        switch (op) {
            case "CONV_2D" -> runConv(c, output, result);
            case "DEPTHWISE_CONV_2D" -> runDepthwise(c, output, result);
            case "FULLY_CONNECTED" -> runFullyConnected(c, output, result);
            case "ADD" -> Add.prepare(activationOf(c), activation(c.get("input1")), activation(c.get("input2")), output)
                    .run(raw(c.get("input1")), raw(c.get("input2")), result);
            case "MUL" -> Mul.prepare(activationOf(c), activation(c.get("input1")), activation(c.get("input2")), output)
                    .run(raw(c.get("input1")), raw(c.get("input2")), result);
            case "AVERAGE_POOL_2D" -> {
                JsonNode o = c.get("options");
                Pool2D.prepare(Pool2D.Kind.AVERAGE, new Pool2D.Options(Padding.parse(o.get("padding").asText()),
                                o.get("stride_h").asInt(), o.get("stride_w").asInt(), o.get("filter_height").asInt(),
                                o.get("filter_width").asInt(), activationOf(c)), activation(c.get("input")), output)
                        .run(raw(c.get("input")), result);
            }
            case "SOFTMAX" -> Softmax.prepare((float) c.get("options").get("beta").asDouble(), activation(c.get("input")), output)
                    .run(raw(c.get("input")), result);
            default -> throw new AssertionError("no kernel for op " + op + " in case " + id);
        }
        checkExpected(c, output, result);
    }

    private static void checkExpected(JsonNode c, QTensor output, byte[] result) {
        JsonNode e = c.get("expected");
        int[] got = new int[result.length];
        for (int i = 0; i < got.length; i++) got[i] = output.type().load(result[i]);
        if (e.get("raw_asserted_by_test").asBoolean()) {
            assertArrayEquals(ints(e.get("raw")), got, "raw outputs asserted by the TFLite test");
        } else {
            double[] want = doubles(e.get("dequantized"));
            double tol = e.get("dequantized_tolerance").asDouble();
            PerTensor p = output.perTensor();
            for (int i = 0; i < want.length; i++) {
                double d = p.dequantize(got[i]);
                assertTrue(Math.abs(d - want[i]) <= tol, "element " + i + ": dequantized " + d + " vs expected " + want[i] + " +- " + tol + " (raw " + Arrays.toString(got) + ")");
            }
            if (e.has("raw_derived")) {
                assertArrayEquals(ints(e.get("raw_derived")), got, "raw outputs derived by an independent model of the reference kernel");
            }
            if (e.has("raw_implied")) {
                // the test's expected floats are exact multiples of the output scale, so they imply raw values
                // ("... = [-103,-114,...]; not asserted by the test"); our integer softmax reproduces them exactly
                String text = e.get("raw_implied").asText();
                String list = text.substring(text.indexOf('[') + 1, text.indexOf(']'));
                int[] implied = Arrays.stream(list.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
                assertArrayEquals(implied, got, "raw outputs implied by the expected floats");
            }
        }
    }

    private static void runConv(JsonNode c, QTensor output, byte[] result) {
        JsonNode o = c.get("options");
        Conv2D.Options opts = new Conv2D.Options(Padding.parse(o.get("padding").asText()), o.get("stride_h").asInt(),
                o.get("stride_w").asInt(), o.get("dilation_h").asInt(), o.get("dilation_w").asInt(), activationOf(c));
        JsonNode f = c.get("filter");
        QTensor filter = filter(f, 0);
        Conv2D.prepare(opts, activation(c.get("input")), filter, raw(f), ints(c.get("bias").get("raw_values")), output)
                .run(raw(c.get("input")), result);
    }

    private static void runDepthwise(JsonNode c, QTensor output, byte[] result) {
        JsonNode o = c.get("options");
        DepthwiseConv2D.Options opts = new DepthwiseConv2D.Options(Padding.parse(o.get("padding").asText()), o.get("stride_h").asInt(),
                o.get("stride_w").asInt(), o.get("depth_multiplier").asInt(), o.get("dilation_h").asInt(), o.get("dilation_w").asInt(),
                activationOf(c));
        JsonNode f = c.get("filter");
        DepthwiseConv2D.prepare(opts, activation(c.get("input")), filter(f, 3), raw(f), ints(c.get("bias").get("raw_values")), output)
                .run(raw(c.get("input")), result);
    }

    private static void runFullyConnected(JsonNode c, QTensor output, byte[] result) {
        JsonNode f = c.get("filter");
        QTensor weights = activation(f); // per-tensor, asymmetric (zero point -1)
        FullyConnected fc = FullyConnected.prepare(activationOf(c), activation(c.get("input")), weights, raw(f),
                ints(c.get("bias").get("raw_values")), output);
        JsonNode em = c.get("effective_multiplier");
        assertArrayEquals(new int[] {em.get("quantized_multiplier").asInt(), em.get("shift").asInt()}, fc.quantizedMultiplier(0));
        fc.run(raw(c.get("input")), result);
    }

    /** Fused activation from the options; "RELU (test-model default)" reads as RELU. */
    private static FusedActivation activationOf(JsonNode c) {
        JsonNode o = c.get("options");
        if (o == null || !o.has("fused_activation")) return FusedActivation.NONE;
        return FusedActivation.parse(o.get("fused_activation").asText().split(" ")[0]);
    }

    /** A per-tensor tensor from {type, shape, scale, zero_point}; checks (min, max)-derived params where given. */
    private static QTensor activation(JsonNode t) {
        QType type = QType.valueOf(t.get("type").asText());
        PerTensor p = new PerTensor((float) t.get("scale").asDouble(), t.get("zero_point").asInt());
        if (t.has("min") && t.has("max")) {
            assertEquals(p, Calibration.testUtilParams((float) t.get("min").asDouble(), (float) t.get("max").asDouble(), type),
                    "test-util QuantizationParams(min, max)");
        }
        if (t.has("float_values") && t.has("raw_values") && t.has("min")) {
            float[] f = floats(t.get("float_values"));
            int[] want = ints(t.get("raw_values"));
            for (int i = 0; i < f.length; i++) {
                // test_util: q = clamp(std::round(zp + f / scale)) in float
                int q = type.clamp(Rounding.roundHalfAwayToInt(p.zeroPoint() + f[i] / p.scale()));
                assertEquals(want[i], q, "test-util quantization of input " + i);
            }
        }
        return QTensor.of(type, ints(t.get("shape")), p);
    }

    private static QTensor filter(JsonNode f, int axis) {
        float[] scales = floats(f.get("per_channel_scales"));
        int[] zps = ints(f.get("zero_points"));
        QuantParams params = scales.length == 1 ? new PerTensor(scales[0], zps[0]) : new PerAxis(scales, zps, axis);
        // test_util per-channel filter quantization: clamp(round(f * (1.0f / scale[c])), -127, 127)
        float[] fv = floats(f.get("float_values"));
        int[] want = ints(f.get("raw_values"));
        int[] shape = ints(f.get("shape"));
        int channels = shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        for (int i = 0; i < fv.length; i++) {
            float s = params.scale((i / inner) % channels);
            int q = Rounding.clamp(Rounding.roundHalfAwayToLong(fv[i] * (1.0f / s)), -127, 127);
            assertEquals(want[i], q, "test-util filter quantization of element " + i);
        }
        return QTensor.of(QType.valueOf(f.get("type").asText()), shape, params);
    }

    private static byte[] raw(JsonNode t) {
        return bytes(t.get("raw_values"));
    }
}
